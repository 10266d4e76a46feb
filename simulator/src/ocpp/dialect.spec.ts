import { createRandom, type OcppProtocol } from '@wattsup/contracts';
import standardValidators from 'ocpp-rpc/lib/standard-validators';
import { type ChargerState, newCharger } from '../charger/charger.machine';
import {
  type ConnectorEffect,
  type StopReason,
  type Transaction,
  advanceConnector,
} from '../charger/connector.machine';
import type { OcppCall, OcppDialect } from './dialect';
import { ocpp16 } from './ocpp16.dialect';
import { ocpp201 } from './ocpp201.dialect';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const DIALECTS: [OcppProtocol, OcppDialect][] = [
  ['ocpp1.6', ocpp16],
  ['ocpp2.0.1', ocpp201],
];

/** The official JSON schemas, as ocpp-rpc's strict mode applies them on the wire. */
function expectValid(protocol: OcppProtocol, kind: 'req' | 'conf', action: string, body: unknown) {
  const validator = standardValidators.find((candidate) => candidate.subprotocol === protocol)!;
  expect(() => validator.validate(`urn:${action}.${kind}`, body)).not.toThrow();
}
const expectValidCalls = (protocol: OcppProtocol, calls: OcppCall[]) => {
  for (const call of calls) expectValid(protocol, 'req', call.action, call.params);
};

function transaction(fields: Partial<Transaction> = {}): Transaction {
  return { idTag: 'TAG1', meterStartWh: 1000, id: null, nextSeqNo: 0, ...fields };
}

function chargingCharger(): ChargerState {
  const charger = newCharger('CP-1', [{ connectorId: 1, maxPowerKw: 50 }], createRandom(1));
  const random = createRandom(1);
  const busy = {
    arrivalsPerHour: 1e6,
    reservedArrivalsPerHour: 0,
    faultsPerHour: 0,
    repairsPerHour: 0,
  };
  advanceConnector(charger.connectors[0], 60, NOW, random, busy);
  advanceConnector(charger.connectors[0], 120, NOW, random, { ...busy, arrivalsPerHour: 0 });
  charger.connectors[0].transaction!.id = '17';
  return charger;
}

describe.each(DIALECTS)('%s frames follow the official schemas', (protocol, dialect) => {
  const started: ConnectorEffect = {
    kind: 'transactionStarted',
    connectorId: 1,
    transaction: transaction({ reservationId: 42 }),
    atMs: NOW,
  };

  it('boot, status report, meter values', () => {
    const charger = chargingCharger();
    expectValidCalls(protocol, [
      dialect.bootNotification(charger, 'PowerUp'),
      ...dialect.statusReport(charger, NOW),
      dialect.meterValues(charger.connectors[0], NOW)!,
    ]);
  });

  it.each<StopReason>([
    'Local',
    'Remote',
    'EVDisconnected',
    'HardReset',
    'PowerLoss',
    'UnlockCommand',
  ])('a whole transaction ending with %s', (reason) => {
    const tx = transaction({ reservationId: 42 });
    const calls = [
      { kind: 'transactionStarted', connectorId: 1, transaction: tx, atMs: NOW },
      { kind: 'chargingState', connectorId: 1, transaction: tx, state: 'SuspendedEV', atMs: NOW },
      {
        kind: 'transactionEnded',
        connectorId: 1,
        transaction: tx,
        reason,
        meterStopWh: 5000,
        atMs: NOW,
      },
    ].flatMap((effect) => {
      const reported = dialect.report(effect as ConnectorEffect);
      dialect.acknowledge(effect as ConnectorEffect, { transactionId: 17, idTagInfo: {} });
      return reported;
    });
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expectValidCalls(protocol, calls);
  });

  it('carries the reservation id when the reservation holder starts charging', () => {
    const [call] = dialect.report(started);
    expect(call.params).toMatchObject({ reservationId: 42 });
  });

  it('tells the hub of a hold that ran out the way its version can', () => {
    const calls = dialect.report({
      kind: 'reservationExpired',
      connectorId: 1,
      reservationId: 42,
      atMs: NOW,
    });
    expectValidCalls(protocol, calls);
    expect(calls.map((call) => call.action)).toEqual(
      protocol === 'ocpp2.0.1' ? ['ReservationStatusUpdate'] : [],
    );
  });

  it.each([
    ['RemoteStart', 'Accepted'],
    ['ReserveNow', 'Accepted'],
    ['ChangeAvailability', 'Accepted'],
    ['Reset', 'Accepted'],
    ['TriggerMessage', 'Accepted'],
    ['UnlockConnector', 'Unlocked'],
  ])('answers %s as the schema wants (%s)', (command, expected) => {
    const requests: Record<string, [string, Record<string, unknown>]> =
      protocol === 'ocpp1.6'
        ? {
            RemoteStart: ['RemoteStartTransaction', { connectorId: 1, idTag: 'A' }],
            ReserveNow: [
              'ReserveNow',
              {
                connectorId: 1,
                expiryDate: new Date(NOW + 1e6).toISOString(),
                idTag: 'A',
                reservationId: 1,
              },
            ],
            ChangeAvailability: ['ChangeAvailability', { connectorId: 0, type: 'Inoperative' }],
            Reset: ['Reset', { type: 'Soft' }],
            TriggerMessage: ['TriggerMessage', { requestedMessage: 'MeterValues' }],
            UnlockConnector: ['UnlockConnector', { connectorId: 1 }],
          }
        : {
            RemoteStart: [
              'RequestStartTransaction',
              { evseId: 1, remoteStartId: 5, idToken: { idToken: 'A', type: 'Central' } },
            ],
            ReserveNow: [
              'ReserveNow',
              {
                id: 1,
                expiryDateTime: new Date(NOW + 1e6).toISOString(),
                idToken: { idToken: 'A', type: 'Central' },
                evseId: 1,
              },
            ],
            ChangeAvailability: ['ChangeAvailability', { operationalStatus: 'Inoperative' }],
            Reset: ['Reset', { type: 'Immediate' }],
            TriggerMessage: ['TriggerMessage', { requestedMessage: 'MeterValues' }],
            UnlockConnector: ['UnlockConnector', { evseId: 1, connectorId: 1 }],
          };
    const [action, params] = requests[command];
    expectValid(protocol, 'req', action, params);
    const charger = newCharger('CP-1', [{ connectorId: 1, maxPowerKw: 22 }], createRandom(1));
    const answer = dialect.commands[action](
      { charger, random: createRandom(1), nowMs: NOW },
      params,
    );
    expect(answer.response).toMatchObject({ status: expected });
    expectValid(protocol, 'conf', action, answer.response);
    if (answer.followUp.kind === 'send') expectValidCalls(protocol, answer.followUp.calls);
  });
});

describe('OCPP 1.6', () => {
  it('reports every session phase, and connector 0 in the status report', () => {
    const status = (phase: 'Preparing' | 'Charging' | 'Finishing') =>
      ocpp16.report({ kind: 'status', connectorId: 1, phase, errorCode: 'NoError', atMs: NOW });
    expect(status('Charging')[0].params).toMatchObject({ status: 'Charging', connectorId: 1 });
    expect(status('Finishing')[0].params).toMatchObject({ status: 'Finishing' });
    const charger = newCharger('CP-1', [{ connectorId: 1, maxPowerKw: 22 }], createRandom(1));
    expect(ocpp16.statusReport(charger, NOW).map((call) => call.params.connectorId)).toEqual([
      0, 1,
    ]);
  });

  it('takes the transaction id from the StartTransaction answer for the stop', () => {
    const tx = transaction();
    const effect: ConnectorEffect = {
      kind: 'transactionStarted',
      connectorId: 1,
      transaction: tx,
      atMs: NOW,
    };
    ocpp16.acknowledge(effect, { transactionId: 99, idTagInfo: { status: 'Invalid' } });
    const [stop] = ocpp16.report({
      kind: 'transactionEnded',
      connectorId: 1,
      transaction: tx,
      reason: 'Remote',
      meterStopWh: 2000,
      atMs: NOW,
    });
    expect(stop.params).toMatchObject({ transactionId: 99, meterStop: 2000, reason: 'Remote' });
  });

  it('has no stop to send for a transaction the hub never numbered', () => {
    expect(
      ocpp16.report({
        kind: 'transactionEnded',
        connectorId: 1,
        transaction: transaction(),
        reason: 'PowerLoss',
        meterStopWh: 0,
        atMs: NOW,
      }),
    ).toEqual([]);
  });
});

describe('OCPP 2.0.1', () => {
  it.each([
    ['Available', ['Available']],
    ['Preparing', ['Occupied']],
    ['Charging', []],
    ['SuspendedEV', []],
    ['Finishing', []],
    ['Reserved', ['Reserved']],
    ['Faulted', ['Faulted']],
  ] as const)('%s is reported as %p', (phase, expected) => {
    const calls = ocpp201.report({
      kind: 'status',
      connectorId: 2,
      phase,
      errorCode: 'NoError',
      atMs: NOW,
    });
    expect(calls.map((call) => call.params.connectorStatus)).toEqual(expected);
    for (const call of calls) expect(call.params).toMatchObject({ evseId: 2, connectorId: 1 });
  });

  it('numbers the events of a transaction 0, 1, 2 under one station-chosen id', () => {
    const tx = transaction({ remoteStartId: 7 });
    const [start] = ocpp201.report({
      kind: 'transactionStarted',
      connectorId: 1,
      transaction: tx,
      atMs: NOW,
    });
    const [update] = ocpp201.report({
      kind: 'chargingState',
      connectorId: 1,
      transaction: tx,
      state: 'SuspendedEV',
      atMs: NOW,
    });
    const [end] = ocpp201.report({
      kind: 'transactionEnded',
      connectorId: 1,
      transaction: tx,
      reason: 'Remote',
      meterStopWh: 3000,
      atMs: NOW,
    });
    expect([start, update, end].map((call) => call.params.seqNo)).toEqual([0, 1, 2]);
    expect(start.params).toMatchObject({
      eventType: 'Started',
      triggerReason: 'RemoteStart',
      idToken: { idToken: 'TAG1', type: 'Central' },
      transactionInfo: { remoteStartId: 7, transactionId: tx.id },
    });
    expect(end.params).toMatchObject({
      eventType: 'Ended',
      triggerReason: 'RemoteStop',
      transactionInfo: { stoppedReason: 'Remote', transactionId: tx.id },
    });
  });

  it('reschedules Reset OnIdle while a transaction runs', () => {
    const charger = chargingCharger();
    const answer = ocpp201.commands.Reset(
      { charger, random: createRandom(1), nowMs: NOW },
      { type: 'OnIdle' },
    );
    expect(answer.response).toEqual({ status: 'Scheduled' });
    expect(charger.resetWhenIdle).toBe(true);
  });
});
