import { createRandom } from '@wattsup/contracts';
import {
  type Connector,
  type ConnectorEffect,
  type ConnectorRates,
  advanceConnector,
  changeAvailability,
  fault,
  newConnector,
  remoteStart,
  repair,
  reserve,
  reserveStatus,
} from './connector.machine';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const QUIET: ConnectorRates = {
  arrivalsPerHour: 0,
  reservedArrivalsPerHour: 0,
  faultsPerHour: 0,
  repairsPerHour: 0,
};
const BUSY: ConnectorRates = { ...QUIET, arrivalsPerHour: 10_000 };

const statuses = (effects: ConnectorEffect[]) =>
  effects.flatMap((effect) => (effect.kind === 'status' ? [effect.phase] : []));

/** Runs the connector minute by minute, with one driver at most, and returns its effects. */
function run(connector: Connector, minutes: number, rates: ConnectorRates, seed = 1) {
  const random = createRandom(seed);
  const effects: ConnectorEffect[] = [];
  for (let minute = 0; minute < minutes; minute++) {
    effects.push(...advanceConnector(connector, 60, NOW + minute * 1000, random, rates));
    if (connector.car) rates = { ...rates, arrivalsPerHour: 0 };
  }
  return effects;
}

describe('the connector cycle', () => {
  it('goes Available → Preparing → Charging → SuspendedEV → Finishing → Available', () => {
    const connector = newConnector(1, 22);
    const effects = run(connector, 24 * 60, BUSY, 3);

    expect(
      effects.map((effect) => (effect.kind === 'status' ? effect.phase : effect.kind)),
    ).toEqual([
      'Preparing',
      'transactionStarted',
      'Charging',
      'chargingState',
      'SuspendedEV',
      'transactionEnded',
      'Finishing',
      'Available',
    ]);
  });

  it('ends the session when the driver has to leave, even before the car is full', () => {
    const connector = newConnector(1, 22);
    const effects = run(connector, 24 * 60, BUSY, 1);
    expect(statuses(effects)).toEqual(['Preparing', 'Charging', 'Finishing', 'Available']);
    expect(effects.find((effect) => effect.kind === 'transactionEnded')).toMatchObject({
      reason: 'Local',
    });
  });

  it('meters energy along the curve: the register only rises and the stop reading adds up', () => {
    const connector = newConnector(1, 150, 1_000_000);
    const random = createRandom(4);
    const effects: ConnectorEffect[] = [];
    let previous = connector.energyWh;
    for (let second = 0; second < 4 * 3600; second += 30) {
      effects.push(...advanceConnector(connector, 30, NOW, random, second === 0 ? BUSY : QUIET));
      expect(connector.energyWh).toBeGreaterThanOrEqual(previous);
      expect(connector.powerW).toBeLessThanOrEqual(150_000);
      previous = connector.energyWh;
    }
    const started = effects.find((effect) => effect.kind === 'transactionStarted')!;
    const ended = effects.find((effect) => effect.kind === 'transactionEnded')!;
    expect(started.kind === 'transactionStarted' && started.transaction.meterStartWh).toBe(
      1_000_000,
    );
    expect(ended.kind === 'transactionEnded' && ended.meterStopWh).toBeGreaterThan(1_000_000);
    expect(ended.kind === 'transactionEnded' && ended.reason).toBe('Local');
  });

  it('is the same cycle for the same seed', () => {
    const once = (seed: number) => statuses(run(newConnector(1, 50), 600, BUSY, seed));
    expect(once(9)).toEqual(once(9));
  });

  it('faults with an error code, ending the transaction as an emergency stop, then is repaired', () => {
    const connector = newConnector(1, 22);
    const random = createRandom(1);
    run(connector, 2, BUSY);
    expect(connector.phase).toBe('Charging');

    const effects = fault(connector, 'GroundFailure', random, NOW);
    expect(effects.map((effect) => effect.kind)).toEqual(['transactionEnded', 'status']);
    expect(effects[0]).toMatchObject({ reason: 'EmergencyStop' });
    expect(effects[1]).toMatchObject({ phase: 'Faulted', errorCode: 'GroundFailure' });
    expect(connector.car).toBeNull();

    expect(repair(connector, NOW)).toEqual([
      { kind: 'status', connectorId: 1, phase: 'Available', errorCode: 'NoError', atMs: NOW },
    ]);
  });
});

describe('reservations on a connector', () => {
  const reservation = { id: 42, idTag: 'DRIVER', expiresAtMs: NOW + 60_000 };

  it.each([
    ['Available', 'Accepted'],
    ['Preparing', 'Occupied'],
    ['Charging', 'Occupied'],
    ['SuspendedEV', 'Occupied'],
    ['Finishing', 'Occupied'],
    ['Faulted', 'Faulted'],
    ['Unavailable', 'Unavailable'],
  ] as const)('a %s connector answers %s', (phase, expected) => {
    const connector = newConnector(1, 22);
    connector.phase = phase;
    expect(reserveStatus(connector, 42)).toBe(expected);
  });

  it('a Reserved connector accepts its own reservation id again (replace) and refuses others', () => {
    const connector = newConnector(1, 22);
    expect(statuses(reserve(connector, reservation, NOW).effects)).toEqual(['Reserved']);
    expect(reserve(connector, { ...reservation, expiresAtMs: NOW + 1 }, NOW)).toEqual({
      status: 'Accepted',
      effects: [],
    });
    expect(reserve(connector, { ...reservation, id: 43 }, NOW).status).toBe('Occupied');
  });

  it('expires back to Available at the hub-given time, wall clock', () => {
    const connector = newConnector(1, 22);
    reserve(connector, reservation, NOW);
    const random = createRandom(1);
    expect(advanceConnector(connector, 3600, NOW + 59_000, random, QUIET)).toEqual([]);
    const effects = advanceConnector(connector, 1, NOW + 60_000, random, QUIET);
    expect(statuses(effects)).toEqual(['Available']);
    expect(effects[0]).toEqual({
      kind: 'reservationExpired',
      connectorId: 1,
      reservationId: 42,
      atMs: NOW + 60_000,
    });
  });

  it('the holder turning up starts the transaction with the reservation id and idTag', () => {
    const connector = newConnector(1, 22);
    reserve(connector, reservation, NOW);
    const effects = run(connector, 3, { ...QUIET, reservedArrivalsPerHour: 10_000 });
    const started = effects.find((effect) => effect.kind === 'transactionStarted');
    expect(started).toMatchObject({ transaction: { idTag: 'DRIVER', reservationId: 42 } });
    expect(connector.reservation).toBeNull();
  });

  it('walk-in drivers do not take a reserved connector', () => {
    const connector = newConnector(1, 22);
    reserve(connector, reservation, NOW);
    expect(run(connector, 30, BUSY)).toEqual([]);
    expect(connector.phase).toBe('Reserved');
  });

  it('remote start is accepted for the holder and rejected for anyone else', () => {
    const random = createRandom(1);
    const connector = newConnector(1, 22);
    reserve(connector, reservation, NOW);
    expect(remoteStart(connector, 'STRANGER', undefined, random, NOW).status).toBe('Rejected');
    const holder = remoteStart(connector, 'DRIVER', undefined, random, NOW);
    expect(holder.status).toBe('Accepted');
    expect(connector.car).toMatchObject({ idTag: 'DRIVER', reservationId: 42 });
  });
});

describe('availability', () => {
  it('is Scheduled during a session and applies once the car has left', () => {
    const connector = newConnector(1, 22);
    run(connector, 2, BUSY);
    expect(changeAvailability(connector, false, NOW)).toEqual({ status: 'Scheduled', effects: [] });
    const later = statuses(run(connector, 24 * 60, QUIET));
    expect(later.at(-1)).toBe('Unavailable');
    expect(connector.phase).toBe('Unavailable');
  });

  it('is immediate when idle, drops a reservation, and comes back Available', () => {
    const connector = newConnector(1, 22);
    reserve(connector, { id: 1, idTag: 'A', expiresAtMs: NOW + 60_000 }, NOW);
    expect(statuses(changeAvailability(connector, false, NOW).effects)).toEqual(['Unavailable']);
    expect(connector.reservation).toBeNull();
    expect(statuses(changeAvailability(connector, true, NOW).effects)).toEqual(['Available']);
  });

  it('an out-of-service connector sees no drivers and no faults', () => {
    const connector = newConnector(1, 22);
    changeAvailability(connector, false, NOW);
    expect(run(connector, 600, { ...BUSY, faultsPerHour: 10_000 })).toEqual([]);
  });
});
