import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { LiveFrame } from '@wattsup/contracts';
import type Redis from 'ioredis';
import { merge, type Observable, Subject, type Subscription } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RedisConnection } from '../redis/redis.module';
import { LiveEvents } from './live-events';

/** What one instance publishes: the frames of one turn of its event loop, in order. */
interface Envelope {
  origin: string;
  frames: LiveFrame[];
}

/**
 * Carries live events between hub instances over Redis pub/sub. `LiveEvents.stream` stays this
 * instance's own events (services that react to an event do so once, where it happened);
 * `frames` is every instance's events exactly once: local ones straight from the stream (no
 * round trip through Redis), remote ones from the channel, skipping the echo of our own. The
 * frames of one turn of the event loop (a commit's changes) travel as one message.
 */
@Injectable()
export class LiveBridge implements OnModuleInit, OnApplicationShutdown {
  readonly instanceId = randomUUID();
  private readonly logger = new Logger(LiveBridge.name);
  private readonly remote = new Subject<LiveFrame>();
  private subscriber?: Redis;
  private outbound?: Subscription;
  private publishFailures = 0;
  private outgoing: LiveFrame[] = [];

  readonly frames: Observable<LiveFrame>;

  constructor(
    private readonly live: LiveEvents,
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.frames = merge(live.stream, this.remote);
  }

  private get channel(): string {
    return `${this.config.REDIS_KEY_PREFIX}live:events`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.subscriber();
    this.subscriber.on('message', (_channel: string, raw: string) => this.receive(raw));
    await this.subscriber.subscribe(this.channel);
    this.outbound = this.live.stream.subscribe((frame) => this.send(frame));
  }

  onApplicationShutdown(): void {
    this.outbound?.unsubscribe();
    this.subscriber?.disconnect();
    this.remote.complete();
  }

  private send(frame: LiveFrame): void {
    if (this.outgoing.push(frame) === 1) setImmediate(() => this.publish());
  }

  private publish(): void {
    const envelope: Envelope = { origin: this.instanceId, frames: this.outgoing };
    this.outgoing = [];
    this.redis.client.publish(this.channel, JSON.stringify(envelope)).then(
      () => (this.publishFailures = 0),
      (error: Error) => {
        // One line per outage, not one per event.
        if (this.publishFailures++ === 0)
          this.logger.warn(`live events no longer reach other instances: ${error.message}`);
      },
    );
  }

  private receive(raw: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (envelope.origin === this.instanceId) return;
    for (const frame of envelope.frames) this.remote.next(frame);
  }
}
