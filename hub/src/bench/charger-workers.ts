// The parent side of the charger load processes (ocpp.bench-worker.ts) that bench:ocpp and
// bench:reserve share: each OS process may hold at most ~20,000 sockets.
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { WorkerCommand, WorkerReport } from './ocpp.bench-worker';

export function forkChargerWorkers(count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    fork(join(__dirname, 'ocpp.bench-worker.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

/** Sends a command to every worker and waits for all their reports of that phase. */
export function workerPhase(
  workers: ChildProcess[],
  command: WorkerCommand,
): Promise<WorkerReport[]> {
  return Promise.all(
    workers.map(
      (worker) =>
        new Promise<WorkerReport>((resolve, reject) => {
          const onMessage = (report: WorkerReport) => {
            if (report.phase !== command.phase) return;
            worker.off('message', onMessage);
            if (report.error) reject(new Error(report.error));
            else resolve(report);
          };
          worker.on('message', onMessage);
          worker.send(command);
        }),
    ),
  );
}

/**
 * Connects and boots `BENCH-1` … `BENCH-{count}`, spread over the workers; worker w connects its
 * chargers to hub endpoint w modulo the number of endpoints.
 */
export async function connectBenchChargers(
  workers: ChildProcess[],
  endpoints: string[],
  count: number,
  password: string,
): Promise<void> {
  const identities = Array.from({ length: count }, (_, i) => `BENCH-${i + 1}`);
  await Promise.all(
    workers.map((worker, w) =>
      workerPhase([worker], {
        phase: 'connect',
        endpoint: endpoints[w % endpoints.length],
        identities: identities.filter((_, i) => i % workers.length === w),
        password,
      }),
    ),
  );
}
