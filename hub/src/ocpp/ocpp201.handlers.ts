import { Injectable } from '@nestjs/common';
import type { Ocpp201 } from '@wattsup/contracts';
import { readOcpp201MeterValues } from './meter-values';
import { OcppHandlerContext } from './ocpp-handler-context';
import { forgetTransaction, type OcppSession } from './ocpp-session';
import { mapOcpp201Status } from './status-mapping';

const tokenStatus = (accepted: boolean): Ocpp201.AuthorizationStatus =>
  accepted ? 'Accepted' : 'Invalid';

/** OCPP 2.0.1, charging station → CSMS. Terminals are bound to EVSE ids. */
@Injectable()
export class Ocpp201Handlers {
  constructor(private readonly context: OcppHandlerContext) {}

  attach(session: OcppSession): void {
    const { context } = this;
    const handle = <P, R extends object>(action: string, handler: (params: P) => Promise<R> | R) =>
      context.handle(session, action, handler);

    handle<Ocpp201.BootNotificationRequest, Ocpp201.BootNotificationResponse>(
      'BootNotification',
      (params) =>
        context.boot(session, {
          vendor: params.chargingStation.vendorName,
          model: params.chargingStation.model,
          serialNumber: params.chargingStation.serialNumber,
          firmwareVersion: params.chargingStation.firmwareVersion,
        }),
    );

    handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));

    handle<Ocpp201.StatusNotificationRequest, object>('StatusNotification', async (params) => {
      await context.recordStatus(
        session,
        [params.evseId],
        mapOcpp201Status(params.connectorStatus),
        {
          at: context.eventTime(params.timestamp),
          sourceStatus: params.connectorStatus,
        },
      );
      return {};
    });

    handle<{ idToken: Ocpp201.IdToken }, { idTokenInfo: { status: Ocpp201.AuthorizationStatus } }>(
      'Authorize',
      async ({ idToken }) => ({
        idTokenInfo: {
          status: tokenStatus((await context.charging.checkToken(idToken.idToken)).accepted),
        },
      }),
    );

    // E01–E07 (start), E08–E10 (updates), E11–E15 (end): one message for the whole transaction.
    handle<Ocpp201.TransactionEventRequest, Ocpp201.TransactionEventResponse>(
      'TransactionEvent',
      async (params) => {
        const transactionId = params.transactionInfo.transactionId;
        const readings = readOcpp201MeterValues(params.meterValue ?? []);
        const at = context.eventTime(params.timestamp);
        if (params.eventType === 'Started') {
          const evseId = params.evse?.id ?? 0;
          const { token } = await context.charging.start({
            chargerId: session.chargerId,
            connectorId: evseId,
            terminalId: session.connectors.get(evseId) ?? null,
            transactionId,
            idTag: params.idToken?.idToken ?? null,
            meterStartWh:
              readings.find((reading) => reading.energyWh !== undefined)?.energyWh ?? null,
            startedAt: at,
            ocppReservationId: params.reservationId ?? null,
          });
          await context.charging.meter(session.chargerId, transactionId, readings);
          return params.idToken ? { idTokenInfo: { status: tokenStatus(token.accepted) } } : {};
        }
        if (params.eventType === 'Updated') {
          await context.charging.meter(session.chargerId, transactionId, readings);
          return {};
        }
        const lastEnergy = [...readings]
          .reverse()
          .find((reading) => reading.energyWh !== undefined)?.energyWh;
        forgetTransaction(session, transactionId);
        await context.charging.stop({
          chargerId: session.chargerId,
          transactionId,
          meterStopWh: lastEnergy ?? null,
          stoppedAt: at,
          reason: params.transactionInfo.stoppedReason ?? 'Local',
          readings,
        });
        return {};
      },
    );

    handle<Ocpp201.MeterValuesRequest, object>('MeterValues', async (params) => {
      const transactionId = await context.openTransaction(session, params.evseId);
      if (transactionId) {
        await context.charging.meter(
          session.chargerId,
          transactionId,
          readOcpp201MeterValues(params.meterValue),
        );
      }
      return {};
    });

    handle<Ocpp201.ReservationStatusUpdateRequest, object>('ReservationStatusUpdate', (params) => {
      context.charging.reservationDropped(
        session.chargerId,
        params.reservationId,
        params.reservationUpdateStatus,
      );
      return {};
    });

    handle<Ocpp201.NotifyEventRequest, object>('NotifyEvent', async (params) => {
      await context.chargers.recordEvent(
        session.chargerId,
        'NotifyEvent',
        params,
        context.eventTime(params.generatedAt),
      );
      return {};
    });

    for (const action of ['FirmwareStatusNotification', 'LogStatusNotification']) {
      handle<{ status: string }, object>(action, async (params) => {
        await context.chargers.recordEvent(session.chargerId, action, params, new Date());
        return {};
      });
    }
  }
}
