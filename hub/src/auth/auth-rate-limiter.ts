import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RedisConnection } from '../redis/redis.module';

/**
 * Login and registration limits kept in Redis, so they hold across hub instances: attempts per
 * client IP, and failed logins per account (an attacker rotating IPs still hits the second).
 */
@Injectable()
export class AuthRateLimiter {
  private readonly perIp: RateLimiterRedis;
  private readonly perAccount: RateLimiterRedis;

  constructor(@Inject(APP_CONFIG) config: AppConfig, redis: RedisConnection) {
    const common = { storeClient: redis.client, duration: config.AUTH_RATE_LIMIT_WINDOW_SECONDS };
    this.perIp = new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.REDIS_KEY_PREFIX}auth:ip`,
      points: config.AUTH_RATE_LIMIT_PER_IP,
    });
    this.perAccount = new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.REDIS_KEY_PREFIX}auth:account`,
      points: config.AUTH_RATE_LIMIT_PER_ACCOUNT,
    });
  }

  async attemptFromIp(ip: string): Promise<void> {
    await this.consume(this.perIp, ip, 'Too many attempts from your network. Try again later.');
  }

  async checkAccount(email: string): Promise<void> {
    const state = await this.perAccount.get(email);
    if (state && state.remainingPoints <= 0) {
      throw this.limited('Too many failed sign-ins for this account. Try again later.', state);
    }
  }

  async failedLogin(email: string): Promise<void> {
    await this.perAccount.penalty(email, 1);
  }

  async successfulLogin(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }

  private async consume(limiter: RateLimiterRedis, key: string, message: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.limited(message, rejection);
      throw rejection;
    }
  }

  private limited(message: string, state: RateLimiterRes): RateLimitedError {
    return new RateLimitedError(message, Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
  }
}
