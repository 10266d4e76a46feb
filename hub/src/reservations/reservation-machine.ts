import type { ReservationStatus } from '@wattsup/contracts';

/** What can happen to a reservation. Every change of status goes through `nextStatus`. */
export const RESERVATION_EVENTS = [
  'charger-accepted',
  'charger-refused',
  'charging-started',
  'charging-ended',
  'expired',
  'cancelled',
  'terminal-broke',
] as const;
export type ReservationEvent = (typeof RESERVATION_EVENTS)[number];

/** The whole state machine: for each event, the states it applies to and the state it leads to. */
const TRANSITIONS: Record<
  ReservationEvent,
  { from: readonly ReservationStatus[]; to: ReservationStatus }
> = {
  'charger-accepted': { from: ['PENDING'], to: 'ACTIVE' },
  'charger-refused': { from: ['PENDING'], to: 'REJECTED' },
  'charging-started': { from: ['ACTIVE'], to: 'IN_USE' },
  'charging-ended': { from: ['IN_USE'], to: 'COMPLETED' },
  expired: { from: ['ACTIVE'], to: 'EXPIRED' },
  cancelled: { from: ['ACTIVE'], to: 'CANCELLED' },
  'terminal-broke': { from: ['ACTIVE', 'IN_USE'], to: 'INTERRUPTED' },
};

/** The status `event` leads to from `status`, or null when the event does not apply there. */
export function nextStatus(
  status: ReservationStatus,
  event: ReservationEvent,
): ReservationStatus | null {
  const transition = TRANSITIONS[event];
  return transition.from.includes(status) ? transition.to : null;
}

/** The states `event` applies to, for set-based updates (`where status in (...)`). */
export function statusesAccepting(event: ReservationEvent): readonly ReservationStatus[] {
  return TRANSITIONS[event].from;
}

/** The state `event` leads to wherever it applies. */
export function statusAfter(event: ReservationEvent): ReservationStatus {
  return TRANSITIONS[event].to;
}

/** The status a reservation is born with: soft holds need no charger's consent. */
export const initialStatus = (kind: 'CHARGER' | 'SOFT'): ReservationStatus =>
  kind === 'SOFT' ? 'ACTIVE' : 'PENDING';
