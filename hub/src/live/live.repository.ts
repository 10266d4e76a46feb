import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { LiveSnapshotStation, LiveSnapshotTerminal } from '@wattsup/contracts';
import { arrayLiteral } from '../database/array-literal';

/** Reads for `/live` snapshots: the per-station counts kept by the terminals trigger. */
@Injectable()
export class LiveRepository {
  constructor(private readonly em: EntityManager) {}

  /** Up to `limit` stations in the bbox; one more is read to tell whether any were left out. */
  async stationsInBbox(
    bbox: readonly [number, number, number, number],
    limit: number,
  ): Promise<{ stations: LiveSnapshotStation[]; truncated: boolean }> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<LiveSnapshotStation[]>(
        `select id as "stationId", st_x(location) as lon, st_y(location) as lat,
                available_count as available, terminal_count as total, doubtful_count as doubtful
         from stations
         where retired_at is null and location && st_makeenvelope(?, ?, ?, ?, 4326)
         limit ?`,
        [...bbox, limit + 1],
      );
    return { stations: rows.slice(0, limit), truncated: rows.length > limit };
  }

  async terminalsOf(stationIds: readonly string[]): Promise<LiveSnapshotTerminal[]> {
    if (stationIds.length === 0) return [];
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<(Omit<LiveSnapshotTerminal, 'confirmedAt'> & { confirmedAt: string | null })[]>(
        `select id as "terminalId", station_id as "stationId", status, status_source as source,
                status_confirmed_at as "confirmedAt"
         from terminals
         where station_id = any(?::uuid[]) and retired_at is null
         order by station_id, pdc_id`,
        [arrayLiteral(stationIds)],
      );
    return rows.map((row) => ({
      ...row,
      confirmedAt: row.confirmedAt === null ? null : new Date(row.confirmedAt).toISOString(),
    }));
  }
}
