import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';

/**
 * The hub's shared Redis connection (rate limits, session blocks, frame logs, live events; BullMQ
 * opens its own). Commands issued in the same turn of the event loop go out as one write
 * (auto-pipelining): under load, every request's and every event's command would otherwise be a
 * system call of its own, on the hub and on Redis.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, {
      lazyConnect: false,
      maxRetriesPerRequest: 2,
      enableAutoPipelining: true,
    });
  }

  /** A connection of its own for SUBSCRIBE, which takes the connection over. */
  subscriber(): Redis {
    return this.client.duplicate({ enableAutoPipelining: false });
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
