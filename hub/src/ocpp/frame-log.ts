import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RedisConnection } from '../redis/redis.module';

export interface LoggedFrame {
  at: string;
  direction: 'in' | 'out';
  frame: string;
}

/** The last few hundred OCPP frames of each charger, in and out, kept in Redis for troubleshooting. */
@Injectable()
export class FrameLog {
  constructor(
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(chargerId: string): string {
    return `${this.config.REDIS_KEY_PREFIX}ocpp:frames:${chargerId}`;
  }

  append(chargerId: string, direction: LoggedFrame['direction'], frame: string): void {
    const size = this.config.OCPP_FRAME_LOG_SIZE;
    if (size === 0) return;
    const entry: LoggedFrame = {
      at: new Date().toISOString(),
      direction,
      frame: frame.slice(0, 8192),
    };
    this.redis.client
      .multi()
      .lpush(this.key(chargerId), JSON.stringify(entry))
      .ltrim(this.key(chargerId), 0, size - 1)
      .expire(this.key(chargerId), this.config.OCPP_FRAME_LOG_TTL_SECONDS)
      .exec()
      .catch(() => undefined); // troubleshooting aid only: never fail a charger over it
  }

  /** Newest first. */
  async read(chargerId: string, limit: number): Promise<LoggedFrame[]> {
    const entries = await this.redis.client.lrange(this.key(chargerId), 0, limit - 1);
    return entries.map((entry) => JSON.parse(entry) as LoggedFrame);
  }
}
