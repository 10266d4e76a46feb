export interface CachedTile {
  body: Buffer;
  etag: string;
}

interface Entry extends CachedTile {
  expiresAt: number;
}

/**
 * A cached tile is one variant (e.g. a station filter's query string, '' for none) of one area
 * (`z/x/y`): a change in the area invalidates every variant of it at once.
 */
export interface TileCacheKey {
  area: string;
  variant: string;
}

const keyOf = ({ area, variant }: TileCacheKey) => `${area}?${variant}`;

/**
 * Least-recently-used tiles with a time to live. A tile being computed is shared by concurrent
 * requests; if its area changes meanwhile, the result still answers them but is not kept.
 */
export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private readonly computing = new Map<string, { tile: Promise<CachedTile>; stale: boolean }>();
  /** The keys cached or being computed in each area. */
  private readonly areas = new Map<string, Set<string>>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached tile, or null; a hit becomes the most recently used. */
  peek(tileKey: TileCacheKey): CachedTile | null {
    const key = keyOf(tileKey);
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.forget(tileKey.area, key);
      return null;
    }
    this.entries.set(key, entry);
    return entry;
  }

  async get(tileKey: TileCacheKey, compute: () => Promise<CachedTile>): Promise<CachedTile> {
    const cached = this.peek(tileKey);
    if (cached) return cached;
    const key = keyOf(tileKey);
    const running = this.computing.get(key);
    if (running) return running.tile;
    const job = { tile: compute(), stale: false };
    this.computing.set(key, job);
    this.remember(tileKey.area, key);
    try {
      const tile = await job.tile;
      if (!job.stale) this.store(tileKey.area, key, tile);
      return tile;
    } finally {
      if (this.computing.get(key) === job) {
        this.computing.delete(key);
        if (!this.entries.has(key)) this.forget(tileKey.area, key);
      }
    }
  }

  /** Drops every variant of the area's tile, and keeps none being computed. */
  invalidate(area: string): void {
    for (const key of this.areas.get(area) ?? []) {
      this.entries.delete(key);
      const running = this.computing.get(key);
      if (running) {
        running.stale = true;
        this.computing.delete(key);
      }
    }
    this.areas.delete(area);
  }

  clear(): void {
    this.entries.clear();
    for (const running of this.computing.values()) running.stale = true;
    this.computing.clear();
    this.areas.clear();
  }

  private store(area: string, key: string, tile: CachedTile): void {
    this.entries.set(key, { ...tile, expiresAt: this.now() + this.ttlMs });
    this.remember(area, key);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value!;
      this.entries.delete(oldest);
      this.forget(oldest.slice(0, oldest.indexOf('?')), oldest);
    }
  }

  private remember(area: string, key: string): void {
    const keys = this.areas.get(area);
    if (keys) keys.add(key);
    else this.areas.set(area, new Set([key]));
  }

  private forget(area: string, key: string): void {
    const keys = this.areas.get(area);
    keys?.delete(key);
    if (keys?.size === 0) this.areas.delete(area);
  }
}
