import { randomInt } from 'node:crypto';
import type { ChargerCommandName, ChargerCommandRequest, OcppProtocol } from '@wattsup/contracts';

export interface OcppCall {
  action: string;
  params: Record<string, unknown>;
}

type Builder<C extends ChargerCommandName> = (request: ChargerCommandRequest<C>) => OcppCall;
type Builders = { [C in ChargerCommandName]?: Builder<C> };

const centralToken = (idTag: string) => ({ idToken: idTag, type: 'Central' });
/** OCPP 2.0.1 addresses EVSEs; connector/EVSE 0 means the whole station and is left out. */
const evse = (id: number | undefined) => (id ? { evse: { id } } : {});

const OCPP16: Builders = {
  'remote-start': ({ connectorId, idTag }) => ({
    action: 'RemoteStartTransaction',
    params: { idTag, ...(connectorId ? { connectorId } : {}) },
  }),
  'remote-stop': ({ transactionId }) => ({
    action: 'RemoteStopTransaction',
    params: { transactionId: Number(transactionId) },
  }),
  'reserve-now': ({ connectorId, expiresAt, idTag, reservationId }) => ({
    action: 'ReserveNow',
    params: { connectorId, expiryDate: expiresAt, idTag, reservationId },
  }),
  'cancel-reservation': ({ reservationId }) => ({
    action: 'CancelReservation',
    params: { reservationId },
  }),
  'change-availability': ({ connectorId, operative }) => ({
    action: 'ChangeAvailability',
    params: { connectorId, type: operative ? 'Operative' : 'Inoperative' },
  }),
  reset: ({ type }) => ({ action: 'Reset', params: { type: type === 'hard' ? 'Hard' : 'Soft' } }),
  'trigger-message': ({ message, connectorId }) => ({
    action: 'TriggerMessage',
    params: { requestedMessage: message, ...(connectorId !== undefined ? { connectorId } : {}) },
  }),
  'unlock-connector': ({ connectorId }) => ({ action: 'UnlockConnector', params: { connectorId } }),
  'get-configuration': ({ keys }) => ({
    action: 'GetConfiguration',
    params: keys ? { key: keys } : {},
  }),
  'change-configuration': ({ key, value }) => ({
    action: 'ChangeConfiguration',
    params: { key, value },
  }),
};

const OCPP201: Builders = {
  'remote-start': ({ connectorId, idTag }) => ({
    action: 'RequestStartTransaction',
    // remoteStartId lets the station tie its TransactionEvent to this request (F01).
    params: {
      idToken: centralToken(idTag ?? ''),
      remoteStartId: randomInt(1, 2 ** 31 - 1),
      ...(connectorId ? { evseId: connectorId } : {}),
    },
  }),
  'remote-stop': ({ transactionId }) => ({
    action: 'RequestStopTransaction',
    params: { transactionId },
  }),
  'reserve-now': ({ connectorId, expiresAt, idTag, reservationId }) => ({
    action: 'ReserveNow',
    params: {
      id: reservationId,
      expiryDateTime: expiresAt,
      idToken: centralToken(idTag),
      ...(connectorId ? { evseId: connectorId } : {}),
    },
  }),
  'cancel-reservation': ({ reservationId }) => ({
    action: 'CancelReservation',
    params: { reservationId },
  }),
  'change-availability': ({ connectorId, operative }) => ({
    action: 'ChangeAvailability',
    params: { operationalStatus: operative ? 'Operative' : 'Inoperative', ...evse(connectorId) },
  }),
  reset: ({ type }) => ({
    action: 'Reset',
    params: { type: type === 'hard' ? 'Immediate' : 'OnIdle' },
  }),
  'trigger-message': ({ message, connectorId }) => ({
    action: 'TriggerMessage',
    params: { requestedMessage: message, ...evse(connectorId) },
  }),
  'unlock-connector': ({ connectorId }) => ({
    action: 'UnlockConnector',
    params: { evseId: connectorId, connectorId: 1 },
  }),
};

const BUILDERS: Record<OcppProtocol, Builders> = { 'ocpp1.6': OCPP16, 'ocpp2.0.1': OCPP201 };

/** OCPP 2.0.1 has no DiagnosticsStatusNotification to trigger (diagnostics became logs). */
const UNTRIGGERABLE_201 = new Set(['DiagnosticsStatusNotification']);

/** The OCPP call for a neutral command, or null when the charger's version has no such message. */
export function buildOcppCall<C extends ChargerCommandName>(
  protocol: OcppProtocol,
  command: C,
  request: ChargerCommandRequest<C>,
): OcppCall | null {
  if (protocol === 'ocpp2.0.1' && command === 'trigger-message') {
    const { message } = request as ChargerCommandRequest<'trigger-message'>;
    if (UNTRIGGERABLE_201.has(message)) return null;
  }
  const builder = BUILDERS[protocol][command] as Builder<C> | undefined;
  return builder ? builder(request) : null;
}

/** The charger's verdict in a response (`Accepted`, `Rejected`, …), when the message has one. */
export function responseStatus(response: unknown): string | null {
  if (typeof response === 'object' && response !== null && 'status' in response) {
    return typeof response.status === 'string' ? response.status : null;
  }
  return null;
}
