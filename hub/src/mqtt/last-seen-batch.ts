export type LastSeenWriter = (lastSeen: ReadonlyMap<string, Date>) => Promise<void>;

export interface LastSeenBatchOptions {
  /** Pause between two writes while they succeed. */
  everyMs: number;
  /** Longest pause between two attempts while they fail (the pause doubles from `everyMs`). */
  maxBackoffMs: number;
  /** Chargers held at most; one never heard before is not held beyond (memory stays bounded). */
  maxChargers: number;
  /** Told once per failed write, and of chargers turned away when full. */
  warn: (message: string) => void;
}

/**
 * Chargers' last-seen times, written in one statement every `everyMs` instead of once per message.
 * A write that fails puts its times back (the newest per charger wins) and the next attempt waits
 * twice as long, up to `maxBackoffMs`. One entry per charger, so memory is bounded by the fleet,
 * and at most `maxChargers` whatever happens.
 */
export class LastSeenBatch {
  private pending = new Map<string, Date>();
  private writing: Promise<boolean> | null = null;
  private failures = 0;
  private turnedAway = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: LastSeenWriter,
    private readonly options: LastSeenBatchOptions,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  seen(chargerId: string, at: Date): void {
    if (!this.hold(chargerId, at)) this.turnedAway += 1;
  }

  /** Writes on a timer until `stop`. */
  start(): void {
    this.schedule(this.options.everyMs);
  }

  /** Writes what is waiting; resolves false when the write failed (the times are kept). */
  flush(): Promise<boolean> {
    this.writing ??= this.writeOnce().finally(() => (this.writing = null));
    return this.writing;
  }

  /** No more timer; then a last write, tried again with backoff until `deadlineMs` has passed. */
  async stop(deadlineMs: number): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const giveUpAt = Date.now() + deadlineMs;
    while (!(await this.flush())) {
      const waitMs = Math.min(this.backoffMs(), giveUpAt - Date.now());
      if (waitMs <= 0) {
        this.options.warn(`${this.pending.size} last-seen times not written before shutdown`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.flush().then((written) => {
        if (this.timer) this.schedule(written ? this.options.everyMs : this.backoffMs());
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Keeps the newest time per charger; false when a new charger finds the batch full. */
  private hold(chargerId: string, at: Date): boolean {
    const previous = this.pending.get(chargerId);
    if (previous) {
      if (previous < at) this.pending.set(chargerId, at);
      return true;
    }
    if (this.pending.size >= this.options.maxChargers) return false;
    this.pending.set(chargerId, at);
    return true;
  }

  private backoffMs(): number {
    return Math.min(this.options.everyMs * 2 ** this.failures, this.options.maxBackoffMs);
  }

  private async writeOnce(): Promise<boolean> {
    if (this.turnedAway > 0) {
      this.options.warn(
        `${this.turnedAway} last-seen times dropped: already ${this.options.maxChargers} chargers waiting`,
      );
      this.turnedAway = 0;
    }
    if (this.pending.size === 0) return true;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.write(batch);
      this.failures = 0;
      return true;
    } catch (error) {
      this.failures += 1;
      // Back with the times seen meanwhile, the newest per charger winning, within the bound.
      const lost = [...batch].filter(([chargerId, at]) => !this.hold(chargerId, at)).length;
      this.options.warn(
        `last-seen write failed (${this.failures} in a row; ${this.pending.size} kept, ${lost} dropped): ${(error as Error).message}`,
      );
      return false;
    }
  }
}
