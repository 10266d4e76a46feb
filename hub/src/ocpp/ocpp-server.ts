import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { OCPP_PROTOCOLS, type OcppProtocol } from '@wattsup/contracts';
import { ChargersService } from '../chargers/chargers.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { UpgradeRouter } from '../websocket/upgrade-router';
import { FrameLog } from './frame-log';
import { Ocpp16Handlers } from './ocpp16.handlers';
import { Ocpp201Handlers } from './ocpp201.handlers';
import { RPCServer, type IHandshakeInterface, type RPCServerClient } from './ocpp-rpc';
import type { OcppSession } from './ocpp-session';
import { OcppSessions } from './ocpp-sessions';

export const OCPP_PATH = '/ocpp';

interface AcceptedCharger {
  chargerId: string;
  registrationStatus: OcppSession['registrationStatus'];
  connectors: Map<number, string>;
}

/**
 * The central system's OCPP-J endpoint: `ocpp-rpc` in strict mode (every frame, both ways,
 * checked against the official schemas) behind the hub's upgrade router, with HTTP Basic
 * authentication per charger (security profile 1, or 2 on the TLS port).
 */
@Injectable()
export class OcppServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OcppServer');
  private readonly rpc: RPCServer;
  private tlsServer: HttpsServer | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly router: UpgradeRouter,
    private readonly chargers: ChargersService,
    private readonly sessions: OcppSessions,
    private readonly frames: FrameLog,
    private readonly metrics: MetricsService,
    private readonly ocpp16: Ocpp16Handlers,
    private readonly ocpp201: Ocpp201Handlers,
  ) {
    this.rpc = new RPCServer({
      protocols: [...OCPP_PROTOCOLS],
      strictMode: true,
      callTimeoutMs: config.OCPP_CALL_TIMEOUT_MS,
      pingIntervalMs: 30_000,
      deferPingsOnActivity: true,
      respondWithDetailedErrors: false,
      callConcurrency: 4,
      wssOptions: { maxPayload: config.OCPP_MAX_FRAME_BYTES },
    });
    this.rpc.auth((accept, reject, handshake) => {
      this.authenticate(handshake).then(
        (result) => {
          if (typeof result === 'number')
            return reject(result, result === 401 ? 'Unauthorized' : 'Bad Request');
          // OCPP-J §3.1.2: with no subprotocol in common, complete the handshake without one and
          // close at once (done in onClient).
          const protocol = OCPP_PROTOCOLS.find((candidate) => handshake.protocols.has(candidate));
          accept(result, protocol ?? false);
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'OCPP authentication failed');
          reject(503, 'Service Unavailable');
        },
      );
    });
    this.rpc.on('client', (client: RPCServerClient) => this.onClient(client));
    this.rpc.on('upgradeAborted', ({ error }: { error: Error }) =>
      this.logger.debug(`OCPP upgrade aborted: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.router.register(OCPP_PATH, this.rpc.handleUpgrade);
    const { OCPP_TLS_PORT: port, OCPP_TLS_CERT_FILE: cert, OCPP_TLS_KEY_FILE: key } = this.config;
    if (port !== undefined && cert && key) {
      this.tlsServer = createHttpsServer(
        { cert: readFileSync(cert), key: readFileSync(key) },
        (_request, response) => {
          response.writeHead(404).end();
        },
      );
      this.router.attach(this.tlsServer);
      this.tlsServer.listen(port, this.config.HTTP_HOST);
      this.logger.log(`OCPP over TLS (security profile 2) on port ${port}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.rpc.close({ code: 1001, reason: 'Central system shutting down', force: true });
    await new Promise<void>((resolve) =>
      this.tlsServer ? this.tlsServer.close(() => resolve()) : resolve(),
    );
  }

  /** The bound TLS port (useful when configured as 0). */
  get tlsPort(): number | null {
    const address = this.tlsServer?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  private async authenticate(handshake: IHandshakeInterface): Promise<AcceptedCharger | 401 | 400> {
    if (handshake.endpoint !== OCPP_PATH) return 400;
    const check = await this.chargers.checkCredentials(handshake.identity, handshake.password);
    let charger = check.outcome === 'accepted' ? check.charger : undefined;
    if (check.outcome === 'unknown' && this.config.OCPP_AUTO_REGISTER) {
      const protocol =
        OCPP_PROTOCOLS.find((candidate) => handshake.protocols.has(candidate)) ?? 'ocpp1.6';
      charger = await this.chargers.registerPending(handshake.identity, protocol);
    }
    if (!charger) {
      this.metrics.ocppRejectedConnections.inc({ reason: check.outcome });
      this.logger.warn(`OCPP connection refused for ${handshake.identity}: ${check.outcome}`);
      return 401;
    }
    // Loaded before the socket opens: a charger's first frame must find its handlers ready.
    const connectors = await this.chargers.connectorTerminals(charger.id);
    return { chargerId: charger.id, registrationStatus: charger.registrationStatus, connectors };
  }

  private onClient(client: RPCServerClient): void {
    const accepted = client.session as AcceptedCharger;
    if (!client.protocol) {
      this.metrics.ocppRejectedConnections.inc({ reason: 'subprotocol' });
      void client.close({
        code: 1002,
        reason: 'No supported OCPP subprotocol (ocpp1.6, ocpp2.0.1)',
      });
      return;
    }
    const protocol = client.protocol as OcppProtocol;
    const now = new Date();
    const session: OcppSession = {
      chargerId: accepted.chargerId,
      identity: client.identity ?? '',
      protocol,
      client,
      registrationStatus: accepted.registrationStatus,
      connectors: accepted.connectors,
      heartbeatIntervalSeconds: this.config.OCPP_HEARTBEAT_INTERVAL_SECONDS,
      lastSeenAt: now,
      connectedAt: now,
      probing: false,
      openTransactions: new Map(),
    };
    client.on(
      'message',
      ({ message, outbound }: { message: Buffer | string; outbound: boolean }) => {
        if (!outbound) this.sessions.seen(session);
        this.frames.append(session.chargerId, outbound ? 'out' : 'in', message.toString());
      },
    );
    client.on('call', ({ outbound, payload }: { outbound: boolean; payload: unknown[] }) => {
      if (!outbound)
        this.metrics.ocppMessages.inc({
          protocol,
          action: String(payload[2]),
          outcome: 'received',
        });
    });
    client.on('badMessage', ({ error }: { error: Error }) => {
      this.metrics.ocppBadMessages.inc({ protocol, kind: 'malformed' });
      this.logger.warn(`${session.identity}: bad OCPP frame: ${error.message}`);
    });
    client.on(
      'strictValidationFailure',
      ({ error, outbound }: { error: Error; outbound: boolean }) => {
        this.metrics.ocppBadMessages.inc({
          protocol,
          kind: outbound ? 'our-invalid-frame' : 'schema',
        });
        this.logger.warn(
          `${session.identity}: ${outbound ? 'outbound' : 'inbound'} frame failed validation: ${error.message}`,
        );
      },
    );
    client.once('close', () => this.sessions.disconnected(session));
    (protocol === 'ocpp1.6' ? this.ocpp16 : this.ocpp201).attach(session);
    this.sessions.connected(session).catch((error: unknown) => {
      this.logger.error({ err: error }, `${session.identity}: connection not recorded`);
    });
  }
}
