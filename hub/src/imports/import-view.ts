import type { ImportView } from '@wattsup/contracts';
import { describeProgress } from './import-progress';
import { emptyCounts } from './import-runner';
import type { ImportRecord } from './imports.repository';

/** An import as the API shows it; a page reloaded mid-import gets the same figures as `/live`. */
export function toImportView(record: ImportRecord, nowMs = Date.now()): ImportView {
  const progress = describeProgress({
    ...record,
    importId: record.id,
    startedAtMs: (record.startedAt ?? record.createdAt).getTime(),
    nowMs: record.finishedAt?.getTime() ?? (record.startedAt ? nowMs : record.createdAt.getTime()),
  });
  return {
    ...progress,
    source: record.source,
    fileName: record.fileName,
    fileBytes: record.fileBytes,
    prune: record.prune,
    batchSize: record.batchSize,
    header: record.header,
    counts: { ...emptyCounts(), ...record.counts },
    corrections: record.corrections,
    error: record.error,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}
