import type { LiveEventMap, ReservationView } from '@wattsup/contracts';
import { english, type Translate } from '../lib/i18n';
import type { ToastKind } from '../lib/toasts.svelte';
import { formatClockTime } from './reservation-time';

export type ReservationUpdate = LiveEventMap['reservation.updated'];

export interface AppliedUpdate {
  mine: ReservationView[];
  /** The reservation as the update left it, or null when this list did not know it. */
  updated: ReservationView | null;
  /** Its status changed: the event does not carry everything that comes with it. */
  statusChanged: boolean;
}

/**
 * `mine` with one `reservation.updated` applied in place. The event carries what changes while a
 * reservation runs (status, hold end, estimated end, alternatives); what comes with a new status
 * (start time, energy, cost) is read again from the hub by the caller.
 */
export function applyReservationUpdate(
  mine: readonly ReservationView[],
  update: ReservationUpdate,
): AppliedUpdate {
  const index = mine.findIndex((reservation) => reservation.id === update.reservationId);
  if (index === -1) return { mine: [...mine], updated: null, statusChanged: false };
  const previous = mine[index];
  const updated: ReservationView = {
    ...previous,
    status: update.status,
    expiresAt: update.expiresAt ?? previous.expiresAt,
    estimatedEndAt: update.estimatedEndAt,
    alternatives: update.alternatives,
    endCause: update.status === previous.status ? previous.endCause : update.cause,
  };
  const next = [...mine];
  next[index] = updated;
  return { mine: next, updated, statusChanged: update.status !== previous.status };
}

export interface Notice {
  message: string;
  kind: ToastKind;
}

/**
 * What to tell the driver when one of their reservations reaches a new status, or null when the
 * screen already says it (PENDING lasts seconds; an interruption has its own alert). In the
 * language of `t` (English unless given); the hub's own words (notice, end cause) are shown as is.
 */
export function transitionNotice(
  reservation: ReservationView,
  t: Translate = english,
): Notice | null {
  const station = reservation.stationName;
  switch (reservation.status) {
    case 'ACTIVE':
      return reservation.kind === 'SOFT' && reservation.notice
        ? { message: reservation.notice, kind: 'info' }
        : {
            message: t('notice.reserved', {
              station,
              time: formatClockTime(reservation.expiresAt),
            }),
            kind: 'success',
          };
    case 'IN_USE':
      return { message: t('notice.charging', { station }), kind: 'success' };
    case 'COMPLETED':
      return {
        message: reservation.endCause ?? t('notice.completed', { station }),
        kind: 'success',
      };
    case 'EXPIRED':
      return {
        message: reservation.endCause ?? t('notice.expired', { station }),
        kind: 'info',
      };
    case 'CANCELLED':
      return { message: t('notice.cancelled', { station }), kind: 'info' };
    case 'REJECTED':
      return {
        message: reservation.endCause ?? t('notice.rejected', { station }),
        kind: 'error',
      };
    case 'PENDING':
    case 'INTERRUPTED':
      return null;
  }
}
