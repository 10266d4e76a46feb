import { RESERVATION_STATUSES, type ReservationStatus } from '@wattsup/contracts';
import {
  type ReservationEvent,
  RESERVATION_EVENTS,
  nextStatus,
  statusAfter,
  statusesAccepting,
} from './reservation-machine';

/** The legal transitions, written out by hand: every other (status, event) pair must be refused. */
const LEGAL: [ReservationStatus, ReservationEvent, ReservationStatus][] = [
  ['PENDING', 'charger-accepted', 'ACTIVE'],
  ['PENDING', 'charger-refused', 'REJECTED'],
  ['ACTIVE', 'charging-started', 'IN_USE'],
  ['ACTIVE', 'expired', 'EXPIRED'],
  ['ACTIVE', 'cancelled', 'CANCELLED'],
  ['ACTIVE', 'terminal-broke', 'INTERRUPTED'],
  ['IN_USE', 'charging-ended', 'COMPLETED'],
  ['IN_USE', 'terminal-broke', 'INTERRUPTED'],
];

const allPairs = RESERVATION_STATUSES.flatMap((status) =>
  RESERVATION_EVENTS.map((event) => [status, event] as const),
);
const illegal = allPairs.filter(
  ([status, event]) => !LEGAL.some(([from, on]) => from === status && on === event),
);

describe('reservation state machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });

  it.each(illegal)('%s refuses %s', (from, event) => {
    expect(nextStatus(from, event)).toBeNull();
  });

  it('covers every pair exactly once', () => {
    expect(LEGAL.length + illegal.length).toBe(
      RESERVATION_STATUSES.length * RESERVATION_EVENTS.length,
    );
  });

  it('ends in terminal states that nothing leaves', () => {
    for (const final of ['COMPLETED', 'EXPIRED', 'CANCELLED', 'INTERRUPTED', 'REJECTED'] as const) {
      expect(RESERVATION_EVENTS.map((event) => nextStatus(final, event))).toEqual(
        RESERVATION_EVENTS.map(() => null),
      );
    }
  });

  it('describes each event for set-based updates exactly as nextStatus decides it', () => {
    for (const event of RESERVATION_EVENTS) {
      for (const status of RESERVATION_STATUSES) {
        expect(nextStatus(status, event)).toBe(
          statusesAccepting(event).includes(status) ? statusAfter(event) : null,
        );
      }
    }
  });

  it('names the states an event applies to, for set-based updates', () => {
    expect(statusesAccepting('expired')).toEqual(['ACTIVE']);
    expect(statusesAccepting('terminal-broke')).toEqual(['ACTIVE', 'IN_USE']);
  });
});
