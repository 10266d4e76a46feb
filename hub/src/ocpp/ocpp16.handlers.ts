import { Injectable } from '@nestjs/common';
import type { Ocpp16 } from '@wattsup/contracts';
import { readOcpp16MeterValues } from './meter-values';
import { OcppHandlerContext } from './ocpp-handler-context';
import { forgetTransaction, type OcppSession } from './ocpp-session';
import { mapOcpp16Status, wholeChargerStatus } from './status-mapping';

const tagStatus = (accepted: boolean): Ocpp16.AuthorizationStatus =>
  accepted ? 'Accepted' : 'Invalid';

/** OCPP 1.6J, charge point → central system. Each handler decodes, calls a service, encodes. */
@Injectable()
export class Ocpp16Handlers {
  constructor(private readonly context: OcppHandlerContext) {}

  attach(session: OcppSession): void {
    const { context } = this;
    const handle = <P, R extends object>(action: string, handler: (params: P) => Promise<R> | R) =>
      context.handle(session, action, handler);

    handle<Ocpp16.BootNotificationRequest, Ocpp16.BootNotificationResponse>(
      'BootNotification',
      (params) =>
        context.boot(session, {
          vendor: params.chargePointVendor,
          model: params.chargePointModel,
          serialNumber: params.chargePointSerialNumber ?? params.chargeBoxSerialNumber,
          firmwareVersion: params.firmwareVersion,
        }),
    );

    handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));

    handle<Ocpp16.StatusNotificationRequest, object>('StatusNotification', async (params) => {
      const at = context.eventTime(params.timestamp);
      const details = { at, sourceStatus: params.status, errorCode: params.errorCode };
      if (params.connectorId === 0) {
        // OCPP 1.6 §4.9: connector 0 is the whole charge point.
        const status = wholeChargerStatus(params.status);
        if (status)
          await context.recordStatus(session, [...session.connectors.keys()], status, details);
        return {};
      }
      await context.recordStatus(
        session,
        [params.connectorId],
        mapOcpp16Status(params.status),
        details,
      );
      return {};
    });

    handle<{ idTag: string }, { idTagInfo: Ocpp16.IdTagInfo }>('Authorize', async ({ idTag }) => ({
      idTagInfo: { status: tagStatus((await context.charging.checkToken(idTag)).accepted) },
    }));

    handle<Ocpp16.StartTransactionRequest, Ocpp16.StartTransactionResponse>(
      'StartTransaction',
      async (params) => {
        const { transactionId, token } = await context.charging.start({
          chargerId: session.chargerId,
          connectorId: params.connectorId,
          terminalId: session.connectors.get(params.connectorId) ?? null,
          idTag: params.idTag,
          meterStartWh: params.meterStart,
          startedAt: context.eventTime(params.timestamp),
          ocppReservationId: params.reservationId ?? null,
        });
        return {
          transactionId: Number(transactionId),
          idTagInfo: { status: tagStatus(token.accepted) },
        };
      },
    );

    handle<Ocpp16.StopTransactionRequest, { idTagInfo?: Ocpp16.IdTagInfo }>(
      'StopTransaction',
      async (params) => {
        forgetTransaction(session, String(params.transactionId));
        await context.charging.stop({
          chargerId: session.chargerId,
          transactionId: String(params.transactionId),
          meterStopWh: params.meterStop,
          stoppedAt: context.eventTime(params.timestamp),
          reason: params.reason ?? 'Local',
          readings: readOcpp16MeterValues(params.transactionData ?? []),
        });
        if (!params.idTag) return {};
        return {
          idTagInfo: {
            status: tagStatus((await context.charging.checkToken(params.idTag)).accepted),
          },
        };
      },
    );

    handle<Ocpp16.MeterValuesRequest, object>('MeterValues', async (params) => {
      const transactionId =
        params.transactionId !== undefined
          ? String(params.transactionId)
          : await context.openTransaction(session, params.connectorId);
      if (transactionId) {
        await context.charging.meter(
          session.chargerId,
          transactionId,
          readOcpp16MeterValues(params.meterValue),
        );
      }
      return {};
    });

    // OCPP 1.6 §5.5: a vendor we have no agreement with is answered UnknownVendorId.
    handle<Ocpp16.DataTransferRequest, { status: string }>('DataTransfer', async (params) => {
      await context.chargers.recordEvent(session.chargerId, 'DataTransfer', params, new Date());
      return { status: 'UnknownVendorId' };
    });

    for (const action of ['FirmwareStatusNotification', 'DiagnosticsStatusNotification']) {
      handle<{ status: string }, object>(action, async (params) => {
        await context.chargers.recordEvent(session.chargerId, action, params, new Date());
        return {};
      });
    }
  }
}
