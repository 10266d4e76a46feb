import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { PeriodicTask } from '../common/periodic-task';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { TerminalStatusRecorder } from './terminal-status.recorder';

const SWEEP_EVERY_MS = 60_000;
/** Terminals turned per round: one status batch each, so the recorder's transactions stay short. */
const SWEEP_CHUNK = 1000;
/** Sources whose statuses stay true while their charger is connected (the hub tracks presence). */
const LIVE_SOURCES = ['OCPP', 'MQTT'];

/**
 * A terminal shown free must be vouched for. OCPP and MQTT statuses are, while their charger is
 * connected (a silent one turns OFFLINE). A free status from anything else (a file, the hub's own
 * marks) that nobody confirmed for STATUS_UNCONFIRMED_MINUTES becomes UNKNOWN through the status
 * pipeline, so the map, the tiles, the counts and the history all stop calling it free. Every
 * hub instance sweeps; a terminal already UNKNOWN is left alone, so they only share the work.
 */
@Injectable()
export class UnconfirmedStatusSweep implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(UnconfirmedStatusSweep.name);
  private readonly task = new PeriodicTask(
    'unconfirmed status sweep',
    (now) => this.turnUnconfirmed(now),
    this.logger,
  );

  constructor(
    private readonly orm: MikroORM,
    private readonly recorder: TerminalStatusRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.STATUS_UNCONFIRMED_MINUTES > 0) this.task.start(SWEEP_EVERY_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Turns the free statuses nobody confirmed since the limit UNKNOWN; resolves with how many. */
  sweep(now = new Date()): Promise<number> {
    return this.task.run(now);
  }

  private async turnUnconfirmed(now: Date): Promise<number> {
    const minutes = this.config.STATUS_UNCONFIRMED_MINUTES;
    const before = new Date(now.getTime() - minutes * 60_000);
    let total = 0;
    for (;;) {
      const rows = await this.orm.em
        .fork()
        .getConnection()
        .execute<{ id: string }[]>(
          `select id from terminals
           where status = 'AVAILABLE' and status_confirmed_at < ? and retired_at is null
             and status_source not in (${LIVE_SOURCES.map(() => '?').join(', ')})
           limit ?`,
          [before, ...LIVE_SOURCES, SWEEP_CHUNK],
        );
      await this.recorder.record(
        rows.map(({ id }) => ({
          terminalId: id,
          status: 'UNKNOWN' as const,
          source: 'HUB' as const,
          occurredAt: now,
          sourceStatus: `not confirmed for ${minutes} min`,
        })),
      );
      total += rows.length;
      if (rows.length < SWEEP_CHUNK) break;
    }
    if (total > 0)
      this.logger.log(`${total} free statuses not confirmed for ${minutes} min: UNKNOWN`);
    return total;
  }
}
