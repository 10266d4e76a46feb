import { buildOcppCall, responseStatus } from './commands';

describe('OCPP command mapping', () => {
  it.each([
    [
      'ocpp1.6',
      'remote-start',
      { connectorId: 2, idTag: 'TAG1' },
      'RemoteStartTransaction',
      { connectorId: 2, idTag: 'TAG1' },
    ],
    [
      'ocpp1.6',
      'remote-stop',
      { transactionId: '42' },
      'RemoteStopTransaction',
      { transactionId: 42 },
    ],
    [
      'ocpp1.6',
      'reserve-now',
      { connectorId: 0, expiresAt: '2026-11-22T11:00:00Z', idTag: 'TAG1', reservationId: 7 },
      'ReserveNow',
      { connectorId: 0, expiryDate: '2026-11-22T11:00:00Z', idTag: 'TAG1', reservationId: 7 },
    ],
    [
      'ocpp1.6',
      'cancel-reservation',
      { reservationId: 7 },
      'CancelReservation',
      { reservationId: 7 },
    ],
    [
      'ocpp1.6',
      'change-availability',
      { connectorId: 1, operative: false },
      'ChangeAvailability',
      { connectorId: 1, type: 'Inoperative' },
    ],
    ['ocpp1.6', 'reset', { type: 'hard' }, 'Reset', { type: 'Hard' }],
    [
      'ocpp1.6',
      'trigger-message',
      { message: 'StatusNotification' },
      'TriggerMessage',
      { requestedMessage: 'StatusNotification' },
    ],
    ['ocpp1.6', 'unlock-connector', { connectorId: 1 }, 'UnlockConnector', { connectorId: 1 }],
    [
      'ocpp1.6',
      'get-configuration',
      { keys: ['HeartbeatInterval'] },
      'GetConfiguration',
      { key: ['HeartbeatInterval'] },
    ],
    [
      'ocpp1.6',
      'change-configuration',
      { key: 'HeartbeatInterval', value: '60' },
      'ChangeConfiguration',
      { key: 'HeartbeatInterval', value: '60' },
    ],
    [
      'ocpp2.0.1',
      'remote-stop',
      { transactionId: 'tx-1' },
      'RequestStopTransaction',
      { transactionId: 'tx-1' },
    ],
    [
      'ocpp2.0.1',
      'reserve-now',
      { connectorId: 1, expiresAt: '2026-11-22T11:00:00Z', idTag: 'TAG1', reservationId: 7 },
      'ReserveNow',
      {
        id: 7,
        expiryDateTime: '2026-11-22T11:00:00Z',
        idToken: { idToken: 'TAG1', type: 'Central' },
        evseId: 1,
      },
    ],
    [
      'ocpp2.0.1',
      'cancel-reservation',
      { reservationId: 7 },
      'CancelReservation',
      { reservationId: 7 },
    ],
    [
      'ocpp2.0.1',
      'change-availability',
      { connectorId: 0, operative: true },
      'ChangeAvailability',
      { operationalStatus: 'Operative' },
    ],
    [
      'ocpp2.0.1',
      'change-availability',
      { connectorId: 2, operative: false },
      'ChangeAvailability',
      { operationalStatus: 'Inoperative', evse: { id: 2 } },
    ],
    ['ocpp2.0.1', 'reset', { type: 'soft' }, 'Reset', { type: 'OnIdle' }],
    [
      'ocpp2.0.1',
      'trigger-message',
      { message: 'Heartbeat', connectorId: 1 },
      'TriggerMessage',
      { requestedMessage: 'Heartbeat', evse: { id: 1 } },
    ],
  ] as const)('%s %s → %s', (protocol, command, request, action, params) => {
    expect(buildOcppCall(protocol, command, request as never)).toEqual({ action, params });
  });

  it('gives 2.0.1 remote starts a remoteStartId and a central token', () => {
    const call = buildOcppCall('ocpp2.0.1', 'remote-start', { connectorId: 1, idTag: 'TAG1' });
    expect(call).toMatchObject({
      action: 'RequestStartTransaction',
      params: {
        idToken: { idToken: 'TAG1', type: 'Central' },
        evseId: 1,
        remoteStartId: expect.any(Number),
      },
    });
  });

  it.each([
    ['get-configuration', { keys: [] }],
    ['change-configuration', { key: 'a', value: 'b' }],
    ['trigger-message', { message: 'DiagnosticsStatusNotification' }],
  ] as const)('has no 2.0.1 form for %s', (command, request) => {
    expect(buildOcppCall('ocpp2.0.1', command, request as never)).toBeNull();
  });

  it('reads the status of a response when there is one', () => {
    expect(responseStatus({ status: 'Rejected' })).toBe('Rejected');
    expect(responseStatus({ configurationKey: [] })).toBeNull();
    expect(responseStatus(undefined)).toBeNull();
  });
});
