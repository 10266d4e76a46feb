// Finds or starts what the hub needs: PostgreSQL with PostGIS, and Redis. Used by the demo, the
// tests and the benchmarks. Order of preference: the URLs in DATABASE_URL / REDIS_URL when they
// answer; a local server on the standard port; Debian packages installed and started here.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import Redis from 'ioredis';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/wattsup';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_MOSQUITTO_URL = 'mqtt://127.0.0.1:1883';

const log = (message) => console.log(`[services] ${message}`);
const isLocal = (url) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let aptUpdated = false;
function aptInstall(...packages) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  log(`installing ${packages.join(' ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execSync(`${sudo}apt-get update -q`, { stdio: 'inherit', env });
    aptUpdated = true;
  }
  execSync(`${sudo}apt-get install -y -q ${packages.join(' ')}`, { stdio: 'inherit', env });
}

const commandExists = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

async function canConnect(connectionString) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  } finally {
    await client.end().catch(() => {});
  }
}

function maintenanceUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

function startLocalPostgres() {
  if (!existsSync('/etc/postgresql') || readdirSync('/etc/postgresql').length === 0) {
    aptInstall('postgresql');
  }
  for (const version of readdirSync('/etc/postgresql')) {
    log(`starting PostgreSQL ${version}…`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
      stdio: 'inherit',
    });
  }
}

/** On a PostgreSQL this script installed, let the local postgres role in over TCP (development only). */
function trustLocalPostgresRole() {
  for (const version of readdirSync('/etc/postgresql')) {
    const hba = `/etc/postgresql/${version}/main/pg_hba.conf`;
    log(`allowing the local postgres role over 127.0.0.1 in ${hba} (development setup)`);
    execSync(
      `sed -i '1i host all postgres 127.0.0.1/32 trust\\nhost all postgres ::1/128 trust' ${hba}`,
    );
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'reload'], {
      stdio: 'inherit',
    });
  }
}

async function ensurePostgres(databaseUrl) {
  const url = new URL(databaseUrl);
  const admin = maintenanceUrl(databaseUrl);
  let attempt = await canConnect(admin);
  if (!attempt.ok && isLocal(url)) {
    startLocalPostgres();
    for (let i = 0; i < 20 && !attempt.ok; i += 1) {
      await sleep(500);
      attempt = await canConnect(admin);
      if (!attempt.ok && /password authentication|no pg_hba|SASL/.test(String(attempt.error))) {
        trustLocalPostgresRole();
      }
    }
  }
  if (!attempt.ok) {
    throw new Error(
      `PostgreSQL at ${url.host} does not answer: ${attempt.error.message}. Set DATABASE_URL.`,
    );
  }

  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const postgis = await client.query(
      `select 1 from pg_available_extensions where name = 'postgis'`,
    );
    if (postgis.rowCount === 0) {
      if (!isLocal(url))
        throw new Error(`PostGIS is not available on ${url.host}: install it there.`);
      const major = Math.floor(
        Number((await client.query('show server_version_num')).rows[0].server_version_num) / 10000,
      );
      aptInstall(`postgresql-${major}-postgis-3`);
    }
    const name = decodeURIComponent(url.pathname.slice(1));
    if (name && name !== 'postgres') {
      const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) {
        await client.query(`create database "${name.replaceAll('"', '""')}"`);
        log(`created database ${name}`);
      }
    }
  } finally {
    await client.end();
  }
  const target = new pg.Client({ connectionString: databaseUrl });
  await target.connect();
  try {
    await target.query('create extension if not exists postgis');
    const { rows } = await target.query('show autovacuum');
    if (rows[0].autovacuum !== 'on') {
      // Said, not changed: the server belongs to whoever configured it.
      log(
        'warning: autovacuum is off on this PostgreSQL; tables that grow (reservations, status ' +
          'history) keep stale plans until something runs ANALYZE (see README, Configuration)',
      );
    }
  } finally {
    await target.end();
  }
  log(`PostgreSQL + PostGIS ready at ${url.host}${url.pathname}`);
}

async function redisAnswers(redisUrl) {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function ensureRedis(redisUrl) {
  const url = new URL(redisUrl);
  if (await redisAnswers(redisUrl)) return log(`Redis ready at ${url.host}`);
  if (!isLocal(url)) throw new Error(`Redis at ${url.host} does not answer. Set REDIS_URL.`);
  if (!commandExists('redis-server')) aptInstall('redis-server');
  const port = url.port || '6379';
  log(`starting redis-server on port ${port}…`);
  execSync(
    `redis-server --daemonize yes --bind 127.0.0.1 --port ${port} --save "" --appendonly no`,
    { stdio: 'inherit' },
  );
  for (let i = 0; i < 20; i += 1) {
    if (await redisAnswers(redisUrl)) return log(`Redis ready at ${url.host}`);
    await sleep(250);
  }
  throw new Error(`redis-server did not come up on port ${port}`);
}

function portAnswers(host, port) {
  return new Promise((resolve) => {
    const socket = connect(Number(port), host);
    socket.once('connect', () => resolve(Boolean(socket.end())));
    socket.once('error', () => resolve(false));
  });
}

/** The hub's MQTT tests (and bench:mqtt) also run against a Mosquitto, anonymous on loopback. */
async function ensureMosquitto(mosquittoUrl) {
  const url = new URL(mosquittoUrl);
  const port = url.port || '1883';
  if (await portAnswers(url.hostname, port)) return log(`Mosquitto ready at ${url.host}`);
  if (!isLocal(url))
    throw new Error(`Mosquitto at ${url.host} does not answer. Set MOSQUITTO_URL.`);
  if (!commandExists('mosquitto')) aptInstall('mosquitto');
  const config = join(tmpdir(), 'wattsup-mosquitto.conf');
  writeFileSync(config, `listener ${port} 127.0.0.1\nallow_anonymous true\n`);
  log(`starting mosquitto on port ${port}…`);
  execSync(`mosquitto -d -c ${config}`, { stdio: 'inherit' });
  for (let i = 0; i < 20; i += 1) {
    if (await portAnswers(url.hostname, port)) return log(`Mosquitto ready at ${url.host}`);
    await sleep(250);
  }
  throw new Error(`mosquitto did not come up on port ${port}`);
}

/** The browser tests drive Debian's Chromium. */
export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  aptInstall('chromium');
}

/** Makes sure PostgreSQL + PostGIS and Redis answer; returns the URLs to use. */
export async function ensureServices(env = process.env) {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  await ensurePostgres(databaseUrl);
  await ensureRedis(redisUrl);
  await ensureMosquitto(env.MOSQUITTO_URL || DEFAULT_MOSQUITTO_URL);
  return { databaseUrl, redisUrl };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureServices()
    .then(() => process.argv.includes('--browser') && ensureChromium())
    .catch((error) => {
      console.error(`[services] ${error.message}`);
      process.exit(1);
    });
}
