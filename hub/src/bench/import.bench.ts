// npm run bench:import [-- --rows 170000 --seed 42 --dirty 0.02 --batch-size 5000]
// Generates an IRVE file, imports it into a fresh database, then imports the same file again
// (which must change nothing). The last line printed is one JSON object with the figures.
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import type { ImportProgress } from '@wattsup/contracts';
import { mikroOrmConfig } from '../database/mikro-orm.config';
import type { GeneratedIrveExpectation } from '../imports/generator/irve-generator';
import { importFile } from '../imports/import-file';
import { ImportsRepository } from '../imports/imports.repository';
import { freshDatabase } from './bench-hub';
import { round2 } from './latency';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '170000' },
    seed: { type: 'string', default: '42' },
    dirty: { type: 'string', default: '0.02' },
    'batch-size': { type: 'string', default: '5000' },
  },
});
const rows = Number(args.rows);
const batchSize = Number(args['batch-size']);

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const log = (message: string) => console.error(`[bench:import] ${message}`);

async function timedImport(orm: MikroORM, databaseUrl: string, path: string) {
  const started = performance.now();
  let last: ImportProgress | undefined;
  const outcome = await importFile({
    em: orm.em.fork(),
    databaseUrl,
    path,
    prune: false,
    batchSize,
    signal: new AbortController().signal,
    publish: (progress) => {
      if (!last || progress.phase !== last.phase) {
        log(`${progress.phase} at ${progress.elapsedSeconds} s, rss ${rssMb()} MB`);
      }
      last = progress;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const record = await new ImportsRepository(orm.em.fork()).find(outcome.importId);
  if (outcome.status !== 'COMPLETED' || !record)
    throw new Error(`import ${outcome.status}: ${record?.error}`);
  return { outcome, record, seconds };
}

async function main(): Promise<void> {
  const path = join(tmpdir(), `wattsup-bench-irve-${rows}.csv`);
  log(`generating ${rows} rows into ${path}`);
  // In its own process, so that peakRssMb measures the import alone.
  const generated = execFileSync(
    process.execPath,
    [
      join(__dirname, '..', 'imports', 'generator', 'gen-irve.js'),
      '--rows',
      String(rows),
      '--seed',
      args.seed,
      '--dirty',
      args.dirty,
      '--out',
      path,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const expected = JSON.parse(
    generated.trim().split('\n').pop() ?? '{}',
  ) as GeneratedIrveExpectation;
  log('fresh database wattsup_bench_import');
  const databaseUrl = await freshDatabase('wattsup_bench_import');
  const orm = await MikroORM.init(mikroOrmConfig({ url: databaseUrl, poolMax: 2 }));
  try {
    log('first import');
    const first = await timedImport(orm, databaseUrl, path);
    log(`first import: ${round2(first.seconds)} s`);
    log('re-import of the same file');
    const again = await timedImport(orm, databaseUrl, path);
    const counts = again.record.counts;
    const changed =
      (counts.stationsCreated ?? 0) +
      (counts.stationsUpdated ?? 0) +
      (counts.terminalsCreated ?? 0) +
      (counts.terminalsUpdated ?? 0);
    console.log(
      JSON.stringify({
        rows: first.record.rowsRead,
        stations: first.record.stations,
        terminals: first.record.terminals,
        rejected: first.record.rowsRejected,
        expectedRejected: expected.rejectedRows,
        seconds: round2(first.seconds),
        rowsPerSec: Math.round(first.record.rowsRead / first.seconds),
        reimportSeconds: round2(again.seconds),
        reimportChanged: changed,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  } finally {
    await orm.close(true);
    await rm(path, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
