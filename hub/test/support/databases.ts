import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../../src/database/migrate';

/** The PostgreSQL server the tests use: DATABASE_URL's, or the local default. */
export function serverUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wattsup');
  url.pathname = `/${database}`;
  return url.toString();
}

async function withMaintenanceClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Creates an empty database and applies every migration to it. */
export async function createMigratedDatabase(name: string): Promise<string> {
  await withMaintenanceClient((client) => client.query(`create database "${name}"`));
  const url = serverUrl(name);
  await migrate(url);
  return url;
}

export async function dropDatabase(name: string): Promise<void> {
  await withMaintenanceClient((client) =>
    client.query(`drop database if exists "${name}" with (force)`),
  );
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: a copy of this run's migrated template (fast). The first
 * caller migrates the template under an advisory lock; outside jest's global setup, a newly
 * migrated database is made instead.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = uniqueDatabaseName('wattsup_test');
  const template = process.env.WATTSUP_TEMPLATE_DB;
  if (!template) {
    return { name, url: await createMigratedDatabase(name), drop: () => dropDatabase(name) };
  }
  await withMaintenanceClient(async (client) => {
    await client.query('select pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) await createMigratedDatabase(template);
      await client.query(`create database "${name}" template "${template}"`);
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  return { name, url: serverUrl(name), drop: () => dropDatabase(name) };
}
