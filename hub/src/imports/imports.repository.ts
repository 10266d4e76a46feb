import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  ImportConflictView,
  ImportCounts,
  ImportHeaderReport,
  ImportPhase,
  ImportRejectView,
  ImportStatus,
} from '@wattsup/contracts';

export interface NewImport {
  source: 'UPLOAD' | 'CLI';
  fileName: string;
  fileBytes: number;
  filePath: string;
  prune: boolean;
  batchSize: number;
  createdBy: string | null;
}

/** An imports row as stored. */
export interface ImportRecord {
  id: string;
  status: ImportStatus;
  phase: ImportPhase;
  source: 'UPLOAD' | 'CLI';
  fileName: string;
  fileBytes: number;
  filePath: string | null;
  prune: boolean;
  batchSize: number;
  header: ImportHeaderReport | null;
  bytesRead: number;
  rowsRead: number;
  rowsToWrite: number;
  rowsAccepted: number;
  rowsRejected: number;
  stations: number;
  terminals: number;
  counts: Partial<ImportCounts>;
  corrections: Record<string, number>;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface ImportRow {
  id: string;
  status: ImportStatus;
  phase: ImportPhase;
  source: 'UPLOAD' | 'CLI';
  file_name: string;
  file_bytes: string | number;
  file_path: string | null;
  prune: boolean;
  batch_size: number;
  header: ImportHeaderReport | null;
  bytes_read: string | number;
  rows_read: number;
  rows_to_write: number;
  rows_accepted: number;
  rows_rejected: number;
  stations: number;
  terminals: number;
  counts: Partial<ImportCounts>;
  corrections: Record<string, number>;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const toRecord = (row: ImportRow): ImportRecord => ({
  id: row.id,
  status: row.status,
  phase: row.phase,
  source: row.source,
  fileName: row.file_name,
  fileBytes: Number(row.file_bytes),
  filePath: row.file_path,
  prune: row.prune,
  batchSize: row.batch_size,
  header: row.header,
  bytesRead: Number(row.bytes_read),
  rowsRead: row.rows_read,
  rowsToWrite: row.rows_to_write,
  rowsAccepted: row.rows_accepted,
  rowsRejected: row.rows_rejected,
  stations: row.stations,
  terminals: row.terminals,
  counts: row.counts,
  corrections: row.corrections,
  error: row.error,
  createdAt: new Date(row.created_at),
  startedAt: row.started_at && new Date(row.started_at),
  finishedAt: row.finished_at && new Date(row.finished_at),
});

/** The imports table and its reports, read and written outside an import's own session. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly em: EntityManager) {}

  private sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(query, params);
  }

  async create(input: NewImport): Promise<ImportRecord> {
    const [row] = await this.sql<ImportRow>(
      `insert into imports (id, source, file_name, file_bytes, file_path, prune, batch_size, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?) returning *`,
      [
        randomUUID(),
        input.source,
        input.fileName,
        input.fileBytes,
        input.filePath,
        input.prune,
        input.batchSize,
        input.createdBy,
      ],
    );
    return toRecord(row);
  }

  async find(id: string): Promise<ImportRecord | null> {
    const [row] = await this.sql<ImportRow>(`select * from imports where id = ?`, [id]);
    return row ? toRecord(row) : null;
  }

  async recent(limit: number): Promise<ImportRecord[]> {
    const rows = await this.sql<ImportRow>(
      `select * from imports order by created_at desc limit ?`,
      [limit],
    );
    return rows.map(toRecord);
  }

  /** QUEUED → RUNNING, atomically: null when the import was not waiting (e.g. a redelivered job). */
  async claim(id: string): Promise<ImportRecord | null> {
    const [row] = await this.sql<ImportRow>(
      `update imports set status = 'RUNNING', phase = 'READING', started_at = now(),
         heartbeat_at = now(), updated_at = now()
       where id = ? and status = 'QUEUED' returning *`,
      [id],
    );
    return row ? toRecord(row) : null;
  }

  async complete(id: string): Promise<void> {
    await this.sql(
      `update imports set status = 'COMPLETED', phase = 'DONE', file_path = null,
         finished_at = now(), updated_at = now()
       where id = ?`,
      [id],
    );
  }

  /** Ends an unfinished import as FAILED; its counters keep what was committed. */
  async fail(id: string, error: string): Promise<void> {
    await this.sql(
      `update imports set status = 'FAILED', error = ?, file_path = null, finished_at = now(),
         updated_at = now()
       where id = ? and status in ('QUEUED', 'RUNNING')`,
      [error, id],
    );
  }

  /** Imports whose hub stopped beating: RUNNING with no heartbeat for `seconds`. */
  async stale(seconds: number): Promise<ImportRecord[]> {
    const rows = await this.sql<ImportRow>(
      `select * from imports
       where status = 'RUNNING' and heartbeat_at < now() - make_interval(secs => ?)`,
      [seconds],
    );
    return rows.map(toRecord);
  }

  async rejects(id: string, limit: number, offset: number): Promise<ImportRejectView[]> {
    const rows = await this.sql<{
      line: number;
      station_id: string | null;
      pdc_id: string | null;
      field: string | null;
      value: string | null;
      reason: string;
    }>(
      `select line, station_id, pdc_id, field, value, reason from import_rejects
       where import_id = ? order by line, id limit ? offset ?`,
      [id, limit, offset],
    );
    return rows.map((row) => ({
      line: row.line,
      stationId: row.station_id,
      pdcId: row.pdc_id,
      field: row.field,
      value: row.value,
      reason: row.reason,
    }));
  }

  async countRejects(id: string): Promise<number> {
    const [row] = await this.sql<{ count: number }>(
      `select count(*)::int as count from import_rejects where import_id = ?`,
      [id],
    );
    return row.count;
  }

  async conflicts(id: string, limit: number, offset: number): Promise<ImportConflictView[]> {
    const rows = await this.sql<{
      station_id: string;
      field: string;
      kept_value: string | null;
      kept_line: number;
      other_values: (string | null)[];
      other_lines: number[];
    }>(
      `select station_id, field, kept_value, kept_line, other_values, other_lines
       from import_conflicts where import_id = ? order by station_id, field limit ? offset ?`,
      [id, limit, offset],
    );
    return rows.map((row) => ({
      stationId: row.station_id,
      field: row.field,
      keptValue: row.kept_value,
      keptLine: row.kept_line,
      otherValues: row.other_values,
      otherLines: row.other_lines,
    }));
  }

  async countConflicts(id: string): Promise<number> {
    const [row] = await this.sql<{ count: number }>(
      `select count(*)::int as count from import_conflicts where import_id = ?`,
      [id],
    );
    return row.count;
  }
}
