import { describe, expect, it } from '@jest/globals';
import { RESERVATION_STATUSES, type ReservationAlternative } from '@wattsup/contracts';
import {
  applyReservationUpdate,
  transitionNotice,
  type ReservationUpdate,
} from './reservation-updates';
import { translator } from '../lib/i18n';
import { aReservation } from './reservation.fixture';

const reservation = aReservation();
const update = (overrides: Partial<ReservationUpdate>): ReservationUpdate => ({
  reservationId: reservation.id,
  userId: reservation.userId,
  terminalId: reservation.terminalId,
  status: 'ACTIVE',
  expiresAt: reservation.expiresAt,
  cause: 'Held for you by the charger',
  estimatedEndAt: null,
  alternatives: [],
  ...overrides,
});

describe('applyReservationUpdate', () => {
  it('applies an interruption in place with its cause and alternatives', () => {
    const other = aReservation({ id: 'other', status: 'COMPLETED' });
    const alternative: ReservationAlternative = {
      terminalId: 't-2',
      stationId: 's-2',
      stationName: 'Gare Matabiau',
      address: null,
      distanceM: 800,
      powerKw: 22,
      plugs: ['TYPE_2'],
    };
    const applied = applyReservationUpdate(
      [reservation, other],
      update({
        status: 'INTERRUPTED',
        expiresAt: null,
        cause: 'The charge point reported a fault.',
        alternatives: [alternative],
      }),
    );
    expect(applied.statusChanged).toBe(true);
    expect(applied.updated).toEqual({
      ...reservation,
      status: 'INTERRUPTED',
      endCause: 'The charge point reported a fault.',
      alternatives: [alternative],
    });
    expect(applied.mine).toEqual([applied.updated, other]);
  });

  it('refreshes the estimated end without touching the status or its cause', () => {
    const charging = aReservation({ status: 'IN_USE', endCause: null });
    const applied = applyReservationUpdate(
      [charging],
      update({
        status: 'IN_USE',
        expiresAt: null,
        cause: 'Meter values',
        estimatedEndAt: '2026-11-22T16:10:00.000Z',
      }),
    );
    expect(applied.statusChanged).toBe(false);
    expect(applied.updated).toEqual({ ...charging, estimatedEndAt: '2026-11-22T16:10:00.000Z' });
  });

  it('leaves the list alone for a reservation it does not know', () => {
    const mine = [reservation];
    const applied = applyReservationUpdate(mine, update({ reservationId: 'elsewhere' }));
    expect(applied).toEqual({ mine, updated: null, statusChanged: false });
    expect(applied.mine).not.toBe(mine);
  });
});

describe('transitionNotice', () => {
  it('tells the driver until when a charger hold lasts', () => {
    const notice = transitionNotice(reservation);
    expect(notice?.kind).toBe('success');
    expect(notice?.message).toMatch(/^Reserved at Parc Victor Hugo until \d\d:\d\d\.$/);
  });

  it('speaks the language of the translator it is given', () => {
    expect(transitionNotice(reservation, translator('fr'))?.message).toMatch(
      /^Réservé à Parc Victor Hugo jusqu’à \d\d:\d\d\.$/,
    );
    expect(transitionNotice(aReservation({ status: 'CANCELLED' }), translator('fr'))).toEqual({
      message: 'Votre réservation à Parc Victor Hugo est annulée.',
      kind: 'info',
    });
  });

  it('shows the notice of a soft hold', () => {
    const notice = 'Shown as reserved on the map; the charge point does not keep it for you.';
    expect(transitionNotice(aReservation({ kind: 'SOFT', notice }))).toEqual({
      message: notice,
      kind: 'info',
    });
  });

  it('repeats the hub’s cause when a reservation ends', () => {
    const endCause = 'Charging finished: 12.5 kWh in 30 min.';
    expect(transitionNotice(aReservation({ status: 'COMPLETED', endCause }))).toEqual({
      message: endCause,
      kind: 'success',
    });
    expect(
      transitionNotice(aReservation({ status: 'REJECTED', endCause: 'The charger refused.' })),
    ).toEqual({ message: 'The charger refused.', kind: 'error' });
  });

  it('stays quiet where the screen already says it', () => {
    const quiet = RESERVATION_STATUSES.filter(
      (status) => transitionNotice(aReservation({ status })) === null,
    );
    expect(quiet).toEqual(['PENDING', 'INTERRUPTED']);
  });
});
