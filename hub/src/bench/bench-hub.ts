import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type { TerminalStatus } from '@wattsup/contracts';
import { Client } from 'pg';
import { hashChargerPassword } from '../chargers/charger-credentials';
import { migrate } from '../database/migrate';
import { mikroOrmConfig } from '../database/mikro-orm.config';
import { FRANCE_BOUNDS, generateStationsInBounds } from '../seed/station-generator';
import { writeStationsInBatches } from '../seed/station-writer';
import { round2 } from './latency';

/** A benchmark's own database on the server of DATABASE_URL. */
export function benchDatabaseUrl(name: string): string {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wattsup');
  return Object.assign(server, { pathname: `/${name}` }).toString();
}

/** Drops and recreates the database and migrates it; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: benchDatabaseUrl('postgres') });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = benchDatabaseUrl(name);
  await migrate(url);
  return url;
}

/**
 * The database a previous run filled with `stations` stations, migrated to this build, or null
 * when there is none of that size: a million stations take minutes to generate.
 */
export async function existingStationsDatabase(
  name: string,
  stations: number,
): Promise<{ url: string; stations: number; terminals: number; seconds: number } | null> {
  const url = benchDatabaseUrl(name);
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    const { rows } = await client.query<{ stations: number; terminals: number }>(
      `select (select count(*)::int from stations) as stations,
              (select count(*)::int from terminals) as terminals`,
    );
    if (rows[0].stations !== stations) return null;
    await migrate(url);
    return { url, ...rows[0], seconds: 0 };
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/**
 * A fresh database filled with stations over France (about four terminals each); `prepare` may
 * add to it before the statistics are refreshed.
 */
export async function freshStationsDatabase(
  name: string,
  stations: number,
  options: { seed?: number; prepare?: (orm: MikroORM) => Promise<void> } = {},
): Promise<{ url: string; stations: number; terminals: number; seconds: number }> {
  const started = performance.now();
  const url = await freshDatabase(name);
  const orm = await MikroORM.init(mikroOrmConfig({ url, poolMax: 2 }));
  try {
    const counts = await writeStationsInBatches(
      orm.em.fork(),
      generateStationsInBounds(stations, FRANCE_BOUNDS, options.seed),
    );
    await options.prepare?.(orm);
    // Only what was filled: a table analysed empty (reservations, say) keeps the plans the hub
    // caches for it (its foreign-key checks among them) on sequential scans while it grows, when
    // nothing analyses it again, as on servers without autovacuum.
    await orm.em
      .fork()
      .getConnection()
      .execute('vacuum analyze stations, terminals, chargers, offer_cells');
    return { url, ...counts, seconds: round2((performance.now() - started) / 1000) };
  } finally {
    await orm.close(true);
  }
}

/**
 * One OCPP 1.6 charger per station (`BENCH-1`, `BENCH-2`, …, all with `password`), its terminals
 * on connectors 1..n, every terminal starting in `status`.
 */
export async function bindChargers(
  orm: MikroORM,
  password: string,
  status: TerminalStatus,
): Promise<void> {
  const connection = orm.em.fork().getConnection();
  await connection.execute(
    `insert into chargers (id, identity, protocol, password_hash, station_id, heartbeat_interval_seconds)
     select gen_random_uuid(), 'BENCH-' || row_number() over (order by s.irve_id), 'ocpp1.6', ?, s.id, 3600
     from stations s`,
    [hashChargerPassword(password)],
  );
  await connection.execute(
    `update terminals t set charger_id = c.id, connector_id = b.n, status = ?,
       status_confirmed_at = case when ? = 'UNKNOWN' then null else now() end
     from (select id, station_id, row_number() over (partition by station_id order by pdc_id) as n from terminals) b
     join chargers c on c.station_id = b.station_id
     where t.id = b.id`,
    [status, status],
  );
}

/** The compiled hub in its own process, as in production. */
/**
 * As `npm start` and the Dockerfile run the hub: a 64 MB young generation lets the objects of a
 * message that waits for its batch commit die young; with the default, a busy hub spent a fifth
 * of its time collecting them from the old generation.
 */
const PRODUCTION_NODE_FLAG = '--max-semi-space-size=64';

export function startHub(databaseUrl: string, port: number, env: Record<string, string> = {}) {
  // BENCH_HUB_NODE_ARGS="--cpu-prof" profiles the hub while it is measured.
  const nodeArgs = process.env.BENCH_HUB_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const hub: ChildProcess = spawn(
    process.execPath,
    [PRODUCTION_NODE_FLAG, ...nodeArgs, join(__dirname, '..', 'main.js')],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        HTTP_PORT: String(port),
        HTTP_HOST: '127.0.0.1',
        JWT_SECRET: randomBytes(32).toString('hex'),
        REDIS_KEY_PREFIX: `wattsup-bench:${randomBytes(4).toString('hex')}:`,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return {
    process: hub,
    async ready(): Promise<void> {
      for (let i = 0; i < 240; i += 1) {
        if (hub.exitCode !== null) throw new Error('hub exited');
        const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
          (response) => response.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error('hub did not start');
    },
    async stop(): Promise<void> {
      if (hub.exitCode !== null) return;
      const exited = new Promise((resolve) => hub.once('exit', resolve));
      hub.kill('SIGTERM');
      await exited;
    },
  };
}

export { FRANCE_BOUNDS };
