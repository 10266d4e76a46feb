import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LiveAdminTopic } from '@wattsup/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RedisConnection } from '../redis/redis.module';

/** How long a topic counts as watched after an instance last said someone watches it. */
export const WATCH_TTL_SECONDS = 15;
/** How often an instance with watchers says so again: well within the TTL. */
export const WATCH_RENEW_MS = 5000;

/**
 * Whether anyone, on any hub instance, watches an admin topic. An instance with a watcher keeps a
 * Redis key alive for it; events that cost a read of the whole fleet are produced only while the
 * key lives. A Redis failure counts as watched: a dashboard keeps its updates.
 */
@Injectable()
export class WatchedTopics {
  private readonly logger = new Logger(WatchedTopics.name);

  constructor(
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(topic: LiveAdminTopic): string {
    return `${this.config.REDIS_KEY_PREFIX}live:watched:${topic}`;
  }

  async watch(topic: LiveAdminTopic): Promise<void> {
    try {
      await this.redis.client.set(this.key(topic), '1', 'EX', WATCH_TTL_SECONDS);
    } catch (error) {
      this.logger.warn(`could not say that ${topic} is watched: ${String(error)}`);
    }
  }

  async watched(topic: LiveAdminTopic): Promise<boolean> {
    try {
      return (await this.redis.client.exists(this.key(topic))) === 1;
    } catch {
      return true;
    }
  }
}
