#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { configSchema } from './config/config';
import { migrate } from './database/migrate';
import { importFile } from './imports/import-file';
import { toImportView } from './imports/import-view';
import { ImportsRepository } from './imports/imports.repository';
import { mikroOrmConfig } from './database/mikro-orm.config';
import { DEMO_AREAS, generateStations } from './seed/station-generator';
import { writeStationsInBatches } from './seed/station-writer';

const USAGE = `Usage: hub <command>

Commands:
  migrate        apply pending database migrations (DATABASE_URL)
  seed --demo    load the deterministic demo stations (Toulouse, Paris, Lyon); safe to repeat
  import <file.csv> [--prune] [--batch-size N]
                 import an IRVE static file (schema 2.x); --prune retires the imported stations
                 and terminals the file no longer lists; prints the import as JSON
  help           show this help`;

const databaseUrl = () => {
  const parsed = configSchema.shape.DATABASE_URL.safeParse(process.env.DATABASE_URL);
  if (!parsed.success) throw new Error(`DATABASE_URL: ${parsed.error.issues[0].message}`);
  return parsed.data;
};

async function run(args: string[]): Promise<void> {
  const [command, ...options] = args;
  switch (command) {
    case 'migrate': {
      const applied = await migrate(databaseUrl());
      console.log(applied.length > 0 ? `applied ${applied.join(', ')}` : 'database is up to date');
      return;
    }
    case 'seed': {
      if (!options.includes('--demo'))
        throw new Error('seed needs --demo (the only data set so far)');
      const orm = await MikroORM.init(mikroOrmConfig({ url: databaseUrl(), poolMax: 2 }));
      try {
        const counts = await writeStationsInBatches(orm.em.fork(), generateStations(DEMO_AREAS));
        console.log(
          `demo data: ${counts.stations} stations and ${counts.terminals} terminals added`,
        );
      } finally {
        await orm.close(true);
      }
      return;
    }
    case 'import':
      return importCommand(options);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  }
}

async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { prune: { type: 'boolean', default: false }, 'batch-size': { type: 'string' } },
  });
  if (positionals.length !== 1) {
    throw new Error('import needs one file: hub import <file.csv> [--prune] [--batch-size N]');
  }
  const batchSize = configSchema.shape.IMPORT_BATCH_SIZE.safeParse(
    values['batch-size'] ?? process.env.IMPORT_BATCH_SIZE,
  );
  if (!batchSize.success) throw new Error(`--batch-size: ${batchSize.error.issues[0].message}`);
  const url = databaseUrl();
  const orm = await MikroORM.init(mikroOrmConfig({ url, poolMax: 2 }));
  // Ctrl+C stops at the next batch: the import ends FAILED with what was committed.
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  try {
    const outcome = await importFile({
      em: orm.em.fork(),
      databaseUrl: url,
      path: positionals[0],
      prune: values.prune,
      batchSize: batchSize.data,
      signal: interrupt.signal,
      publish: (progress) =>
        console.error(
          `[import] ${progress.status} ${progress.phase}: ${progress.rowsRead} read, ${progress.rowsAccepted} accepted, ${progress.rowsRejected} rejected, ${progress.rowsPerSecond} rows/s, ${progress.elapsedSeconds} s`,
        ),
    });
    const record = await new ImportsRepository(orm.em.fork()).find(outcome.importId);
    if (record) console.log(JSON.stringify(toImportView(record)));
    if (outcome.status === 'FAILED') throw new Error(record?.error ?? 'the import failed');
  } finally {
    await orm.close(true);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`hub: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
