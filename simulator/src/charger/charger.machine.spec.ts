import { createRandom } from '@wattsup/contracts';
import {
  type ChargerState,
  changeAvailability,
  newCharger,
  reserveNow,
  shutDown,
  unlockConnector,
} from './charger.machine';
import { advanceConnector } from './connector.machine';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const random = createRandom(1);
const reservation = (connectorId: number, reservationId = 1) => ({
  connectorId,
  reservationId,
  idTag: 'DRIVER',
  expiresAtMs: NOW + 60_000,
});

function charger(connectors = 2): ChargerState {
  return newCharger(
    'CP-1',
    Array.from({ length: connectors }, (_, index) => ({ connectorId: index + 1, maxPowerKw: 22 })),
    createRandom(1),
  );
}

/** Puts a car on the connector and runs until its transaction has started. */
function charging(state: ChargerState, connectorId: number) {
  const connector = state.connectors[connectorId - 1];
  const rates = {
    arrivalsPerHour: 1e6,
    reservedArrivalsPerHour: 0,
    faultsPerHour: 0,
    repairsPerHour: 0,
  };
  advanceConnector(connector, 60, NOW, random, rates);
  advanceConnector(connector, 60, NOW, random, { ...rates, arrivalsPerHour: 0 });
  expect(connector.transaction).not.toBeNull();
}

describe('ReserveNow on a charger', () => {
  it('connector 0 holds the first free connector and shows it Reserved', () => {
    const state = charger();
    charging(state, 1);
    const outcome = reserveNow(state, reservation(0), NOW);
    expect(outcome.status).toBe('Accepted');
    expect(state.connectors[1].phase).toBe('Reserved');
  });

  it.each([
    ['Faulted', 'Faulted'],
    ['Unavailable', 'Unavailable'],
    ['Charging', 'Occupied'],
  ] as const)('connector 0 when every connector is %s answers %s', (phase, expected) => {
    const state = charger();
    for (const connector of state.connectors) connector.phase = phase;
    expect(reserveNow(state, reservation(0), NOW).status).toBe(expected);
  });

  it('connector 0 is Rejected when ReserveConnectorZeroSupported is false', () => {
    const state = charger();
    state.configuration.set('ReserveConnectorZeroSupported', 'false');
    expect(reserveNow(state, reservation(0), NOW).status).toBe('Rejected');
  });

  it('an unknown connector is Rejected', () => {
    expect(reserveNow(charger(), reservation(3), NOW).status).toBe('Rejected');
  });

  it('the same reservation id on another connector moves the reservation (§5.13 replace)', () => {
    const state = charger();
    reserveNow(state, reservation(1, 9), NOW);
    const moved = reserveNow(state, reservation(2, 9), NOW);
    expect(moved.status).toBe('Accepted');
    expect(state.connectors.map((connector) => connector.phase)).toEqual(['Available', 'Reserved']);
  });
});

describe('charger-wide commands', () => {
  it('ChangeAvailability on connector 0 takes every connector, Scheduled if one is busy', () => {
    const state = charger();
    charging(state, 1);
    expect(changeAvailability(state, 0, false, NOW).status).toBe('Scheduled');
    expect(state.connectors.map((connector) => connector.phase)).toEqual([
      'Charging',
      'Unavailable',
    ]);
    expect(changeAvailability(state, 5, false, NOW).status).toBe('Rejected');
  });

  it('UnlockConnector stops the transaction in 1.6 and refuses in 2.0.1', () => {
    const state = charger();
    charging(state, 1);
    expect(unlockConnector(state, 1, false, random, NOW).status).toBe(
      'OngoingAuthorizedTransaction',
    );
    const unlocked = unlockConnector(state, 1, true, random, NOW);
    expect(unlocked.status).toBe('Unlocked');
    expect(unlocked.effects[0]).toMatchObject({
      kind: 'transactionEnded',
      reason: 'UnlockCommand',
    });
    expect(unlockConnector(state, 7, true, random, NOW).status).toBe('UnknownConnector');
  });

  it('a broken lock cannot be unlocked', () => {
    const state = charger();
    state.connectors[0].errorCode = 'ConnectorLockFailure';
    expect(unlockConnector(state, 1, true, random, NOW).status).toBe('UnlockFailed');
  });

  it('shutting down ends every transaction with the reason and keeps reservations', () => {
    const state = charger();
    charging(state, 1);
    reserveNow(state, reservation(2), NOW);
    const effects = shutDown(state, 'PowerLoss', random, NOW);
    expect(effects.filter((effect) => effect.kind === 'transactionEnded')).toEqual([
      expect.objectContaining({ connectorId: 1, reason: 'PowerLoss' }),
    ]);
    expect(state.connectors[1].phase).toBe('Reserved');
  });
});
