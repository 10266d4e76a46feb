import type { ImportCounts, ImportProgress, ImportStatus } from '@wattsup/contracts';
import { DomainError } from '../common/domain-errors';
import { describeProgress } from './import-progress';
import type {
  BatchCounts,
  ImportSession,
  ImportState,
  RejectedRow,
} from './import-session.repository';
import type { ImportRecord, ImportsRepository } from './imports.repository';
import { readIrveFile } from './irve-file-reader';
import type { StagedRow } from './row-cleaner';

export interface ImportRunnerDeps {
  imports: ImportsRepository;
  openSession(importId: string): Promise<ImportSession>;
  publish(progress: ImportProgress): void;
  now?: () => number;
}

/** Rows staged per COPY while reading. */
const STAGE_ROWS = 5000;
/** How often progress is saved and published while reading; writing reports every batch. */
const PROGRESS_INTERVAL_MS = 500;

const INTERRUPTED =
  'The hub stopped during this import. Batches committed before that are kept (see the counts); run the import again to complete it.';

export const emptyCounts = (): ImportCounts => ({
  stationsCreated: 0,
  stationsUpdated: 0,
  stationsUnchanged: 0,
  stationsRetired: 0,
  terminalsCreated: 0,
  terminalsUpdated: 0,
  terminalsUnchanged: 0,
  terminalsRetired: 0,
  duplicateRows: 0,
  conflicts: 0,
});

/** The state after a batch, computed before its commit so the batch can record it. */
function afterBatch(state: ImportState, batch: BatchCounts): ImportState {
  const counts = state.counts;
  const stations = batch.stationsCreated + batch.stationsUpdated + batch.stationsUnchanged;
  return {
    ...state,
    rowsAccepted: state.rowsAccepted + batch.rows,
    rowsRejected: state.rowsRejected + batch.refused.length,
    stations: state.stations + stations,
    terminals: state.terminals + batch.rows,
    counts: {
      ...counts,
      stationsCreated: counts.stationsCreated + batch.stationsCreated,
      stationsUpdated: counts.stationsUpdated + batch.stationsUpdated,
      stationsUnchanged: counts.stationsUnchanged + batch.stationsUnchanged,
      terminalsCreated: counts.terminalsCreated + batch.terminalsCreated,
      terminalsUpdated: counts.terminalsUpdated + batch.terminalsUpdated,
      terminalsUnchanged: counts.terminalsUnchanged + batch.terminalsUnchanged,
    },
  };
}

/**
 * Runs one import from its file to the end: read and check every row, stage the good ones, resolve
 * duplicates and station conflicts, write ACID batches, prune if asked. Used by the BullMQ job and
 * by `hub import`; it never throws, it ends the import as COMPLETED or FAILED.
 */
export class ImportRunner {
  private readonly now: () => number;

  constructor(private readonly deps: ImportRunnerDeps) {
    this.now = deps.now ?? Date.now;
  }

  async run(record: ImportRecord, signal: AbortSignal): Promise<ImportProgress> {
    const startedAtMs = this.now();
    let state: ImportState = {
      phase: 'READING',
      header: null,
      bytesRead: 0,
      rowsRead: 0,
      rowsToWrite: 0,
      rowsAccepted: 0,
      rowsRejected: 0,
      stations: 0,
      terminals: 0,
      counts: emptyCounts(),
      corrections: {},
    };
    let lastReportMs = 0;
    const progress = (status: ImportStatus) =>
      describeProgress({
        ...state,
        importId: record.id,
        status,
        fileBytes: record.fileBytes,
        startedAtMs,
        nowMs: this.now(),
      });
    const publish = (status: ImportStatus = 'RUNNING') => {
      lastReportMs = this.now();
      this.deps.publish(progress(status));
    };
    const checkAborted = () => {
      if (signal.aborted) throw new ImportInterrupted(INTERRUPTED);
    };

    let session: ImportSession | undefined;
    try {
      if (!record.filePath) throw new ImportInterrupted('The uploaded file is gone.');
      const filePath = record.filePath;
      session = await this.deps.openSession(record.id);
      const openSession = session;
      publish();

      // Reading: staging writes overlap with parsing the next chunk (one write in flight).
      const writer = new SerialWriter();
      let rows: StagedRow[] = [];
      let rejects: RejectedRow[] = [];
      const stage = async () => {
        const [staged, rejected, snapshot] = [rows, rejects, { ...state }];
        rows = [];
        rejects = [];
        await writer.enqueue(async () => {
          await openSession.stageRows(staged);
          await openSession.saveRejects(rejected);
          if (this.now() - lastReportMs >= PROGRESS_INTERVAL_MS) {
            await openSession.saveState(snapshot);
            publish();
          }
        });
      };
      for await (const outcomes of readIrveFile(filePath, {
        latestDate: new Date(this.now() + 86_400_000).toISOString().slice(0, 10),
        onHeader: (header) => (state.header = header),
        onBytes: (bytes) => (state.bytesRead = bytes),
      })) {
        checkAborted();
        for (const outcome of outcomes) {
          state.rowsRead += 1;
          if (outcome.kind === 'accepted') {
            rows.push(outcome.row);
            for (const kind of outcome.corrections) {
              state.corrections[kind] = (state.corrections[kind] ?? 0) + 1;
            }
          } else {
            state.rowsRejected += 1;
            rejects.push(outcome);
          }
        }
        if (rows.length >= STAGE_ROWS) await stage();
      }
      await stage();
      await writer.drain();

      checkAborted();
      state = { ...state, phase: 'WRITING' };
      const resolution = await session.resolve(record.batchSize);
      state = {
        ...state,
        rowsToWrite: resolution.rows,
        rowsRejected: state.rowsRejected + resolution.duplicateRows,
        counts: {
          ...state.counts,
          duplicateRows: resolution.duplicateRows,
          conflicts: resolution.conflicts,
        },
      };
      await session.saveState(state);
      publish();

      for (let batch = 0; batch < resolution.batches; batch += 1) {
        checkAborted();
        const before = state;
        const counts = await session.writeBatch(batch, (batchCounts) =>
          afterBatch(before, batchCounts),
        );
        state = afterBatch(before, counts);
        publish();
      }

      if (record.prune) {
        checkAborted();
        state = { ...state, phase: 'PRUNING' };
        publish();
        const retired = await session.prune();
        state = {
          ...state,
          counts: {
            ...state.counts,
            stationsRetired: retired.stationsRetired,
            terminalsRetired: retired.terminalsRetired,
          },
        };
      }
      state = { ...state, phase: 'DONE' };
      await session.saveState(state);
      await this.deps.imports.complete(record.id);
      const done = progress('COMPLETED');
      this.deps.publish(done);
      return done;
    } catch (error) {
      const message =
        error instanceof ImportInterrupted || error instanceof DomainError
          ? error.message
          : `The import failed: ${error instanceof Error ? error.message : String(error)}`;
      // Every batch saved its own state on commit; this adds what reading saw since, if it can.
      await session?.saveState(state).catch(() => undefined);
      await this.deps.imports.fail(record.id, message);
      const failed = progress('FAILED');
      this.deps.publish(failed);
      return failed;
    } finally {
      await session?.close().catch(() => undefined);
    }
  }
}

class ImportInterrupted extends Error {}

/** Runs tasks one after another without making the caller wait for the last one. */
class SerialWriter {
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown;

  async enqueue(task: () => Promise<void>): Promise<void> {
    await this.drain();
    this.tail = task().catch((error: unknown) => {
      this.failure = error;
    });
  }

  async drain(): Promise<void> {
    await this.tail;
    if (this.failure !== undefined) throw this.failure;
  }
}
