import { percentile } from './latency';

describe('percentile', () => {
  const values = Array.from({ length: 100 }, (_, index) => index + 1);
  it.each([
    [50, 50],
    [95, 95],
    [99, 99],
    [100, 100],
    [1, 1],
  ])('p%d of 1..100 is %d', (p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});
