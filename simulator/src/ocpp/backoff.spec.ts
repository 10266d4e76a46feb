import { createRandom } from '@wattsup/contracts';
import { reconnectDelayMs } from './backoff';

describe('reconnectDelayMs', () => {
  const backoff = { initialMs: 1000, maxMs: 60_000 };

  it('doubles per attempt, capped, within ±50 % jitter', () => {
    const random = createRandom(1);
    for (const [attempt, ceiling] of [
      [0, 1000],
      [1, 2000],
      [3, 8000],
      [10, 60_000],
      [100, 60_000],
    ]) {
      for (let i = 0; i < 50; i++) {
        const delay = reconnectDelayMs(attempt, random, backoff);
        expect(delay).toBeGreaterThanOrEqual(ceiling * 0.5);
        expect(delay).toBeLessThanOrEqual(ceiling * 1.5);
      }
    }
  });

  it('spreads a fleet that lost its hub at the same moment', () => {
    const random = createRandom(2);
    const delays = Array.from({ length: 1000 }, () => reconnectDelayMs(0, random, backoff));
    const buckets = new Set(delays.map((delay) => Math.floor(delay / 100)));
    expect(buckets.size).toBeGreaterThanOrEqual(9);
  });
});
