import { Inject, Injectable, Logger } from '@nestjs/common';
import type { StatusSource, TerminalStatus } from '@wattsup/contracts';
import { type BootInfo, ChargersService } from '../chargers/chargers.service';
import { ChargingService } from '../charging/charging.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { TerminalStatusRecorder } from '../terminals/terminal-status.recorder';
import { createRPCError } from './ocpp-rpc';
import type { OcppSession } from './ocpp-session';

/** Allowed before the charger is Accepted (OCPP 1.6 §4.2.1, 2.0.1 B02): it may only boot and beat. */
const BEFORE_ACCEPTANCE = new Set(['BootNotification', 'Heartbeat']);
/** Charger clocks drift; a report from the future is taken as happening now. */
const MAX_CLOCK_AHEAD_MS = 60_000;

/** What both protocol versions' handlers share: the services, and the rules around every call. */
@Injectable()
export class OcppHandlerContext {
  readonly logger = new Logger('Ocpp');

  constructor(
    readonly chargers: ChargersService,
    readonly charging: ChargingService,
    readonly statuses: TerminalStatusRecorder,
    readonly metrics: MetricsService,
    @Inject(APP_CONFIG) readonly config: AppConfig,
  ) {}

  /** Registers a handler that refuses work from a charger that is not accepted yet. */
  handle<P, R extends object>(
    session: OcppSession,
    action: string,
    handler: (params: P) => Promise<R> | R,
  ): void {
    session.client.handle(action, async ({ params }) => {
      if (!BEFORE_ACCEPTANCE.has(action) && session.registrationStatus !== 'Accepted') {
        throw createRPCError(
          'SecurityError',
          `${session.identity} is not accepted by the central system yet`,
        );
      }
      // ocpp-rpc's strict mode has already checked params against the official schema.
      return handler(params as P);
    });
  }

  eventTime(timestamp: string | undefined): Date {
    const now = Date.now();
    const reported = timestamp ? Date.parse(timestamp) : Number.NaN;
    return new Date(
      Number.isFinite(reported) && reported <= now + MAX_CLOCK_AHEAD_MS ? reported : now,
    );
  }

  /** Records the status of one connector (or EVSE); unbound connectors are counted, not fatal. */
  async recordStatus(
    session: OcppSession,
    connectorIds: number[],
    status: TerminalStatus,
    details: { at: Date; sourceStatus: string; errorCode?: string | null; source?: StatusSource },
  ): Promise<void> {
    session.statusReported = true;
    const terminals = connectorIds.flatMap((connectorId) => {
      const terminalId = session.connectors.get(connectorId);
      if (!terminalId) this.metrics.ocppUnboundConnector.inc({ protocol: session.protocol });
      return terminalId ? [terminalId] : [];
    });
    await this.statuses.record(
      terminals.map((terminalId) => ({
        terminalId,
        status,
        source: details.source ?? 'OCPP',
        occurredAt: details.at,
        sourceStatus: details.sourceStatus,
        errorCode: details.errorCode && details.errorCode !== 'NoError' ? details.errorCode : null,
      })),
    );
  }

  async boot(session: OcppSession, info: BootInfo) {
    const now = new Date();
    const wasAccepted = session.registrationStatus === 'Accepted';
    const charger = await this.chargers.recordBoot(
      session.chargerId,
      info,
      now,
      this.config.OCPP_HEARTBEAT_INTERVAL_SECONDS,
    );
    session.registrationStatus = charger.registrationStatus;
    session.heartbeatIntervalSeconds = charger.heartbeatIntervalSeconds;
    // Just accepted by an admin: its terminals may have been bound meanwhile.
    if (!wasAccepted && charger.registrationStatus === 'Accepted') {
      session.connectors = await this.chargers.connectorTerminals(session.chargerId);
    }
    return {
      status: charger.registrationStatus,
      currentTime: now.toISOString(),
      interval: charger.heartbeatIntervalSeconds,
    };
  }

  /**
   * The transaction open on a connector, for meter values sent without one: known from this
   * connection's own Start/Stop, or looked up once after a reconnect.
   */
  async openTransaction(session: OcppSession, connectorId: number): Promise<string | null> {
    if (!session.openTransactions.has(connectorId)) {
      session.openTransactions.set(
        connectorId,
        await this.charging.openTransactionOn(session.chargerId, connectorId),
      );
    }
    return session.openTransactions.get(connectorId) ?? null;
  }
}
