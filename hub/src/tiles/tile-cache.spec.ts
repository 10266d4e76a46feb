import { type CachedTile, TileCache } from './tile-cache';

const tile = (text: string): CachedTile => ({ body: Buffer.from(text), etag: `"${text}"` });
const at = (area: string, variant = '') => ({ area, variant });

describe('TileCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 0));

  it('computes once, then serves from memory until the time to live runs out', async () => {
    const cache = new TileCache(10, 1000, clock);
    const compute = jest.fn(async () => tile('a'));
    await cache.get(at('k'), compute);
    await cache.get(at('k'), compute);
    expect(compute).toHaveBeenCalledTimes(1);
    now = 1000;
    expect(cache.peek(at('k'))).toBeNull();
    await cache.get(at('k'), compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('shares one computation between concurrent requests', async () => {
    const cache = new TileCache(10, 1000, clock);
    const compute = jest.fn(async () => tile('a'));
    const [first, second] = await Promise.all([
      cache.get(at('k'), compute),
      cache.get(at('k'), compute),
    ]);
    expect(first).toBe(second);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('does not keep a tile whose area changed while it was computed', async () => {
    const cache = new TileCache(10, 1000, clock);
    let finish!: (value: CachedTile) => void;
    const pending = cache.get(at('k'), () => new Promise((resolve) => (finish = resolve)));
    cache.invalidate('k');
    finish(tile('old'));
    expect((await pending).etag).toBe('"old"');
    expect(cache.peek(at('k'))).toBeNull();
  });

  it('evicts the least recently used tile beyond its size', async () => {
    const cache = new TileCache(2, 1000, clock);
    await cache.get(at('a'), async () => tile('a'));
    await cache.get(at('b'), async () => tile('b'));
    cache.peek(at('a'));
    await cache.get(at('c'), async () => tile('c'));
    expect(cache.peek(at('b'))).toBeNull();
    expect(cache.peek(at('a'))).not.toBeNull();
    expect(cache.size).toBe(2);
  });

  it('invalidates every variant of an area, and only that area', async () => {
    const cache = new TileCache(10, 1000, clock);
    await cache.get(at('5/1/2'), async () => tile('all'));
    await cache.get(at('5/1/2', 'plug=CCS_COMBO'), async () => tile('ccs'));
    await cache.get(at('5/1/3', 'plug=CCS_COMBO'), async () => tile('next'));
    let finish!: (value: CachedTile) => void;
    const pending = cache.get(
      at('5/1/2', 'free=true'),
      () => new Promise((resolve) => (finish = resolve)),
    );
    cache.invalidate('5/1/2');
    finish(tile('free'));
    await pending;
    expect(cache.peek(at('5/1/2'))).toBeNull();
    expect(cache.peek(at('5/1/2', 'plug=CCS_COMBO'))).toBeNull();
    expect(cache.peek(at('5/1/2', 'free=true'))).toBeNull();
    expect(cache.peek(at('5/1/3', 'plug=CCS_COMBO'))?.etag).toBe('"next"');
    expect(cache.size).toBe(1);
  });

  it('forgets everything on clear', async () => {
    const cache = new TileCache(10, 1000, clock);
    await cache.get(at('a'), async () => tile('a'));
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
