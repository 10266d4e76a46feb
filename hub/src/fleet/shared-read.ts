/**
 * One value read from somewhere slow, shared: answers from memory for `ttlMs`, and callers that
 * arrive while it is being read wait for that same read.
 */
export class SharedRead<T> {
  private cached: { value: T; readAt: number } | null = null;
  private reading: Promise<T> | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value at most `ttlMs` old, reading it when older. */
  get(read: (readAt: number) => Promise<T>): Promise<T> {
    if (this.cached && this.now() - this.cached.readAt < this.ttlMs)
      return Promise.resolve(this.cached.value);
    return this.reading ?? this.refresh(read);
  }

  /** Reads now, whatever is held (it is known to be out of date), and keeps the answer. */
  refresh(read: (readAt: number) => Promise<T>): Promise<T> {
    const readAt = this.now();
    const reading = read(readAt)
      .then((value) => {
        // A read that started earlier but finished later does not replace a newer answer.
        if (!this.cached || this.cached.readAt <= readAt) this.cached = { value, readAt };
        return value;
      })
      .finally(() => {
        if (this.reading === reading) this.reading = null;
      });
    this.reading = reading;
    return reading;
  }
}
