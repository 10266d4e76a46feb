export interface CachedTile {
  body: Buffer;
  etag: string;
}

interface Entry extends CachedTile {
  expiresAt: number;
}

/**
 * Least-recently-used tiles with a time to live. A tile being computed is shared by concurrent
 * requests; if its area changes meanwhile, the result still answers them but is not kept.
 */
export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private readonly computing = new Map<string, { tile: Promise<CachedTile>; stale: boolean }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached tile, or null; a hit becomes the most recently used. */
  peek(key: string): CachedTile | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return null;
    this.entries.set(key, entry);
    return entry;
  }

  async get(key: string, compute: () => Promise<CachedTile>): Promise<CachedTile> {
    const cached = this.peek(key);
    if (cached) return cached;
    const running = this.computing.get(key);
    if (running) return running.tile;
    const job = { tile: compute(), stale: false };
    this.computing.set(key, job);
    try {
      const tile = await job.tile;
      if (!job.stale) this.store(key, tile);
      return tile;
    } finally {
      if (this.computing.get(key) === job) this.computing.delete(key);
    }
  }

  invalidate(key: string): void {
    this.entries.delete(key);
    const running = this.computing.get(key);
    if (running) {
      running.stale = true;
      this.computing.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    for (const running of this.computing.values()) running.stale = true;
    this.computing.clear();
  }

  private store(key: string, tile: CachedTile): void {
    this.entries.set(key, { ...tile, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}
