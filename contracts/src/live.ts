import type { ReservationStatus, StatusSource, TerminalStatus } from './domain';
import type { AvailabilitySummary } from './api';

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
  'import.progress': {
    importId: string;
    state: 'queued' | 'running' | 'completed' | 'failed';
    rowsRead: number;
    rowsWritten: number;
    rowsRejected: number;
  };
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
