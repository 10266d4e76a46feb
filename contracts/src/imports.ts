import { z } from 'zod';

/** Where a station or terminal came from: made in the hub (demo, admin) or brought by an IRVE import. */
export const RECORD_ORIGINS = ['HUB', 'IRVE'] as const;
export type RecordOrigin = (typeof RECORD_ORIGINS)[number];

/** Lifecycle of an IRVE import: QUEUED → RUNNING → COMPLETED, or FAILED at any point. */
export const IMPORT_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** What a RUNNING import is doing: reading and checking rows, then writing batches, then pruning. */
export const IMPORT_PHASES = ['QUEUED', 'READING', 'WRITING', 'PRUNING', 'DONE'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

/** Live state of one import: the `import.progress` frame and the head of `GET …/imports/{id}`. */
export interface ImportProgress {
  importId: string;
  status: ImportStatus;
  phase: ImportPhase;
  /** Data rows read from the file so far. */
  rowsRead: number;
  /** Rows committed to the database (each one a terminal). */
  rowsAccepted: number;
  /** Rows left out, each with its reasons in the rejects report. */
  rowsRejected: number;
  /** Stations and terminals written so far (created, updated or confirmed unchanged). */
  stations: number;
  terminals: number;
  rowsPerSecond: number;
  elapsedSeconds: number;
  /** Estimated seconds to the end; null until there is enough to go on. */
  etaSeconds: number | null;
  /** Share of the work done, 0 to 1. */
  fraction: number;
}

export interface ImportHeaderReport {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';';
  /** Schema columns absent from the file; their values count as empty. */
  missingColumns: string[];
  /** Columns the schema does not define (consolidation metadata, analysis flags…); ignored. */
  unknownColumns: string[];
}

export interface ImportCounts {
  stationsCreated: number;
  stationsUpdated: number;
  stationsUnchanged: number;
  stationsRetired: number;
  terminalsCreated: number;
  terminalsUpdated: number;
  terminalsUnchanged: number;
  terminalsRetired: number;
  /** Rows dropped because another row of the file describes the same charge point more recently. */
  duplicateRows: number;
  /** Station fields on which the rows of one station disagree (see the conflicts report). */
  conflicts: number;
}

export interface ImportView extends ImportProgress {
  source: 'UPLOAD' | 'CLI';
  fileName: string;
  fileBytes: number;
  prune: boolean;
  batchSize: number;
  header: ImportHeaderReport | null;
  counts: ImportCounts;
  /** Values the importer repaired, by kind (e.g. `power-in-watts`, `swapped-coordinates`). */
  corrections: Record<string, number>;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One problem of one rejected row; a row with several problems has several of these. */
export interface ImportRejectView {
  line: number;
  stationId: string | null;
  pdcId: string | null;
  field: string | null;
  value: string | null;
  reason: string;
}

/** Rows of one station that disagree on a station field; the kept value comes from `keptLine`. */
export interface ImportConflictView {
  stationId: string;
  field: string;
  keptValue: string | null;
  keptLine: number;
  otherValues: (string | null)[];
  otherLines: number[];
}

const formBoolean = z
  .enum(['true', 'false', '1', '0', 'on'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'on');

/** What an upload must respect, so the console can check a file before sending it. */
export interface ImportPolicy {
  /** Larger files are refused (413): import them with `hub import <file.csv>`. */
  maxUploadBytes: number;
  /** Rows written per transaction unless the upload asks otherwise. */
  defaultBatchSize: number;
}

/** Text fields sent with the multipart upload, beside the `file` part. */
export const importUploadFields = z.object({
  prune: formBoolean.default(false),
  batchSize: z.coerce.number().int().min(100).max(50000).optional(),
});
export type ImportUploadFields = z.output<typeof importUploadFields>;

/** Paging of a report (rejects or conflicts); `format=csv` downloads the whole report. */
export const importReportQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ImportReportQuery = z.output<typeof importReportQuery>;

export interface ImportReportPage<T> {
  total: number;
  items: T[];
}
