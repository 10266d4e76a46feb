import type { ReservationStatus, StatusSource, TerminalStatus } from './domain';
import type { AvailabilitySummary } from './api';
import type { ImportProgress } from './imports';

/** Server → client frames on `/live`. A misspelt event name is a compile error. */
export interface LiveEventMap {
  'terminal.status': {
    terminalId: string;
    stationId: string;
    status: TerminalStatus;
    source: StatusSource;
    station: AvailabilitySummary;
  };
  'reservation.updated': {
    reservationId: string;
    terminalId: string;
    status: ReservationStatus;
    expiresAt: string | null;
  };
  'import.progress': ImportProgress;
  'charger.connection': {
    chargerId: string;
    identity: string;
    online: boolean;
  };
}

export type LiveEventType = keyof LiveEventMap;

export type LiveFrame<T extends LiveEventType = LiveEventType> = {
  [K in T]: { type: K; at: string; data: LiveEventMap[K] };
}[T];
