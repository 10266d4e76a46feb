import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ExportedTerminal } from './irve-dynamique';

/** Live terminals in IRVE id order, a page at a time (keyset, so a page costs the same anywhere). */
@Injectable()
export class ExportRepository {
  constructor(private readonly em: EntityManager) {}

  async terminalsAfter(pdcId: string, limit: number): Promise<ExportedTerminal[]> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<(Omit<ExportedTerminal, 'observedAt'> & { observedAt: string })[]>(
        `select pdc_id as "pdcId", status, plugs,
                coalesce(status_confirmed_at, status_changed_at, updated_at) as "observedAt"
         from terminals
         where retired_at is null and pdc_id > ?
         order by pdc_id
         limit ?`,
        [pdcId, limit],
      );
    return rows.map((row) => ({ ...row, observedAt: new Date(row.observedAt) }));
  }
}
