import { type CachedTile, TileCache } from './tile-cache';

const tile = (text: string): CachedTile => ({ body: Buffer.from(text), etag: `"${text}"` });

describe('TileCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 0));

  it('computes once, then serves from memory until the time to live runs out', async () => {
    const cache = new TileCache(10, 1000, clock);
    const compute = jest.fn(async () => tile('a'));
    await cache.get('k', compute);
    await cache.get('k', compute);
    expect(compute).toHaveBeenCalledTimes(1);
    now = 1000;
    expect(cache.peek('k')).toBeNull();
    await cache.get('k', compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('shares one computation between concurrent requests', async () => {
    const cache = new TileCache(10, 1000, clock);
    const compute = jest.fn(async () => tile('a'));
    const [first, second] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect(first).toBe(second);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('does not keep a tile whose area changed while it was computed', async () => {
    const cache = new TileCache(10, 1000, clock);
    let finish!: (value: CachedTile) => void;
    const pending = cache.get('k', () => new Promise((resolve) => (finish = resolve)));
    cache.invalidate('k');
    finish(tile('old'));
    expect((await pending).etag).toBe('"old"');
    expect(cache.peek('k')).toBeNull();
  });

  it('evicts the least recently used tile beyond its size', async () => {
    const cache = new TileCache(2, 1000, clock);
    await cache.get('a', async () => tile('a'));
    await cache.get('b', async () => tile('b'));
    cache.peek('a');
    await cache.get('c', async () => tile('c'));
    expect(cache.peek('b')).toBeNull();
    expect(cache.peek('a')).not.toBeNull();
    expect(cache.size).toBe(2);
  });

  it('forgets everything on clear', async () => {
    const cache = new TileCache(10, 1000, clock);
    await cache.get('a', async () => tile('a'));
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
