import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { TelemetryRepository } from './telemetry.repository';

const PURGE_EVERY_MS = 3_600_000;
/** Small deletes keep each transaction short next to the constant stream of inserts. */
const DELETE_CHUNK = 10_000;

/**
 * Deletes telemetry older than TELEMETRY_RETENTION_DAYS, once at start-up and then hourly. Every
 * hub instance does it; the deletes are idempotent, so they only share the work.
 */
@Injectable()
export class TelemetryRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TelemetryRetention.name);
  private readonly task = new PeriodicTask(
    'telemetry retention',
    (now) => this.deleteExpired(now),
    this.logger,
  );

  constructor(
    private readonly repository: TelemetryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.TELEMETRY_RETENTION_DAYS > 0)
      this.task.start(PURGE_EVERY_MS, { immediately: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Deletes what is past the retention; resolves with how many samples went. */
  purge(now = new Date()): Promise<number> {
    if (this.config.TELEMETRY_RETENTION_DAYS === 0) return Promise.resolve(0);
    return this.task.run(now);
  }

  private async deleteExpired(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.config.TELEMETRY_RETENTION_DAYS * 86_400_000);
    let total = 0;
    for (;;) {
      const deleted = await this.repository.deleteOlderThan(before, DELETE_CHUNK);
      total += deleted;
      if (deleted < DELETE_CHUNK) break;
    }
    if (total > 0)
      this.logger.log(`deleted ${total} telemetry samples older than ${before.toISOString()}`);
    return total;
  }
}
