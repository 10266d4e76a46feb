import { z } from 'zod';
import { RESERVATION_STATUSES, type ReservationStatus } from './domain';

/** The `code` of reservation errors (HTTP 409 unless said otherwise). */
export const RESERVATION_ERROR_CODES = [
  /** Someone else holds the terminal. */
  'TERMINAL_TAKEN',
  /** The driver already has a live reservation: `details` has `reservationId`, `status`, `stationName`, `expiresAt`. */
  'ALREADY_HOLDING',
  /** The terminal is not AVAILABLE: `details.status`. */
  'NOT_AVAILABLE',
  'CHARGER_OFFLINE',
  /** No charger is bound and the operator offers no soft holds. */
  'NO_LIVE_CONNECTION',
  /** The charger answered ReserveNow with a refusal: `details.answer`. */
  'CHARGER_REFUSED',
  /** The charger never confirmed in time. */
  'CHARGER_NOT_CONFIRMED',
  /** Cancel after charging started, or of an ended reservation: `details.status`. */
  'CANNOT_CANCEL',
  /** Move from anything but INTERRUPTED: `details.status`. */
  'CANNOT_MOVE',
] as const;
export type ReservationErrorCode = (typeof RESERVATION_ERROR_CODES)[number];

/** `POST /api/v1/reservations` */
export const createReservationRequest = z.strictObject({
  terminalId: z.uuid({ error: 'terminalId must be a UUID' }),
});
export type CreateReservationRequest = z.infer<typeof createReservationRequest>;

/** `POST /api/v1/reservations/{id}/move`: re-reserve elsewhere after an interruption. */
export const moveReservationRequest = createReservationRequest;
export type MoveReservationRequest = CreateReservationRequest;

/** `GET /api/v1/admin/reservations` */
export const adminReservationsQuery = z.strictObject({
  status: z.enum(RESERVATION_STATUSES).optional(),
  userId: z.uuid().optional(),
  terminalId: z.uuid().optional(),
  stationId: z.uuid().optional(),
  /** Reservations created at or after this time. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AdminReservationsQuery = z.output<typeof adminReservationsQuery>;

/**
 * CHARGER: the charger itself holds the connector (OCPP ReserveNow or the MQTT reserve command).
 * SOFT: a terminal known only from static data; the hold is shown to other drivers but nothing
 * stops someone from plugging in.
 */
export const RESERVATION_KINDS = ['CHARGER', 'SOFT'] as const;
export type ReservationKind = (typeof RESERVATION_KINDS)[number];

/** `GET /api/v1/reservations/policy`: what a driver should know before reserving. */
export interface ReservationPolicy {
  /** How long a hold lasts before charging must start. */
  holdSeconds: number;
}

/** A nearby terminal offered when a reservation is interrupted, ready for one-tap re-reserve. */
export interface ReservationAlternative {
  terminalId: string;
  stationId: string;
  stationName: string;
  address: string | null;
  distanceM: number;
  powerKw: number;
  plugs: string[];
}

export interface ReservationTransitionView {
  from: ReservationStatus | null;
  to: ReservationStatus;
  cause: string;
  at: string;
}

export interface ReservationView {
  id: string;
  userId: string;
  status: ReservationStatus;
  kind: ReservationKind;
  terminalId: string;
  stationId: string;
  stationName: string;
  address: string | null;
  lon: number;
  lat: number;
  powerKw: number;
  plugs: string[];
  createdAt: string;
  /** End of the hold while ACTIVE. */
  expiresAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Why it ended (or was refused), in words a driver understands. */
  endCause: string | null;
  /** While IN_USE: when charging is expected to end, refreshed as meter values arrive. */
  estimatedEndAt: string | null;
  energyKwh: number | null;
  /** From the station's tariff when it states a price per kWh; 0 when the station is free. */
  costEstimateEur: number | null;
  /** Set when INTERRUPTED: the nearest compatible available terminals. */
  alternatives: ReservationAlternative[];
  /** Present only on the answer that created a soft hold, or on any SOFT reservation. */
  notice: string | null;
}

export interface ReservationDetailView extends ReservationView {
  transitions: ReservationTransitionView[];
}
