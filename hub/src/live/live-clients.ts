import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnModuleInit,
} from '@nestjs/common';
import {
  LIVE_CLOSE_ACCOUNT_BLOCKED,
  type LiveAdminTopic,
  type LiveControlFrame,
  type LiveFrame,
  type LiveSnapshotStation,
  liveSubscribeMessage,
} from '@wattsup/contracts';
import { Counter, Gauge } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { AccessTokenService } from '../auth/access-token.service';
import { SessionBlocklist } from '../auth/session-blocklist';
import { ACCESS_COOKIE } from '../auth/session.guard';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { LiveBridge } from './live-bridge';
import { LiveThrottle } from './live-throttle';
import { WATCH_RENEW_MS, WatchedTopics } from './watched-topics';
import { LiveRepository } from './live.repository';
import {
  concerns,
  type LiveSubscription,
  LiveSubscriptionError,
  type LiveViewer,
  NO_SUBSCRIPTION,
  toSubscription,
} from './live-subscription';

interface LiveClient {
  socket: WebSocket;
  viewer: LiveViewer;
  /** Settles once the session cookie is checked; a subscribe waits for it. */
  ready: Promise<void>;
  subscription: LiveSubscription;
  /** Messages held while a snapshot is read, sent right after it; null when not held. */
  held: { messages: Buffer[]; bytes: number } | null;
  snapshots: number;
}

const ANONYMOUS: LiveViewer = { userId: null, role: null };
const OPEN_BRACKET = Buffer.from('[');
const CLOSE_BRACKET = Buffer.from(']');
/** Topics whose events are produced only while someone watches them (`WatchedTopics`). */
const GATED_TOPICS: readonly LiveAdminTopic[] = ['fleet-summary'];

/** The value of one cookie in a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Everyone connected to `/live` on this instance. Events from every instance go out at the next
 * turn of the event loop, except that one terminal is heard of at most once per LIVE_COALESCE_MS
 * (`LiveThrottle`); each frame is serialised once, and every socket gets one message with the
 * frames of that flush that concern it (one write per socket per flush, not per event). A socket whose unsent bytes pass LIVE_MAX_BUFFERED_BYTES is cut off
 * and counted: it reconnects and gets a fresh snapshot, and nobody else waits for it.
 */
@Injectable()
export class LiveClients implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveClients.name);
  private readonly clients = new Map<WebSocket, LiveClient>();
  private readonly throttle: LiveThrottle;
  /** The next flush: at once for ready frames, or when the first waiting frame is due. */
  private flushSoon?: NodeJS.Immediate;
  private flushLater?: NodeJS.Timeout;
  private events?: Subscription;
  private blocks?: Subscription;
  private watchRenewal?: NodeJS.Timeout;
  private readonly connected: Gauge;
  private readonly dropped: Counter;
  private readonly sent: Counter;

  constructor(
    private readonly bridge: LiveBridge,
    private readonly repository: LiveRepository,
    private readonly tokens: AccessTokenService,
    private readonly blocklist: SessionBlocklist,
    private readonly watchedTopics: WatchedTopics,
    metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.throttle = new LiveThrottle(config.LIVE_COALESCE_MS);
    this.connected = new Gauge({
      name: 'wattsup_live_clients',
      help: 'Sockets connected to /live on this hub instance',
      registers: [metrics.registry],
    });
    this.dropped = new Counter({
      name: 'wattsup_live_dropped_clients_total',
      help: 'Sockets cut off on /live because they read too slowly',
      registers: [metrics.registry],
    });
    this.sent = new Counter({
      name: 'wattsup_live_frames_sent_total',
      help: 'Event frames written to /live sockets',
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    this.events = this.bridge.frames.subscribe((frame) => this.enqueue(frame));
    this.blocks = this.blocklist.blocked.subscribe((userId) => this.endSessionsOf(userId));
    this.watchRenewal = setInterval(() => this.renewWatches(), WATCH_RENEW_MS);
  }

  beforeApplicationShutdown(): void {
    this.events?.unsubscribe();
    this.blocks?.unsubscribe();
    clearInterval(this.watchRenewal);
    clearImmediate(this.flushSoon);
    clearTimeout(this.flushLater);
    for (const socket of this.clients.keys()) socket.close(1001, 'hub shutting down');
  }

  connect(socket: WebSocket, cookieHeader: string | undefined): void {
    const client: LiveClient = {
      socket,
      viewer: ANONYMOUS,
      ready: Promise.resolve(),
      subscription: NO_SUBSCRIPTION,
      held: null,
      snapshots: 0,
    };
    const token = readCookie(cookieHeader, ACCESS_COOKIE);
    if (token) {
      client.ready = this.tokens.verify(token).then(async (session) => {
        // A blocked account's tokens are refused here as on HTTP: the socket stays anonymous.
        if (session && !(await this.blocklist.isBlocked(session.id)))
          client.viewer = { userId: session.id, role: session.role };
      });
    }
    this.clients.set(socket, client);
    this.connected.set(this.clients.size);
  }

  disconnect(socket: WebSocket): void {
    if (this.clients.delete(socket)) this.connected.set(this.clients.size);
  }

  /** Replaces the socket's subscription, then sends a snapshot of what it now covers. */
  async subscribe(socket: WebSocket, message: unknown): Promise<void> {
    const client = this.clients.get(socket);
    if (!client) return;
    const parsed = liveSubscribeMessage.safeParse(message);
    if (!parsed.success) {
      this.sendControl(client, 'error', {
        message: `Invalid subscribe: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}`,
      });
      return;
    }
    await client.ready;
    try {
      client.subscription = toSubscription(parsed.data, client.viewer);
    } catch (error) {
      if (!(error instanceof LiveSubscriptionError)) throw error;
      this.sendControl(client, 'error', { message: error.message });
      return;
    }
    for (const topic of GATED_TOPICS)
      if (client.subscription.topics.has(topic)) void this.watchedTopics.watch(topic);
    const snapshot = ++client.snapshots;
    client.held ??= { messages: [], bytes: 0 };
    try {
      const { bbox, stationIds } = client.subscription;
      const [area, terminals] = await Promise.all([
        bbox
          ? this.repository.stationsInBbox(bbox, this.config.LIVE_SNAPSHOT_MAX_STATIONS)
          : { stations: [] as LiveSnapshotStation[], truncated: false },
        this.repository.terminalsOf([...stationIds]),
      ]);
      // A newer subscribe is reading its own snapshot; it will release the held frames.
      if (snapshot !== client.snapshots || !this.clients.has(socket)) return;
      this.sendControl(client, 'snapshot', { bbox: bbox ?? null, ...area, terminals });
    } catch (error) {
      if (snapshot !== client.snapshots) return;
      this.logger.warn(`live snapshot failed: ${String(error)}`);
      this.sendControl(client, 'error', {
        message: 'The snapshot could not be read; resubscribe.',
      });
    }
    const held = client.held;
    client.held = null;
    for (const message of held?.messages ?? []) this.write(client, message);
  }

  private renewWatches(): void {
    for (const topic of GATED_TOPICS) {
      for (const client of this.clients.values()) {
        if (!client.subscription.topics.has(topic)) continue;
        void this.watchedTopics.watch(topic);
        break;
      }
    }
  }

  /**
   * A blocked account loses its sockets at once: they were identified when they opened, and a
   * reconnect is identified again (and refused) like any request.
   */
  private endSessionsOf(userId: string): void {
    for (const client of this.clients.values()) {
      if (client.viewer.userId !== userId) continue;
      this.disconnect(client.socket);
      client.socket.close(LIVE_CLOSE_ACCOUNT_BLOCKED, 'account blocked');
    }
  }

  invalid(socket: WebSocket): void {
    const client = this.clients.get(socket);
    if (client)
      this.sendControl(client, 'error', {
        message: 'Frames are JSON objects; the only type a client sends is "subscribe".',
      });
  }

  private enqueue(frame: LiveFrame): void {
    this.throttle.add(frame, performance.now());
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.throttle.readyCount > 0) {
      this.flushSoon ??= setImmediate(() => this.flush());
      return;
    }
    if (this.flushSoon || this.flushLater) return;
    const dueIn = this.throttle.nextDueIn(performance.now());
    if (dueIn !== undefined) this.flushLater = setTimeout(() => this.flush(), Math.ceil(dueIn));
  }

  /** One message per socket per flush: a JSON array of the frames that concern it. */
  private flush(): void {
    clearImmediate(this.flushSoon);
    clearTimeout(this.flushLater);
    this.flushSoon = this.flushLater = undefined;
    const batches = new Map<LiveClient, Buffer[]>();
    for (const frame of this.throttle.take(performance.now())) {
      let encoded: Buffer | undefined;
      for (const client of this.clients.values()) {
        if (!concerns(client.subscription, client.viewer, frame)) continue;
        // Encoded once for every socket; each message is then a copy of bytes, not a new string.
        encoded ??= Buffer.from(`,${JSON.stringify(frame)}`);
        const batch = batches.get(client);
        if (batch) batch.push(encoded);
        else batches.set(client, [OPEN_BRACKET, encoded]);
      }
    }
    for (const [client, batch] of batches) {
      batch[1] = batch[1].subarray(1);
      batch.push(CLOSE_BRACKET);
      this.write(client, Buffer.concat(batch));
      this.sent.inc(batch.length - 2);
    }
    this.scheduleFlush();
  }

  private write(client: LiveClient, payload: Buffer): void {
    const limit = this.config.LIVE_MAX_BUFFERED_BYTES;
    if (client.held) {
      client.held.messages.push(payload);
      client.held.bytes += payload.length;
      if (client.held.bytes > limit) this.drop(client);
      return;
    }
    if (client.socket.bufferedAmount > limit) {
      this.drop(client);
      return;
    }
    client.socket.send(payload, { binary: false });
  }

  private drop(client: LiveClient): void {
    this.disconnect(client.socket);
    this.dropped.inc();
    // Its buffer is full: a close frame would wait behind it, so cut the connection now.
    client.socket.terminate();
  }

  private sendControl<T extends LiveControlFrame['type']>(
    client: LiveClient,
    type: T,
    data: Extract<LiveControlFrame, { type: T }>['data'],
  ): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    // A client that keeps resubscribing without reading must not pile snapshots up in memory.
    if (client.socket.bufferedAmount > this.config.LIVE_MAX_BUFFERED_BYTES) {
      this.drop(client);
      return;
    }
    client.socket.send(JSON.stringify({ type, at: new Date().toISOString(), data }));
  }
}
