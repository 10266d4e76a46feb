import { Inject, Injectable } from '@nestjs/common';
import type { ChargerFrameView } from '@wattsup/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RedisConnection } from '../redis/redis.module';

/**
 * How often a charger's list is cut back to its size and its expiry renewed. Doing it on every
 * frame tripled the Redis commands of a busy fleet; in between, a list holds at most the frames
 * of one window more than its size, which `read` never shows.
 */
export const FRAME_LOG_TRIM_WINDOW_MS = 10_000;

/** The last few hundred OCPP frames of each charger, in and out, kept in Redis for troubleshooting. */
@Injectable()
export class FrameLog {
  private pending: [chargerId: string, entry: string][] = [];
  private trimmedInWindow = new Set<string>();
  private windowStartedAt = 0;

  constructor(
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(chargerId: string): string {
    return `${this.config.REDIS_KEY_PREFIX}ocpp:frames:${chargerId}`;
  }

  append(chargerId: string, direction: ChargerFrameView['direction'], frame: string): void {
    if (this.config.OCPP_FRAME_LOG_SIZE === 0) return;
    const entry: ChargerFrameView = {
      at: new Date().toISOString(),
      direction,
      frame: frame.slice(0, 8192),
    };
    this.pending.push([chargerId, JSON.stringify(entry)]);
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  /** Frames that arrive together go to Redis in one pipeline, not one round trip each. */
  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    const now = Date.now();
    if (now - this.windowStartedAt >= FRAME_LOG_TRIM_WINDOW_MS) {
      this.trimmedInWindow = new Set();
      this.windowStartedAt = now;
    }
    const pipeline = this.redis.client.pipeline();
    for (const [chargerId, entry] of batch) pipeline.lpush(this.key(chargerId), entry);
    for (const [chargerId] of batch) {
      if (this.trimmedInWindow.has(chargerId)) continue;
      this.trimmedInWindow.add(chargerId);
      pipeline.ltrim(this.key(chargerId), 0, this.config.OCPP_FRAME_LOG_SIZE - 1);
      pipeline.expire(this.key(chargerId), this.config.OCPP_FRAME_LOG_TTL_SECONDS);
    }
    // A troubleshooting aid only: never fail a charger over it.
    pipeline.exec().catch(() => undefined);
  }

  /** Newest first, at most the configured size. */
  async read(chargerId: string, limit: number): Promise<ChargerFrameView[]> {
    const count = Math.min(limit, this.config.OCPP_FRAME_LOG_SIZE);
    if (count === 0) return [];
    const entries = await this.redis.client.lrange(this.key(chargerId), 0, count - 1);
    return entries.map((entry) => JSON.parse(entry) as ChargerFrameView);
  }
}
