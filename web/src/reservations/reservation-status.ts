import {
  LIVE_RESERVATION_STATUSES,
  type ReservationStatus,
  type ReservationView,
} from '@wattsup/contracts';
import { english, type Translate } from '../lib/i18n';
import type { StatusTone } from '../lib/terminal-status';

const STATUS_TONES: Record<ReservationStatus, StatusTone> = {
  PENDING: 'unknown',
  ACTIVE: 'free',
  IN_USE: 'free',
  COMPLETED: 'unknown',
  EXPIRED: 'busy',
  CANCELLED: 'unknown',
  INTERRUPTED: 'down',
  REJECTED: 'down',
};

/** A reservation's status as a badge shows it, in the language of `t` (English unless given). */
export function reservationStatusDisplay(
  status: ReservationStatus,
  t: Translate = english,
): {
  label: string;
  tone: StatusTone;
} {
  return { label: t(`reservationStatus.${status}`), tone: STATUS_TONES[status] };
}

/** Whether the reservation still holds its terminal (the hub allows one per driver). */
export const isLiveReservation = (status: ReservationStatus): boolean =>
  (LIVE_RESERVATION_STATUSES as readonly ReservationStatus[]).includes(status);

export interface ReservationActions {
  /** The hub cancels only a running hold; once charging started, it is stopped at the charger. */
  cancel: boolean;
  /** Re-reserve one of the alternatives: only after an interruption. */
  move: boolean;
}

export function reservationActions(status: ReservationStatus): ReservationActions {
  return { cancel: status === 'ACTIVE', move: status === 'INTERRUPTED' };
}

/** An interruption stays on screen this long after it happened, unless dismissed. */
export const INTERRUPTION_SHOWN_MS = 30 * 60_000;

/**
 * The reservation the map's card is about: the live one, else a recent interruption the driver
 * has not dismissed (its alternatives are still worth a look). `mine` is live first, as the hub
 * lists it.
 */
export function reservationToShow(
  mine: readonly ReservationView[],
  dismissedIds: ReadonlySet<string>,
  now: number,
): ReservationView | null {
  const live = mine.find((reservation) => isLiveReservation(reservation.status));
  if (live) return live;
  const latest = mine[0];
  if (!latest || latest.status !== 'INTERRUPTED' || dismissedIds.has(latest.id)) return null;
  // A live update has no end time yet: it happened just now.
  const endedAt = latest.endedAt ? Date.parse(latest.endedAt) : now;
  return now - endedAt <= INTERRUPTION_SHOWN_MS ? latest : null;
}
