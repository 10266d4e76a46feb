import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { LiveEvents } from '../live/live-events';
import { MetricsService } from '../metrics/metrics.service';
import { TelemetryRepository, type TelemetrySample } from './telemetry.repository';

/** What became of a sample: stored (or already stored), or refused for naming no vehicle. */
export type TelemetryOutcome = 'stored' | 'unknown-vehicle';

interface Pending {
  sample: TelemetrySample;
  resolve: (outcome: TelemetryOutcome) => void;
  reject: (error: unknown) => void;
}

/** A failing batch is tried this many times (about 20 s in all) before its samples are dropped. */
const WRITE_ATTEMPTS = 8;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * Group commit for telemetry: samples wait at most TELEMETRY_FLUSH_MS, or until
 * TELEMETRY_BATCH_SIZE are waiting, and go to the database in one statement; while batches are
 * being written the next ones fill. At most TELEMETRY_WRITERS batches are written at once, so
 * the database works on one while the hub prepares the next, and the load stays bounded. (Two
 * batches touching the same vehicles lock their rows in the same order; a deadlock the database
 * still finds is retried like any failed write.) The caller's promise settles when its sample is
 * committed, so the caller's backlog stays honest. Each committed batch tells `/live` the new
 * state of every vehicle it moved forward (`vehicle.updated`).
 */
@Injectable()
export class TelemetryWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TelemetryWriter.name);
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly repository: TelemetryRepository,
    private readonly metrics: MetricsService,
    private readonly live: LiveEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  write(sample: TelemetrySample): Promise<TelemetryOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ sample, resolve, reject });
      this.schedule(false);
    });
  }

  /** Every sample accepted is written before the database goes away. */
  async beforeApplicationShutdown(): Promise<void> {
    while (this.writes.size > 0 || this.queue.length > 0) {
      if (this.writes.size === 0) this.startBatch();
      await Promise.race(this.writes);
    }
  }

  /**
   * Full batches go at once while a writer is free. A partial one goes when its oldest sample
   * has waited TELEMETRY_FLUSH_MS, or as soon as a write ends (its samples waited for it).
   */
  private schedule(writeEnded: boolean): void {
    const { TELEMETRY_BATCH_SIZE: batchSize, TELEMETRY_WRITERS: writers } = this.config;
    while (this.queue.length >= batchSize && this.writes.size < writers) this.startBatch();
    if (this.queue.length === 0 || this.writes.size >= writers) return;
    if (writeEnded) this.startBatch();
    else this.timer ??= setTimeout(() => this.startBatch(), this.config.TELEMETRY_FLUSH_MS);
  }

  private startBatch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    const write: Promise<void> = this.writeBatch(
      this.queue.splice(0, this.config.TELEMETRY_BATCH_SIZE),
    ).finally(() => {
      this.writes.delete(write);
      this.schedule(true);
    });
    this.writes.add(write);
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { inserted, unknownVehicles, moved } = await this.repository.append(
          batch.map((pending) => pending.sample),
        );
        // Once per vehicle and batch, after the commit: the owner's map never runs ahead of
        // what the API answers.
        for (const update of moved)
          this.live.publish('vehicle.updated', update, new Date(update.ts));
        this.metrics.telemetryBatches.inc({ outcome: 'written' });
        this.metrics.telemetryRows.inc({ fate: 'written' }, inserted);
        let refused = 0;
        for (const pending of batch) {
          const unknown = unknownVehicles.has(pending.sample.vehicleId);
          if (unknown) refused += 1;
          pending.resolve(unknown ? 'unknown-vehicle' : 'stored');
        }
        this.metrics.telemetryRows.inc({ fate: 'skipped' }, batch.length - inserted - refused);
        return;
      } catch (error) {
        this.metrics.telemetryBatches.inc({ outcome: 'failed' });
        if (attempt >= WRITE_ATTEMPTS) {
          this.logger.error(
            `dropping ${batch.length} telemetry samples after ${attempt} failed writes: ${(error as Error).message}`,
          );
          this.metrics.telemetryRows.inc({ fate: 'dropped' }, batch.length);
          batch.forEach((pending) => pending.reject(error));
          return;
        }
        this.logger.warn(
          `telemetry write failed (attempt ${attempt}): ${(error as Error).message}`,
        );
        const delay = Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
