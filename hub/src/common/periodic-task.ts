import type { Logger } from '@nestjs/common';

/**
 * Housekeeping that every hub instance runs on a timer (retention, sweeps): one run at a time, a
 * caller arriving during a run joins it, a failure is logged and the next tick tries again, and
 * shutdown waits for the run in progress.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly name: string,
    private readonly work: (now: Date) => Promise<number>,
    private readonly logger: Logger,
  ) {}

  start(everyMs: number, options: { immediately?: boolean } = {}): void {
    const tick = () =>
      void this.run().catch((error: unknown) =>
        this.logger.warn(`${this.name} failed: ${(error as Error).message}`),
      );
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
    if (options.immediately) setImmediate(tick);
  }

  /** Resolves with what the run reports (rows handled). */
  run(now = new Date()): Promise<number> {
    this.running ??= this.work(now).finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
