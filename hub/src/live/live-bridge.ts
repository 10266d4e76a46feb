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

interface Envelope {
  origin: string;
  frame: LiveFrame;
}

/**
 * Carries live events between hub instances over Redis pub/sub. `LiveEvents.stream` stays this
 * instance's own events (services that react to an event do so once, where it happened);
 * `frames` is every instance's events exactly once: local ones straight from the stream (no
 * round trip through Redis), remote ones from the channel, skipping the echo of our own.
 */
@Injectable()
export class LiveBridge implements OnModuleInit, OnApplicationShutdown {
  readonly instanceId = randomUUID();
  private readonly logger = new Logger(LiveBridge.name);
  private readonly remote = new Subject<LiveFrame>();
  private subscriber?: Redis;
  private outbound?: Subscription;
  private publishFailures = 0;

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
    this.subscriber = this.redis.client.duplicate();
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
    const envelope: Envelope = { origin: this.instanceId, frame };
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
    if (envelope.origin !== this.instanceId) this.remote.next(envelope.frame);
  }
}
