import { MikroORM } from '@mikro-orm/postgresql';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { StationStatusSummary, StatusSource, TerminalStatus } from '@wattsup/contracts';
import { arrayLiteral } from '../database/array-literal';
import type { LonLat } from '../database/point.type';
import { LiveEvents } from '../live/live-events';
import {
  planStatusWrites,
  type StatusObservation,
  type StatusPlan,
  type TerminalState,
} from './status-plan';

type Connection = ReturnType<ReturnType<MikroORM['em']['fork']>['getConnection']>;

interface Waiting {
  observations: StatusObservation[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 1000;

/**
 * The one status pipeline for every source (OCPP, MQTT, IRVE, support). Observations that arrive
 * together are written together: one transaction locks the terminals, appends the history and
 * updates the live status; then `terminal.status` events go out with each station's new summary.
 * A caller's promise settles once its observations are committed, so a charger is only
 * acknowledged for what is safely stored.
 */
@Injectable()
export class TerminalStatusRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TerminalStatusRecorder.name);
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly live: LiveEvents,
  ) {}

  record(observations: StatusObservation[]): Promise<void> {
    if (observations.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ observations, resolve, reject });
      if (!this.flushing)
        this.flushing = new Promise((done) => setImmediate(() => void this.flush().finally(done)));
    });
  }

  /** Everything accepted is written before the database goes away. */
  async beforeApplicationShutdown(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch: Waiting[] = [];
        let size = 0;
        while (this.queue.length > 0 && size < MAX_BATCH) {
          const next = this.queue.shift()!;
          batch.push(next);
          size += next.observations.length;
        }
        try {
          await this.write(batch.flatMap((waiting) => waiting.observations));
          batch.forEach((waiting) => waiting.resolve());
        } catch (error) {
          this.logger.error({ err: error }, 'status batch failed');
          batch.forEach((waiting) => waiting.reject(error));
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async write(observations: StatusObservation[]): Promise<void> {
    const em = this.orm.em.fork();
    const connection = em.getConnection();
    const terminalIds = [...new Set(observations.map((o) => o.terminalId))];
    const plan = await em.transactional(async (tx) => {
      const rows = await tx.getConnection().execute<
        {
          id: string;
          station_id: string;
          status: TerminalStatus;
          status_confirmed_at: Date | null;
        }[]
      >(
        `select id, station_id, status, status_confirmed_at from terminals
         where id = any(?::uuid[]) and retired_at is null
         order by id for update`,
        [arrayLiteral(terminalIds)],
        'all',
        tx.getTransactionContext(),
      );
      const current = new Map<string, TerminalState>(
        rows.map((row) => [
          row.id,
          {
            id: row.id,
            stationId: row.station_id,
            status: row.status,
            confirmedAt: row.status_confirmed_at,
          },
        ]),
      );
      const planned = planStatusWrites(current, observations);
      if (planned.history.length > 0) {
        await tx.getConnection().execute(
          `insert into terminal_status_history (terminal_id, status, source, source_status, error_code, occurred_at)
           select terminal_id, status, source, source_status, error_code, occurred_at
           from jsonb_to_recordset(?::jsonb) as h(terminal_id uuid, status text, source text,
                source_status text, error_code text, occurred_at timestamptz)`,
          [
            JSON.stringify(
              planned.history.map((o) => ({
                terminal_id: o.terminalId,
                status: o.status,
                source: o.source,
                source_status: o.sourceStatus ?? null,
                error_code: o.errorCode ?? null,
                occurred_at: o.occurredAt.toISOString(),
              })),
            ),
          ],
          'run',
          tx.getTransactionContext(),
        );
      }
      if (planned.updates.length > 0) {
        await tx.getConnection().execute(
          `update terminals t set status = u.status, status_source = u.source,
             status_changed_at = coalesce(u.changed_at, t.status_changed_at),
             status_confirmed_at = u.confirmed_at, updated_at = now()
           from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                as u(id, status, source, changed_at, confirmed_at)
           where t.id = u.id`,
          [
            arrayLiteral(planned.updates.map((u) => u.id)),
            arrayLiteral(planned.updates.map((u) => u.status)),
            arrayLiteral(planned.updates.map((u) => u.source)),
            arrayLiteral(planned.updates.map((u) => u.changedAt?.toISOString() ?? null)),
            arrayLiteral(planned.updates.map((u) => u.confirmedAt.toISOString())),
          ],
          'run',
          tx.getTransactionContext(),
        );
      }
      return planned;
    });
    const confirmedAt = new Map(plan.updates.map((u) => [u.id, u.confirmedAt]));
    await this.publish(
      connection,
      plan.changed.map((change) => ({
        ...change,
        confirmedAt: confirmedAt.get(change.terminalId) ?? change.at,
      })),
    );
  }

  /**
   * Tells the maps that an admin changed these terminals or their station (created, edited,
   * moved, retired): each terminal's status goes out as a `terminal.status` with the station's
   * counts and position as the commit left them, as for a status change. So every hub instance
   * drops the tiles that show the station (the tile cache hears these through the live bridge)
   * and open maps update its counts; a moved station is announced at its old place too, whose
   * tiles still draw it.
   */
  async announce(terminalIds: readonly string[], movedFrom: LonLat | null = null): Promise<void> {
    if (terminalIds.length === 0) return;
    const connection = this.orm.em.fork().getConnection();
    const rows = await connection.execute<
      {
        terminalId: string;
        stationId: string;
        status: TerminalStatus;
        source: StatusSource;
        confirmedAt: Date;
      }[]
    >(
      `select id as "terminalId", station_id as "stationId", status, status_source as source,
              coalesce(status_confirmed_at, updated_at) as "confirmedAt"
       from terminals where id = any(?::uuid[])`,
      [arrayLiteral(terminalIds)],
    );
    const at = new Date();
    const changes = rows.map((row) => ({ ...row, confirmedAt: new Date(row.confirmedAt), at }));
    if (movedFrom) await this.publish(connection, changes, movedFrom);
    await this.publish(connection, changes);
  }

  /** `terminal.status` for each change, at its station's place or at `place`. */
  private async publish(
    connection: Connection,
    changes: (StatusPlan['changed'][number] & { confirmedAt: Date })[],
    place: LonLat | null = null,
  ): Promise<void> {
    if (changes.length === 0) return;
    const summaries = await this.stationSummaries(connection, [
      ...new Set(changes.map((c) => c.stationId)),
    ]);
    for (const change of changes) {
      const summary = summaries.get(change.stationId);
      this.live.publish(
        'terminal.status',
        {
          terminalId: change.terminalId,
          stationId: change.stationId,
          status: change.status,
          source: change.source,
          confirmedAt: change.confirmedAt.toISOString(),
          lon: place?.lon ?? summary?.lon ?? 0,
          lat: place?.lat ?? summary?.lat ?? 0,
          station: {
            available: summary?.available ?? 0,
            total: summary?.total ?? 0,
            doubtful: summary?.doubtful ?? 0,
          },
        },
        change.at,
      );
    }
  }

  /** Each station's counts as the terminals trigger left them in this commit. */
  private async stationSummaries(
    connection: Connection,
    stationIds: string[],
  ): Promise<Map<string, StationStatusSummary & { lon: number; lat: number }>> {
    const rows = await connection.execute<
      (StationStatusSummary & { id: string; lon: number; lat: number })[]
    >(
      `select id, available_count as available, terminal_count as total, doubtful_count as doubtful,
              st_x(location) as lon, st_y(location) as lat
       from stations
       where id = any(?::uuid[])`,
      [arrayLiteral(stationIds)],
    );
    return new Map(rows.map(({ id, ...summary }) => [id, summary]));
  }
}
