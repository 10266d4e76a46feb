import type { SimulatorOptions } from './options';
import { type Assignment, type PlaySummary, playFleet } from './play';
import type { Scenario } from './scenario';
import { type FleetStats, newFleetStats } from './stats';

/**
 * A worker process of a big run (see run.ts): plays its assignment and reports its counters to
 * the parent every second. Both ends are this program, so the messages are typed, not parsed.
 */
export interface WorkerRequest {
  readonly assignment: Assignment;
  readonly options: SimulatorOptions;
  readonly scenario: Scenario;
}

export type WorkerMessage =
  | { type: 'stats'; stats: FleetStats }
  | { type: 'log'; line: string }
  | { type: 'done'; stats: FleetStats; summary: PlaySummary }
  | { type: 'failed'; error: string };

const REPORT_MS = 1000;

function send(message: WorkerMessage): void {
  // Sockets still closing may log after the parent has gone.
  if (process.connected) process.send?.(message);
}

process.once('message', (request: WorkerRequest) => {
  const stop = new AbortController();
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'stop') stop.abort();
  });
  // Ctrl+C reaches the whole process group: the parent relays it as 'stop'. A parent gone for
  // good (killed) ends the run too.
  process.on('SIGINT', () => undefined);
  process.once('disconnect', () => stop.abort());
  const stats = newFleetStats();
  const report = setInterval(() => send({ type: 'stats', stats }), REPORT_MS);
  /** The last word to the parent, then out: a socket some library still holds must not keep us. */
  const finish = (message: WorkerMessage) => {
    clearInterval(report);
    if (!process.connected) process.exit(0);
    process.send?.(message, () => process.exit(0));
  };
  playFleet(request.assignment, request.options, request.scenario, {
    log: (line) => send({ type: 'log', line }),
    signal: stop.signal,
    stats,
  }).then(
    (summary) => finish({ type: 'done', stats, summary }),
    (error: unknown) =>
      finish({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
  );
});
