import { MikroORM } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { ChargersService } from '../chargers/chargers.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { OcppCluster } from './ocpp-cluster';
import type { OcppSession } from './ocpp-session';

const LAST_SEEN_FLUSH_MS = 5000;
const PROBE_TIMEOUT_MS = 10_000;
/** Chargers resend their statuses after a boot; after a mere reconnect the hub asks for them. */
const RESYNC_DELAY_MS = 3000;

/**
 * The chargers connected to this instance, and their presence: online at once on connect,
 * offline at once on close, probed then dropped when silent past twice their heartbeat interval.
 */
@Injectable()
export class OcppSessions implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OcppSessions');
  private readonly sessions = new Map<string, OcppSession>();
  private readonly lastSeen = new Map<string, Date>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Disconnections still being recorded; shutdown waits for them. */
  private readonly recording = new Set<Promise<void>>();
  private shuttingDown = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly chargers: ChargersService,
    private readonly cluster: OcppCluster,
    private readonly metrics: MetricsService,
    private readonly orm: MikroORM,
  ) {
    cluster.localCall = (chargerId, action, params, timeoutMs) => {
      const session = this.sessions.get(chargerId);
      if (!session)
        return Promise.reject({ name: 'ChargerOffline', message: 'The charger is not connected.' });
      return session.client.call(action, params as Record<string, unknown>, {
        callTimeoutMs: timeoutMs,
      });
    };
    cluster.holdsLocally = (chargerId) => this.sessions.has(chargerId);
    cluster.localRelease = (chargerId) => {
      const session = this.sessions.get(chargerId);
      if (!session) return;
      this.sessions.delete(chargerId);
      this.metrics.ocppConnectedChargers.dec({ protocol: session.protocol });
      void session.client.close({ code: 1000, reason: 'Replaced by a newer connection' });
    };
  }

  onApplicationBootstrap(): void {
    const every = (ms: number, task: () => Promise<void>) => {
      const timer = setInterval(
        () =>
          void task().catch((error: unknown) => this.logger.error({ err: error }, 'task failed')),
        ms,
      );
      timer.unref();
      this.timers.push(timer);
    };
    every(LAST_SEEN_FLUSH_MS, () => this.flushLastSeen());
    every(this.config.OCPP_LIVENESS_CHECK_SECONDS * 1000, () => this.checkLiveness());
    // An instance is presumed dead once its alive key expires: look for its orphans twice per TTL.
    every((this.config.OCPP_INSTANCE_TTL_SECONDS * 1000) / 2, () => this.sweepOrphans());
  }

  /** Before the sockets close: their closing must not mark chargers offline (they will reconnect). */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    this.timers.forEach(clearInterval);
    await Promise.all(this.recording);
    await this.flushLastSeen().catch(() => undefined);
  }

  get(chargerId: string): OcppSession | undefined {
    return this.sessions.get(chargerId);
  }

  get size(): number {
    return this.sessions.size;
  }

  async connected(session: OcppSession): Promise<void> {
    const previous = this.sessions.get(session.chargerId);
    this.sessions.set(session.chargerId, session);
    if (previous) {
      // A second connection with the same identity replaces the first one (OCPP-J: the newest wins).
      void previous.client.close({ code: 1000, reason: 'Replaced by a newer connection' });
    } else {
      this.metrics.ocppConnectedChargers.inc({ protocol: session.protocol });
    }
    await this.cluster.claim(session.chargerId);
    await this.chargers.setOnline(
      { id: session.chargerId, identity: session.identity },
      true,
      session.connectedAt,
    );
    setTimeout(() => void this.resync(session), RESYNC_DELAY_MS).unref();
  }

  disconnected(session: OcppSession): void {
    const recording = this.recordDisconnection(session)
      .catch((error: unknown) =>
        this.logger.error({ err: error }, `${session.identity}: disconnection not recorded`),
      )
      .finally(() => this.recording.delete(recording));
    this.recording.add(recording);
  }

  private async recordDisconnection(session: OcppSession): Promise<void> {
    if (this.sessions.get(session.chargerId) !== session) return; // replaced, not gone
    this.sessions.delete(session.chargerId);
    this.metrics.ocppConnectedChargers.dec({ protocol: session.protocol });
    if (this.shuttingDown) return; // another instance will take the charger when it reconnects
    // Reconnected to another instance meanwhile: that one owns the charger's presence now.
    if (!(await this.cluster.release(session.chargerId))) return;
    await this.declareOffline(session.chargerId, session.identity, [
      ...session.connectors.values(),
    ]);
  }

  /** Any frame from the charger shows it is alive. */
  seen(session: OcppSession): void {
    session.lastSeenAt = new Date();
    session.probing = false;
    this.lastSeen.set(session.chargerId, session.lastSeenAt);
  }

  private async resync(session: OcppSession): Promise<void> {
    if (this.sessions.get(session.chargerId) !== session || session.statusReported) return;
    if (session.registrationStatus !== 'Accepted') return;
    await session.client
      .call(
        'TriggerMessage',
        { requestedMessage: 'StatusNotification' },
        { callTimeoutMs: PROBE_TIMEOUT_MS },
      )
      .catch((error: Error) =>
        this.logger.debug(`${session.identity}: status resync refused: ${error.message}`),
      );
  }

  /** Offline, unless it is back already (here or on another instance): the newer connection wins. */
  private async declareOffline(
    chargerId: string,
    identity: string,
    terminalIds: string[],
  ): Promise<void> {
    await this.chargers.declareOffline(
      { id: chargerId, identity },
      terminalIds,
      new Date(),
      async () => !this.sessions.has(chargerId) && !(await this.cluster.liveOwner(chargerId)),
    );
  }

  private async flushLastSeen(): Promise<void> {
    if (this.lastSeen.size === 0) return;
    const batch = new Map(this.lastSeen);
    this.lastSeen.clear();
    await this.chargers.touch(batch);
  }

  /** Silent past twice its heartbeat interval plus grace: probe once, then drop if still silent. */
  private async checkLiveness(): Promise<void> {
    const now = Date.now();
    for (const session of this.sessions.values()) {
      const limitMs =
        (2 * session.heartbeatIntervalSeconds + this.config.OCPP_OFFLINE_GRACE_SECONDS) * 1000;
      if (session.probing || now - session.lastSeenAt.getTime() <= limitMs) continue;
      session.probing = true;
      session.client
        .call(
          'TriggerMessage',
          { requestedMessage: 'Heartbeat' },
          { callTimeoutMs: PROBE_TIMEOUT_MS },
        )
        .then(
          () => this.seen(session),
          () => {
            this.logger.warn(
              `${session.identity} silent for ${Math.round((now - session.lastSeenAt.getTime()) / 1000)}s: offline`,
            );
            void session.client.close({ force: true });
          },
        );
    }
  }

  /**
   * Chargers marked online whose owning instance died (crash, kill -9): nobody will see their
   * socket close, so any instance declares them offline once they are silent past their window.
   */
  private async sweepOrphans(): Promise<void> {
    const candidates = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string; identity: string }[]>(
        `select id, identity from chargers
         where online and last_seen_at < now() - make_interval(secs => 2 * heartbeat_interval_seconds + ?)
         limit 500`,
        [this.config.OCPP_OFFLINE_GRACE_SECONDS],
      );
    for (const charger of candidates) {
      if (this.sessions.has(charger.id) || (await this.cluster.liveOwner(charger.id))) continue;
      const terminals = await this.chargers.connectorTerminals(charger.id);
      await this.declareOffline(charger.id, charger.identity, [...terminals.values()]);
    }
  }
}
