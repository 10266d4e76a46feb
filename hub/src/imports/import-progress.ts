import type { ImportPhase, ImportProgress, ImportStatus } from '@wattsup/contracts';

/** Share of an import's time spent reading and checking rows, measured by `bench:import`. */
const READING_SHARE = 0.45;

export interface ProgressInput {
  importId: string;
  status: ImportStatus;
  phase: ImportPhase;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  stations: number;
  terminals: number;
  bytesRead: number;
  fileBytes: number;
  /** Rows the writing phase has to write (known once reading is done). */
  rowsToWrite: number;
  startedAtMs: number;
  nowMs: number;
}

/**
 * The live figures of an import: rows per second over the whole run, and an ETA from the share of
 * work done (bytes while reading, committed rows while writing).
 */
export function describeProgress(input: ProgressInput): ImportProgress {
  const elapsedSeconds = Math.max(0, (input.nowMs - input.startedAtMs) / 1000);
  const fraction = workDone(input);
  const rowsPerSecond = elapsedSeconds > 0 ? Math.round(input.rowsRead / elapsedSeconds) : 0;
  const finished = input.status === 'COMPLETED' || input.status === 'FAILED';
  const etaSeconds = finished
    ? 0
    : fraction >= 0.02 && elapsedSeconds >= 0.5
      ? round1((elapsedSeconds * (1 - fraction)) / fraction)
      : null;
  return {
    importId: input.importId,
    status: input.status,
    phase: input.phase,
    rowsRead: input.rowsRead,
    rowsAccepted: input.rowsAccepted,
    rowsRejected: input.rowsRejected,
    stations: input.stations,
    terminals: input.terminals,
    rowsPerSecond,
    elapsedSeconds: round1(elapsedSeconds),
    etaSeconds,
    fraction: Math.round(fraction * 1000) / 1000,
  };
}

function workDone(input: ProgressInput): number {
  switch (input.phase) {
    case 'QUEUED':
      return 0;
    case 'READING':
      return input.fileBytes > 0
        ? READING_SHARE * Math.min(1, input.bytesRead / input.fileBytes)
        : 0;
    case 'WRITING':
      return (
        READING_SHARE +
        (1 - READING_SHARE) *
          (input.rowsToWrite > 0 ? Math.min(1, input.rowsAccepted / input.rowsToWrite) : 1)
      );
    case 'PRUNING':
    case 'DONE':
      return 1;
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;
