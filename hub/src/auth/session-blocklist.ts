import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { type Observable, Subject } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RedisConnection } from '../redis/redis.module';

export const ACCOUNT_BLOCKED =
  'This account is blocked. Contact customer service to have it reopened.';

/** Margin for the clocks of hub instances that signed tokens just before the block. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Blocked accounts whose access tokens may still be alive. Access tokens are stateless JWTs that
 * live ACCESS_TOKEN_TTL_SECONDS (15 min): nothing in one changes when support blocks its owner.
 * Reading `users.blocked_at` on every request would cost a database round trip per call, and a
 * token version would need the same read; instead a block writes one Redis key that lives as long
 * as a token can. Every token signed before the block has expired when the key does, and none is
 * signed after it (sign-in and refresh read `blocked_at` in the database), so the key is needed
 * exactly as long as it lives. One EXISTS per authenticated request, seen by every hub instance
 * at once; unblocking deletes it.
 *
 * A block is also announced on a Redis channel, so that every instance can end what the account
 * still holds open (its `/live` sockets) instead of waiting for them to close.
 */
@Injectable()
export class SessionBlocklist implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionBlocklist.name);
  private readonly prefix: string;
  private readonly channel: string;
  private readonly announced = new Subject<string>();
  private subscriber?: Redis;

  /** Ids of the accounts blocked from now on, from every hub instance. */
  readonly blocked: Observable<string> = this.announced;

  constructor(
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.prefix = `${config.REDIS_KEY_PREFIX}auth:blocked:`;
    this.channel = `${config.REDIS_KEY_PREFIX}auth:blocks`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.subscriber();
    this.subscriber.on('message', (_channel: string, userId: string) =>
      this.announced.next(userId),
    );
    await this.subscriber.subscribe(this.channel);
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
    this.announced.complete();
  }

  async block(userId: string): Promise<void> {
    const seconds = this.config.ACCESS_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS;
    await this.redis.client.set(this.prefix + userId, '1', 'EX', seconds);
    // The key already refuses the account everywhere; the announcement only closes sooner.
    await this.redis.client
      .publish(this.channel, userId)
      .catch((error: Error) =>
        this.logger.warn(`block of ${userId} not announced: ${error.message}`),
      );
  }

  async unblock(userId: string): Promise<void> {
    await this.redis.client.del(this.prefix + userId);
  }

  async isBlocked(userId: string): Promise<boolean> {
    return (await this.redis.client.exists(this.prefix + userId)) === 1;
  }
}
