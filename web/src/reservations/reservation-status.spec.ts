import { describe, expect, it } from '@jest/globals';
import { RESERVATION_STATUSES, type ReservationView } from '@wattsup/contracts';
import {
  INTERRUPTION_SHOWN_MS,
  isLiveReservation,
  reservationActions,
  reservationStatusDisplay,
  reservationToShow,
} from './reservation-status';
import { aReservation } from './reservation.fixture';

describe('reservationStatusDisplay', () => {
  it('has a distinct label for every status', () => {
    const labels = RESERVATION_STATUSES.map((status) => reservationStatusDisplay(status).label);
    expect(new Set(labels).size).toBe(RESERVATION_STATUSES.length);
  });

  it.each([
    ['ACTIVE', 'Reserved', 'free'],
    ['IN_USE', 'Charging', 'free'],
    ['INTERRUPTED', 'Interrupted', 'down'],
    ['EXPIRED', 'Expired', 'busy'],
  ] as const)('shows %s as %s (%s)', (status, label, tone) => {
    expect(reservationStatusDisplay(status)).toEqual({ label, tone });
  });
});

describe('reservationActions', () => {
  it.each(RESERVATION_STATUSES.map((status) => [status]))('allows on %s', (status) => {
    expect(reservationActions(status)).toEqual({
      cancel: status === 'ACTIVE',
      move: status === 'INTERRUPTED',
    });
  });
});

describe('isLiveReservation', () => {
  it('is true while the reservation holds its terminal', () => {
    expect(RESERVATION_STATUSES.filter(isLiveReservation)).toEqual(['PENDING', 'ACTIVE', 'IN_USE']);
  });
});

describe('reservationToShow', () => {
  const now = Date.parse('2026-11-22T14:00:00Z');
  const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  const none = new Set<string>();

  it('shows the live reservation before anything else', () => {
    const live = aReservation({ id: 'live', status: 'IN_USE' });
    const interrupted = aReservation({ id: 'old', status: 'INTERRUPTED', endedAt: minutesAgo(1) });
    expect(reservationToShow([interrupted, live], none, now)).toBe(live);
  });

  it('shows a recent interruption until it is dismissed', () => {
    const interrupted = aReservation({ status: 'INTERRUPTED', endedAt: minutesAgo(5) });
    expect(reservationToShow([interrupted], none, now)).toBe(interrupted);
    expect(reservationToShow([interrupted], new Set([interrupted.id]), now)).toBeNull();
  });

  it('treats an interruption without an end time yet as happening now', () => {
    const interrupted = aReservation({ status: 'INTERRUPTED', endedAt: null });
    expect(reservationToShow([interrupted], none, now)).toBe(interrupted);
  });

  it('forgets an old interruption and ignores the rest of the history', () => {
    const old = aReservation({
      status: 'INTERRUPTED',
      endedAt: new Date(now - INTERRUPTION_SHOWN_MS - 1000).toISOString(),
    });
    expect(reservationToShow([old], none, now)).toBeNull();
    const history: ReservationView[] = [
      aReservation({ id: 'a', status: 'COMPLETED' }),
      aReservation({ id: 'b', status: 'INTERRUPTED', endedAt: minutesAgo(1) }),
    ];
    expect(reservationToShow(history, none, now)).toBeNull();
    expect(reservationToShow([], none, now)).toBeNull();
  });
});
