#!/usr/bin/env node
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { configSchema } from './config/config';
import { migrate } from './database/migrate';
import { mikroOrmConfig } from './database/mikro-orm.config';
import { DEMO_AREAS, generateStations } from './seed/station-generator';
import { writeStationsInBatches } from './seed/station-writer';

const USAGE = `Usage: hub <command>

Commands:
  migrate        apply pending database migrations (DATABASE_URL)
  seed --demo    load the deterministic demo stations (Toulouse, Paris, Lyon); safe to repeat
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
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`hub: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
