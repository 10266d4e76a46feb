import { MessageRateLimiter } from './rate-limiter';

describe('MessageRateLimiter', () => {
  it('lets a burst through, then spaces messages at the rate, per client', () => {
    const limiter = new MessageRateLimiter(10, 3);
    expect([1, 2, 3, 4, 5].map(() => limiter.delayMs('a', 0))).toEqual([0, 0, 0, 100, 200]);
    // Another client has its own pace.
    expect(limiter.delayMs('b', 0)).toBe(0);
    // Once the backlog has passed, the client is within its rate again.
    expect(limiter.delayMs('a', 300)).toBe(0);
  });

  it('never saves up more than the burst, however long the client was quiet', () => {
    const limiter = new MessageRateLimiter(10, 2);
    limiter.delayMs('a', 0);
    expect([1, 2, 3].map(() => limiter.delayMs('a', 60_000))).toEqual([0, 0, 100]);
  });

  it('starts a forgotten client afresh', () => {
    const limiter = new MessageRateLimiter(1, 1);
    expect(limiter.delayMs('a', 0)).toBe(0);
    expect(limiter.delayMs('a', 0)).toBe(1000);
    limiter.forget('a');
    expect(limiter.delayMs('a', 0)).toBe(0);
  });
});
