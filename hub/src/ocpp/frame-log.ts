import { Inject, Injectable } from '@nestjs/common';
import type { ChargerFrameView } from '@wattsup/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RedisConnection } from '../redis/redis.module';

/** The last few hundred OCPP frames of each charger, in and out, kept in Redis for troubleshooting. */
@Injectable()
export class FrameLog {
  private pending: [chargerId: string, entry: string][] = [];

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
    const pipeline = this.redis.client.pipeline();
    const touched = new Set<string>();
    for (const [chargerId, entry] of batch) {
      pipeline.lpush(this.key(chargerId), entry);
      touched.add(chargerId);
    }
    for (const chargerId of touched) {
      pipeline.ltrim(this.key(chargerId), 0, this.config.OCPP_FRAME_LOG_SIZE - 1);
      pipeline.expire(this.key(chargerId), this.config.OCPP_FRAME_LOG_TTL_SECONDS);
    }
    // A troubleshooting aid only: never fail a charger over it.
    pipeline.exec().catch(() => undefined);
  }

  /** Newest first. */
  async read(chargerId: string, limit: number): Promise<ChargerFrameView[]> {
    const entries = await this.redis.client.lrange(this.key(chargerId), 0, limit - 1);
    return entries.map((entry) => JSON.parse(entry) as ChargerFrameView);
  }
}
