import { z } from 'zod';
import {
  cancelReservation,
  changeAvailability,
  findConnector,
  isIdle,
  remoteStart,
  remoteStop,
  reserveNow,
  shutDown,
  unlockConnector,
} from '../charger/charger.machine';
import type {
  Connector,
  ConnectorEffect,
  ConnectorPhase,
  StopReason,
  Transaction,
} from '../charger/connector.machine';
import {
  type CommandHandler,
  FIRMWARE,
  MODEL,
  type OcppCall,
  type OcppDialect,
  VENDOR,
  answer,
  iso,
} from './dialect';

/**
 * OCPP 2.0.1, charging station side. Each EVSE has one connector (connectorId 1); the simulator's
 * connector ids are the EVSE ids. Transactions start when the driver is authorized
 * (TxStartPoint Authorized) and end when the driver stops them (TxStopPoint Authorized).
 */

const idToken = z.object({ idToken: z.string(), type: z.string() });
const evse = z.object({ id: z.number().int().min(0), connectorId: z.number().int().optional() });
const params = {
  RequestStartTransaction: z.object({
    evseId: z.number().int().min(1).optional(),
    remoteStartId: z.number().int(),
    idToken,
  }),
  RequestStopTransaction: z.object({ transactionId: z.string() }),
  ReserveNow: z.object({
    id: z.number().int(),
    expiryDateTime: z.string(),
    idToken,
    evseId: z.number().int().optional(),
  }),
  CancelReservation: z.object({ reservationId: z.number().int() }),
  ChangeAvailability: z.object({
    operationalStatus: z.enum(['Operative', 'Inoperative']),
    evse: evse.optional(),
  }),
  Reset: z.object({ type: z.enum(['Immediate', 'OnIdle']), evseId: z.number().int().optional() }),
  TriggerMessage: z.object({ requestedMessage: z.string(), evse: evse.optional() }),
  UnlockConnector: z.object({ evseId: z.number().int(), connectorId: z.number().int() }),
};

/** 1.6's four session phases are one 2.0.1 status: Occupied. */
const CONNECTOR_STATUS: Record<ConnectorPhase, string> = {
  Available: 'Available',
  Preparing: 'Occupied',
  Charging: 'Occupied',
  SuspendedEV: 'Occupied',
  Finishing: 'Occupied',
  Reserved: 'Reserved',
  Unavailable: 'Unavailable',
  Faulted: 'Faulted',
};
/** Moves within a session keep the connector Occupied: 2.0.1 sends no StatusNotification for them. */
const WITHIN_SESSION: readonly ConnectorPhase[] = ['Charging', 'SuspendedEV', 'Finishing'];

/** Why a transaction ended, as stoppedReason and the event that triggered it. */
const ENDINGS: Record<StopReason, { stoppedReason: string; triggerReason: string }> = {
  Local: { stoppedReason: 'Local', triggerReason: 'StopAuthorized' },
  Remote: { stoppedReason: 'Remote', triggerReason: 'RemoteStop' },
  EVDisconnected: { stoppedReason: 'EVDisconnected', triggerReason: 'EVCommunicationLost' },
  SoftReset: { stoppedReason: 'ImmediateReset', triggerReason: 'ResetCommand' },
  HardReset: { stoppedReason: 'ImmediateReset', triggerReason: 'ResetCommand' },
  PowerLoss: { stoppedReason: 'PowerLoss', triggerReason: 'AbnormalCondition' },
  EmergencyStop: { stoppedReason: 'EmergencyStop', triggerReason: 'AbnormalCondition' },
  UnlockCommand: { stoppedReason: 'Other', triggerReason: 'UnlockCommand' },
  Other: { stoppedReason: 'Other', triggerReason: 'AbnormalCondition' },
};

function meterValue(
  energyWh: number,
  powerW: number,
  socPct: number | undefined,
  atMs: number,
  context: string,
) {
  const sampledValue: Record<string, unknown>[] = [
    {
      value: energyWh,
      context,
      measurand: 'Energy.Active.Import.Register',
      unitOfMeasure: { unit: 'Wh' },
    },
    { value: powerW, context, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } },
  ];
  if (socPct !== undefined) {
    sampledValue.push({
      value: Math.round(socPct),
      context,
      measurand: 'SoC',
      unitOfMeasure: { unit: 'Percent' },
    });
  }
  return { timestamp: iso(atMs), sampledValue };
}

const connectorMeterValue = (connector: Connector, nowMs: number, context: string) =>
  meterValue(connector.energyWh, connector.powerW, connector.car?.socPct, nowMs, context);

function statusNotification(evseId: number, phase: ConnectorPhase, atMs: number): OcppCall {
  return {
    action: 'StatusNotification',
    params: {
      timestamp: iso(atMs),
      connectorStatus: CONNECTOR_STATUS[phase],
      evseId,
      connectorId: 1,
    },
  };
}

/** In 2.0.1 the station chooses the transaction id: start time in base 36 and the EVSE. */
function transactionId(transaction: Transaction, connectorId: number, atMs: number): string {
  transaction.id ??= `${atMs.toString(36)}-${connectorId}`;
  return transaction.id;
}

function transactionEvent(
  eventType: 'Started' | 'Updated' | 'Ended',
  transaction: Transaction,
  connectorId: number,
  atMs: number,
  fields: Record<string, unknown>,
  info: Record<string, unknown> = {},
): OcppCall {
  return {
    action: 'TransactionEvent',
    params: {
      eventType,
      timestamp: iso(atMs),
      seqNo: transaction.nextSeqNo++,
      transactionInfo: { transactionId: transactionId(transaction, connectorId, atMs), ...info },
      ...fields,
    },
  };
}

const TRIGGERS: Record<
  string,
  (dialect: OcppDialect, ...args: Parameters<CommandHandler>) => OcppCall[]
> = {
  BootNotification: (dialect, { charger }) => [dialect.bootNotification(charger, 'Triggered')],
  Heartbeat: () => [{ action: 'Heartbeat', params: {} }],
  StatusNotification: (dialect, { charger, nowMs }, request) =>
    dialect.statusReport(charger, nowMs, (request.evse as { id?: number } | undefined)?.id),
  MeterValues: (_dialect, { charger, nowMs }, request) =>
    charger.connectors
      .filter((c) => !request.evse || c.id === (request.evse as { id: number }).id)
      .map((connector) => ({
        action: 'MeterValues',
        params: {
          evseId: connector.id,
          meterValue: [connectorMeterValue(connector, nowMs, 'Trigger')],
        },
      })),
  FirmwareStatusNotification: () => [
    { action: 'FirmwareStatusNotification', params: { status: 'Idle' } },
  ],
  LogStatusNotification: () => [{ action: 'LogStatusNotification', params: { status: 'Idle' } }],
};

export const ocpp201: OcppDialect = {
  protocol: 'ocpp2.0.1',

  bootNotification: (charger, reason) => ({
    action: 'BootNotification',
    params: {
      reason,
      chargingStation: {
        model: MODEL,
        vendorName: VENDOR,
        serialNumber: charger.identity.slice(0, 25),
        firmwareVersion: FIRMWARE,
      },
    },
  }),

  statusReport: (charger, nowMs, evseId) =>
    charger.connectors
      .filter((connector) => !evseId || connector.id === evseId)
      .map((connector) => statusNotification(connector.id, connector.phase, nowMs)),

  report(effect: ConnectorEffect): OcppCall[] {
    const { connectorId, atMs } = effect;
    switch (effect.kind) {
      case 'status':
        return WITHIN_SESSION.includes(effect.phase)
          ? []
          : [statusNotification(connectorId, effect.phase, atMs)];
      case 'transactionStarted': {
        const { transaction } = effect;
        const remote = transaction.remoteStartId !== undefined;
        return [
          transactionEvent(
            'Started',
            transaction,
            connectorId,
            atMs,
            {
              triggerReason: remote ? 'RemoteStart' : 'Authorized',
              idToken: { idToken: transaction.idTag, type: remote ? 'Central' : 'ISO14443' },
              evse: { id: connectorId, connectorId: 1 },
              meterValue: [
                meterValue(transaction.meterStartWh, 0, undefined, atMs, 'Transaction.Begin'),
              ],
              ...(typeof transaction.reservationId === 'number'
                ? { reservationId: transaction.reservationId }
                : {}),
            },
            {
              chargingState: 'Charging',
              ...(remote ? { remoteStartId: transaction.remoteStartId } : {}),
            },
          ),
        ];
      }
      case 'chargingState':
        return [
          transactionEvent(
            'Updated',
            effect.transaction,
            connectorId,
            atMs,
            { triggerReason: 'ChargingStateChanged' },
            { chargingState: effect.state },
          ),
        ];
      case 'reservationExpired':
        return typeof effect.reservationId === 'number'
          ? [
              {
                action: 'ReservationStatusUpdate',
                params: { reservationId: effect.reservationId, reservationUpdateStatus: 'Expired' },
              },
            ]
          : [];
      case 'transactionEnded': {
        const { stoppedReason, triggerReason } = ENDINGS[effect.reason];
        return [
          transactionEvent(
            'Ended',
            effect.transaction,
            connectorId,
            atMs,
            {
              triggerReason,
              meterValue: [meterValue(effect.meterStopWh, 0, undefined, atMs, 'Transaction.End')],
            },
            { stoppedReason },
          ),
        ];
      }
    }
  },

  meterValues(connector, nowMs) {
    if (!connector.transaction?.id) return null;
    return transactionEvent(
      'Updated',
      connector.transaction,
      connector.id,
      nowMs,
      {
        triggerReason: 'MeterValuePeriodic',
        meterValue: [connectorMeterValue(connector, nowMs, 'Sample.Periodic')],
      },
      { chargingState: connector.phase === 'Charging' ? 'Charging' : 'SuspendedEV' },
    );
  },

  acknowledge: () => undefined,

  commands: {
    // F01 / F02: the remoteStartId comes back in the TransactionEvent that starts the transaction.
    RequestStartTransaction: ({ charger, random, nowMs }, raw) => {
      const request = params.RequestStartTransaction.parse(raw);
      const { status, effects } = remoteStart(
        charger,
        {
          connectorId: request.evseId,
          idTag: request.idToken.idToken,
          remoteStartId: request.remoteStartId,
        },
        random,
        nowMs,
      );
      return answer({ status }, effects);
    },
    RequestStopTransaction: ({ charger, random, nowMs }, raw) => {
      const { transactionId: id } = params.RequestStopTransaction.parse(raw);
      const { status, effects } = remoteStop(charger, id, random, nowMs);
      return answer({ status }, effects);
    },
    ReserveNow: ({ charger, nowMs }, raw) => {
      const request = params.ReserveNow.parse(raw);
      const { status, effects } = reserveNow(
        charger,
        {
          connectorId: request.evseId ?? 0,
          reservationId: request.id,
          idTag: request.idToken.idToken,
          expiresAtMs: Date.parse(request.expiryDateTime),
        },
        nowMs,
      );
      return answer({ status }, effects);
    },
    CancelReservation: ({ charger, nowMs }, raw) => {
      const { reservationId } = params.CancelReservation.parse(raw);
      const { status, effects } = cancelReservation(charger, reservationId, nowMs);
      return answer({ status }, effects);
    },
    ChangeAvailability: ({ charger, nowMs }, raw) => {
      const request = params.ChangeAvailability.parse(raw);
      const { status, effects } = changeAvailability(
        charger,
        request.evse?.id ?? 0,
        request.operationalStatus === 'Operative',
        nowMs,
      );
      return answer({ status }, effects);
    },
    // B11 / B12: Immediate stops every transaction and reboots; OnIdle waits for them to end.
    Reset: ({ charger, random, nowMs }, raw) => {
      const request = params.Reset.parse(raw);
      if (request.evseId !== undefined) return answer({ status: 'Rejected' });
      if (request.type === 'OnIdle' && !isIdle(charger)) {
        charger.resetWhenIdle = true;
        return answer({ status: 'Scheduled' });
      }
      const effects = shutDown(charger, 'HardReset', random, nowMs);
      return answer({ status: 'Accepted' }, effects, { kind: 'reboot', reason: 'RemoteReset' });
    },
    TriggerMessage: (context, raw) => {
      const request = params.TriggerMessage.parse(raw);
      const trigger = TRIGGERS[request.requestedMessage];
      if (!trigger) return answer({ status: 'NotImplemented' });
      if (
        request.evse &&
        request.evse.id !== 0 &&
        !findConnector(context.charger, request.evse.id)
      ) {
        return answer({ status: 'Rejected' });
      }
      return answer({ status: 'Accepted' }, [], {
        kind: 'send',
        calls: trigger(ocpp201, context, request),
      });
    },
    UnlockConnector: ({ charger, random, nowMs }, raw) => {
      const request = params.UnlockConnector.parse(raw);
      if (request.connectorId !== 1) return answer({ status: 'UnknownConnector' });
      const { status, effects } = unlockConnector(charger, request.evseId, false, random, nowMs);
      return answer({ status }, effects);
    },
  },
};
