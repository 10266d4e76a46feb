import {
  alreadyHolding,
  chargerRefusal,
  chargingFinished,
  clockTime,
} from './reservation-messages';

describe('reservation messages', () => {
  it('tells a driver where and until when they already hold a charge point', () => {
    const held = {
      stationName: 'Parc Victor Hugo',
      status: 'ACTIVE' as const,
      expiresAt: new Date('2026-11-22T13:32:00Z'),
    };
    expect(alreadyHolding(held, 'Europe/Paris')).toBe(
      'You already have a reservation at Parc Victor Hugo until 14:32.',
    );
    expect(alreadyHolding({ ...held, status: 'IN_USE' }, 'Europe/Paris')).toBe(
      'You are already charging at Parc Victor Hugo.',
    );
  });

  it('shows clock times in the configured time zone', () => {
    expect(clockTime(new Date('2026-07-01T10:05:00Z'), 'Europe/Paris')).toBe('12:05');
  });

  it('explains each ReserveNow refusal', () => {
    expect(chargerRefusal('Occupied')).toBe('The charger says this charge point is occupied.');
    expect(chargerRefusal('Faulted')).toMatch(/fault/);
    expect(chargerRefusal('Unavailable')).toMatch(/unavailable/);
    expect(chargerRefusal('Rejected')).toBe('The charger refused the reservation.');
    expect(chargerRefusal('Weird')).toBe('The charger refused the reservation (Weird).');
  });

  it('sums up a finished charge', () => {
    const start = new Date('2026-11-22T12:00:00Z');
    expect(chargingFinished(23_460, start, new Date('2026-11-22T12:42:00Z'))).toBe(
      'Charging finished: 23.5 kWh in 42 min.',
    );
    expect(chargingFinished(null, start, new Date('2026-11-22T12:10:00Z'))).toBe(
      'Charging finished: 10 min.',
    );
  });
});
