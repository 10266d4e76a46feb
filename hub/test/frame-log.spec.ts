import { randomBytes } from 'node:crypto';
import { parseConfig } from '../src/config/config';
import { FrameLog } from '../src/ocpp/frame-log';
import { RedisConnection } from '../src/redis/redis.module';

describe('OCPP frame log (real Redis)', () => {
  const config = {
    ...parseConfig({ ...process.env, DATABASE_URL: 'postgres://unused/unused' }),
    REDIS_KEY_PREFIX: `wattsup-test:${randomBytes(4).toString('hex')}:`,
    OCPP_FRAME_LOG_SIZE: 3,
  };
  const redis = new RedisConnection(config);
  const frames = new FrameLog(redis, config);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  afterAll(async () => {
    const keys = await redis.client.keys(`${config.REDIS_KEY_PREFIX}*`);
    if (keys.length > 0) await redis.client.del(...keys);
    await redis.onApplicationShutdown();
  });

  it('keeps the newest frames of each charger, at most its size, with an expiry', async () => {
    for (let index = 1; index <= 5; index += 1) frames.append('charger-a', 'in', `[2,"${index}"]`);
    frames.append('charger-b', 'out', '[3,"1",{}]');
    await settle();
    for (let index = 6; index <= 8; index += 1) frames.append('charger-a', 'out', `[2,"${index}"]`);
    await settle();

    const newest = await frames.read('charger-a', 100);
    expect(newest.map((entry) => entry.frame)).toEqual(['[2,"8"]', '[2,"7"]', '[2,"6"]']);
    expect(newest[0]).toEqual({ at: expect.any(String), direction: 'out', frame: '[2,"8"]' });
    expect(await frames.read('charger-b', 2)).toHaveLength(1);
    const ttl = await redis.client.ttl(`${config.REDIS_KEY_PREFIX}ocpp:frames:charger-a`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(config.OCPP_FRAME_LOG_TTL_SECONDS);
  });
});
