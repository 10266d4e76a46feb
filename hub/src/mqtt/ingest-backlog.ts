/**
 * Device messages the hub has taken from the broker and not yet written. When it reaches its
 * capacity the MQTT transport stops reading (see MqttConnection), so the broker holds the rest:
 * back-pressure instead of loss or unbounded memory.
 */
export class IngestBacklog {
  private size = 0;
  private waiters: (() => void)[] = [];
  private emptied: (() => void)[] = [];

  constructor(
    readonly capacity: number,
    private readonly onChange: (size: number) => void = () => undefined,
  ) {}

  get full(): boolean {
    return this.size >= this.capacity;
  }

  get length(): number {
    return this.size;
  }

  take(): void {
    this.size += 1;
    this.onChange(this.size);
  }

  release(): void {
    this.size -= 1;
    this.onChange(this.size);
    if (this.size === 0 && this.emptied.length > 0) {
      this.emptied.splice(0).forEach((wake) => wake());
    }
    if (!this.full && this.waiters.length > 0) {
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((wake) => wake());
    }
  }

  /** Resolves once the backlog is below capacity. */
  whenRoom(): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once everything taken has been released. */
  whenEmpty(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.emptied.push(resolve));
  }
}
