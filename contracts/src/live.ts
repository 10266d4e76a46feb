import { z } from 'zod';
import type { ReservationStatus, StatusSource, TerminalStatus } from './domain';
import type { StationStatusSummary } from './api';
import type { FleetSummary } from './fleet';
import type { ImportProgress } from './imports';
import type { ReservationAlternative } from './reservations';
import type { SupportTicketUpdate } from './support';
import type { VehicleUpdate } from './vehicles';

/** Server → client frames on `/live`. A misspelt event name is a compile error. */
export interface LiveEventMap {
  'terminal.status': {
    terminalId: string;
    stationId: string;
    status: TerminalStatus;
    source: StatusSource;
    /** When the status was last confirmed by its source (ISO time): the map's "last seen". */
    confirmedAt: string;
    /** The station's position, so every hub instance can route the event by viewport. */
    lon: number;
    lat: number;
    /** The station's counts after this change (a map adjusts the cluster holding it by the difference). */
    station: StationStatusSummary;
  };
  'reservation.updated': {
    reservationId: string;
    /** Only this user's sockets receive the event. */
    userId: string;
    terminalId: string;
    status: ReservationStatus;
    expiresAt: string | null;
    /** What caused this transition, in words a driver understands. */
    cause: string;
    estimatedEndAt: string | null;
    /** Set when INTERRUPTED: where to go instead. */
    alternatives: ReservationAlternative[];
  };
  'import.progress': ImportProgress;
  'charger.connection': {
    chargerId: string;
    identity: string;
    online: boolean;
  };
  'vehicle.updated': VehicleUpdate;
  'support.updated': SupportTicketUpdate;
  /** The fleet's counts and recent faults, at most once a second while anything changes. */
  'fleet.summary': FleetSummary;
}

export type LiveEventType = keyof LiveEventMap;

export type LiveFrame<T extends LiveEventType = LiveEventType> = {
  [K in T]: { type: K; at: string; data: LiveEventMap[K] };
}[T];

/** Admin-only streams a client can ask for on `/live`. */
export const LIVE_ADMIN_TOPICS = [
  'imports',
  'fleet',
  'reservations',
  'vehicles',
  'support',
  'fleet-summary',
] as const;
export type LiveAdminTopic = (typeof LIVE_ADMIN_TOPICS)[number];

/** The event each admin topic carries. */
export const LIVE_ADMIN_TOPIC_EVENTS = {
  imports: 'import.progress',
  fleet: 'charger.connection',
  reservations: 'reservation.updated',
  vehicles: 'vehicle.updated',
  support: 'support.updated',
  'fleet-summary': 'fleet.summary',
} as const satisfies Record<LiveAdminTopic, LiveEventType>;
export type LiveAdminTopicEvent<T extends LiveAdminTopic> = (typeof LIVE_ADMIN_TOPIC_EVENTS)[T];

export const LIVE_MAX_SUBSCRIBED_STATIONS = 100;

/** Close code of a `/live` socket whose account support just blocked (4000–4999: application). */
export const LIVE_CLOSE_ACCOUNT_BLOCKED = 4403;

const liveBbox = z
  .tuple([
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
  ])
  .refine(([minLon, minLat, maxLon, maxLat]) => minLon <= maxLon && minLat <= maxLat, {
    message: 'bbox is [minLon, minLat, maxLon, maxLat] with minimums first',
  });

/**
 * Client → server on `/live`. Each `subscribe` replaces the previous one (a map sends its new
 * viewport as it moves) and is answered by a `snapshot` of what it covers.
 */
export const liveSubscribeMessage = z
  .object({
    type: z.literal('subscribe'),
    bbox: liveBbox.optional(),
    stationId: z.uuid().optional(),
    stationIds: z.array(z.uuid()).max(LIVE_MAX_SUBSCRIBED_STATIONS).optional(),
    topics: z.array(z.enum(LIVE_ADMIN_TOPICS)).optional(),
  })
  .strict();
export type LiveSubscribeMessage = z.output<typeof liveSubscribeMessage>;

/** One station in a snapshot: where it is and how many of its terminals are free or doubtful. */
export interface LiveSnapshotStation extends StationStatusSummary {
  stationId: string;
  lon: number;
  lat: number;
}

/** One terminal of a station subscribed by id, with its freshness. */
export interface LiveSnapshotTerminal {
  terminalId: string;
  stationId: string;
  status: TerminalStatus;
  source: StatusSource;
  confirmedAt: string | null;
}

/** Server → client control frames, next to the events of `LiveEventMap`. */
export type LiveControlFrame =
  | {
      type: 'snapshot';
      at: string;
      data: {
        /** The bbox of the subscribe this snapshot answers, so a client knows which view it covers. */
        bbox: readonly [minLon: number, minLat: number, maxLon: number, maxLat: number] | null;
        stations: LiveSnapshotStation[];
        terminals: LiveSnapshotTerminal[];
        /** More stations lie in the bbox than a snapshot carries: zoom in, or use the tiles. */
        truncated: boolean;
      };
    }
  | { type: 'error'; at: string; data: { message: string } };

export type LiveServerFrame = LiveFrame | LiveControlFrame;
