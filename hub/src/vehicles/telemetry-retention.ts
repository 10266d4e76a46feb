import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly repository: TelemetryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.TELEMETRY_RETENTION_DAYS === 0) return;
    const run = () => void this.purge().catch((error: unknown) => this.failed(error));
    this.timer = setInterval(run, PURGE_EVERY_MS);
    this.timer.unref();
    setImmediate(run);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Deletes what is past the retention; resolves with how many samples went. */
  purge(now = new Date()): Promise<number> {
    if (this.config.TELEMETRY_RETENTION_DAYS === 0) return Promise.resolve(0);
    this.running ??= (async () => {
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
    })().finally(() => (this.running = null));
    return this.running;
  }

  private failed(error: unknown): void {
    this.logger.warn(`telemetry retention failed: ${(error as Error).message}`);
  }
}
