import { z } from 'zod';
import {
  cancelReservation,
  changeAvailability,
  findConnector,
  remoteStart,
  remoteStop,
  reserveNow,
  shutDown,
  unlockConnector,
} from '../charger/charger.machine';
import { changeConfiguration, getConfiguration } from '../charger/configuration';
import type { Connector, ConnectorEffect } from '../charger/connector.machine';
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

/** OCPP 1.6J (Core, Reservation, RemoteTrigger profiles), charge point side. */

const connectorId = z.number().int().min(0);
const params = {
  RemoteStartTransaction: z.object({ connectorId: connectorId.optional(), idTag: z.string() }),
  RemoteStopTransaction: z.object({ transactionId: z.number().int() }),
  ReserveNow: z.object({
    connectorId,
    expiryDate: z.string(),
    idTag: z.string(),
    reservationId: z.number().int(),
  }),
  CancelReservation: z.object({ reservationId: z.number().int() }),
  ChangeAvailability: z.object({ connectorId, type: z.enum(['Inoperative', 'Operative']) }),
  Reset: z.object({ type: z.enum(['Hard', 'Soft']) }),
  TriggerMessage: z.object({ requestedMessage: z.string(), connectorId: connectorId.optional() }),
  UnlockConnector: z.object({ connectorId }),
  GetConfiguration: z.object({ key: z.array(z.string()).optional() }),
  ChangeConfiguration: z.object({ key: z.string(), value: z.string() }),
};

function meterValue(connector: Connector, nowMs: number, context: string) {
  const sampled = [
    {
      value: String(connector.energyWh),
      context,
      measurand: 'Energy.Active.Import.Register',
      unit: 'Wh',
    },
    { value: String(connector.powerW), context, measurand: 'Power.Active.Import', unit: 'W' },
  ];
  if (connector.car) {
    sampled.push({
      value: String(Math.round(connector.car.socPct)),
      context,
      measurand: 'SoC',
      unit: 'Percent',
    });
  }
  return { timestamp: iso(nowMs), sampledValue: sampled };
}

function statusNotification(
  connectorId: number,
  status: string,
  errorCode: string,
  atMs: number,
): OcppCall {
  return {
    action: 'StatusNotification',
    params: { connectorId, errorCode, status, timestamp: iso(atMs) },
  };
}

const TRIGGERS: Record<
  string,
  (dialect: OcppDialect, ...args: Parameters<CommandHandler>) => OcppCall[]
> = {
  BootNotification: (dialect, { charger }) => [dialect.bootNotification(charger, 'Triggered')],
  Heartbeat: () => [{ action: 'Heartbeat', params: {} }],
  StatusNotification: (dialect, { charger, nowMs }, request) =>
    dialect.statusReport(charger, nowMs, request.connectorId as number | undefined),
  MeterValues: (_dialect, { charger, nowMs }, request) =>
    charger.connectors
      .filter((c) => request.connectorId === undefined || c.id === request.connectorId)
      .map((connector) => ({
        action: 'MeterValues',
        params: {
          connectorId: connector.id,
          ...(connector.transaction?.id ? { transactionId: Number(connector.transaction.id) } : {}),
          meterValue: [meterValue(connector, nowMs, 'Trigger')],
        },
      })),
  DiagnosticsStatusNotification: () => [
    { action: 'DiagnosticsStatusNotification', params: { status: 'Idle' } },
  ],
  FirmwareStatusNotification: () => [
    { action: 'FirmwareStatusNotification', params: { status: 'Idle' } },
  ],
};

export const ocpp16: OcppDialect = {
  protocol: 'ocpp1.6',

  bootNotification: (charger) => ({
    action: 'BootNotification',
    params: {
      chargePointVendor: VENDOR,
      chargePointModel: MODEL,
      chargePointSerialNumber: charger.identity.slice(0, 25),
      firmwareVersion: FIRMWARE,
    },
  }),

  // OCPP 1.6 §4.9: connector 0 reports the charge point as a whole.
  statusReport: (charger, nowMs, connectorId) => [
    ...(connectorId === undefined || connectorId === 0
      ? [statusNotification(0, 'Available', 'NoError', nowMs)]
      : []),
    ...charger.connectors
      .filter((connector) => connectorId === undefined || connector.id === connectorId)
      .map((connector) =>
        statusNotification(connector.id, connector.phase, connector.errorCode, nowMs),
      ),
  ],

  report(effect: ConnectorEffect): OcppCall[] {
    switch (effect.kind) {
      case 'status':
        return [
          statusNotification(effect.connectorId, effect.phase, effect.errorCode, effect.atMs),
        ];
      case 'transactionStarted':
        return [
          {
            action: 'StartTransaction',
            params: {
              connectorId: effect.connectorId,
              idTag: effect.transaction.idTag,
              meterStart: effect.transaction.meterStartWh,
              timestamp: iso(effect.atMs),
              ...(typeof effect.transaction.reservationId === 'number'
                ? { reservationId: effect.transaction.reservationId }
                : {}),
            },
          },
        ];
      case 'chargingState':
        return []; // 1.6 says it with the StatusNotification that follows.
      case 'reservationExpired':
        return []; // 1.6 has no message for it: the Available status says it.
      case 'transactionEnded':
        // Never started at the hub (the answer never came): nothing to stop there.
        if (effect.transaction.id === null) return [];
        return [
          {
            action: 'StopTransaction',
            params: {
              transactionId: Number(effect.transaction.id),
              idTag: effect.transaction.idTag,
              meterStop: effect.meterStopWh,
              timestamp: iso(effect.atMs),
              reason: effect.reason,
            },
          },
        ];
    }
  },

  meterValues(connector, nowMs) {
    if (!connector.transaction?.id) return null;
    return {
      action: 'MeterValues',
      params: {
        connectorId: connector.id,
        transactionId: Number(connector.transaction.id),
        meterValue: [meterValue(connector, nowMs, 'Sample.Periodic')],
      },
    };
  },

  acknowledge(effect, response) {
    if (effect.kind !== 'transactionStarted') return;
    const parsed = z.object({ transactionId: z.number().int() }).safeParse(response);
    if (parsed.success) effect.transaction.id = String(parsed.data.transactionId);
  },

  commands: {
    RemoteStartTransaction: ({ charger, random, nowMs }, raw) => {
      const request = params.RemoteStartTransaction.parse(raw);
      const { status, effects } = remoteStart(charger, request, random, nowMs);
      return answer({ status }, effects);
    },
    RemoteStopTransaction: ({ charger, random, nowMs }, raw) => {
      const { transactionId } = params.RemoteStopTransaction.parse(raw);
      const { status, effects } = remoteStop(charger, String(transactionId), random, nowMs);
      return answer({ status }, effects);
    },
    ReserveNow: ({ charger, nowMs }, raw) => {
      const request = params.ReserveNow.parse(raw);
      const { status, effects } = reserveNow(
        charger,
        { ...request, expiresAtMs: Date.parse(request.expiryDate) },
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
      const operative = request.type === 'Operative';
      const { status, effects } = changeAvailability(
        charger,
        request.connectorId,
        operative,
        nowMs,
      );
      return answer({ status }, effects);
    },
    // §5.14: both kinds stop the transactions (Soft gracefully, Hard as it can) and reboot.
    Reset: ({ charger, random, nowMs }, raw) => {
      const { type } = params.Reset.parse(raw);
      const effects = shutDown(charger, type === 'Hard' ? 'HardReset' : 'SoftReset', random, nowMs);
      return answer({ status: 'Accepted' }, effects, { kind: 'reboot', reason: 'RemoteReset' });
    },
    TriggerMessage: (context, raw) => {
      const request = params.TriggerMessage.parse(raw);
      const trigger = TRIGGERS[request.requestedMessage];
      if (!trigger) return answer({ status: 'NotImplemented' });
      if (
        request.connectorId !== undefined &&
        request.connectorId !== 0 &&
        !findConnector(context.charger, request.connectorId)
      ) {
        return answer({ status: 'Rejected' });
      }
      return answer({ status: 'Accepted' }, [], {
        kind: 'send',
        calls: trigger(ocpp16, context, request),
      });
    },
    UnlockConnector: ({ charger, random, nowMs }, raw) => {
      const request = params.UnlockConnector.parse(raw);
      const { status, effects } = unlockConnector(
        charger,
        request.connectorId,
        true,
        random,
        nowMs,
      );
      return answer({ status: status === 'UnknownConnector' ? 'NotSupported' : status }, effects);
    },
    GetConfiguration: ({ charger }, raw) => {
      const { key } = params.GetConfiguration.parse(raw);
      return answer(getConfiguration(charger.configuration, key));
    },
    ChangeConfiguration: ({ charger }, raw) => {
      const { key, value } = params.ChangeConfiguration.parse(raw);
      return answer({ status: changeConfiguration(charger.configuration, key, value) });
    },
  },
};
