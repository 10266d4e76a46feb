import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { type AddressInfo, connect, createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

/**
 * The compiled hub (`npm run build -w hub`) and broker in their own processes, over a fresh
 * database, for the tests and the benchmark: the real thing at the other end of the sockets.
 */
const ROOT = join(__dirname, '..', '..', '..');
const HUB_DIST = join(ROOT, 'hub', 'dist');
const BROKER_MAIN = join(ROOT, 'broker', 'dist', 'main.js');
const run = promisify(execFile);

export interface HubProcess {
  readonly url: string;
  readonly pid: number;
  readonly adminEmail: string;
  readonly adminPassword: string;
  stop(): Promise<void>;
}

function databaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wattsup');
  url.pathname = `/${name}`;
  return url.toString();
}

async function maintenance(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
  });
}

export interface HubProcessOptions {
  /** Extra hub environment. */
  readonly env?: Record<string, string>;
  /** Stations: the demo ones (default), or a generated IRVE file of this many rows, imported. */
  readonly irveRows?: number;
}

export async function startHubProcess(options: HubProcessOptions = {}): Promise<HubProcess> {
  if (!existsSync(join(HUB_DIST, 'main.js'))) {
    throw new Error('hub/dist is missing: run `npm run build -w contracts -w hub` first');
  }
  const database = `wattsup_sim_${process.pid}_${randomBytes(3).toString('hex')}`;
  await maintenance(`create database "${database}"`);
  const port = await freePort();
  const adminEmail = 'admin@wattsup.test';
  const adminPassword = 'admin-password-1';
  const hubEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `wattsup-sim-test:${randomBytes(4).toString('hex')}:`,
    HTTP_PORT: String(port),
    HTTP_HOST: '127.0.0.1',
    JWT_SECRET: 'simulator-test-secret-long-enough-for-hs256',
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const cli = join(HUB_DIST, 'cli.js');
  try {
    await run(process.execPath, [cli, 'migrate'], { env: hubEnv });
    await seed(cli, database, hubEnv, options.irveRows);
  } catch (error) {
    await maintenance(`drop database if exists "${database}" with (force)`);
    throw error;
  }
  const child: ChildProcess = spawn(process.execPath, [join(HUB_DIST, 'main.js')], {
    env: hubEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await maintenance(`drop database if exists "${database}" with (force)`);
  };
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null || attempt > 300) {
      await stop();
      throw new Error(`the hub did not start (exit code ${child.exitCode})`);
    }
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, adminEmail, adminPassword, pid: child.pid!, stop };
}

/** The demo stations, or a generated IRVE file of `irveRows` rows imported like a real one. */
async function seed(cli: string, database: string, env: NodeJS.ProcessEnv, irveRows?: number) {
  if (!irveRows) {
    await run(process.execPath, [cli, 'seed', '--demo'], { env });
    return;
  }
  const file = join(tmpdir(), `${database}.csv`);
  const generator = join(HUB_DIST, 'imports', 'generator', 'gen-irve.js');
  try {
    await run(process.execPath, [generator, '--rows', String(irveRows), '--out', file], { env });
    await run(process.execPath, [cli, 'import', file], { env, maxBuffer: 1 << 26 });
  } finally {
    await rm(file, { force: true });
  }
}

export interface BrokerProcess {
  /** `mqtt://127.0.0.1:<port>`. */
  readonly url: string;
  /** The hub's account (BROKER_HUB_USER) and a gateway account for the simulator. */
  readonly hub: { username: string; password: string };
  readonly gateway: { username: string; password: string };
  stop(): Promise<void>;
}

/** Our broker (`npm run build -w broker`) with a hub account and a simulator gateway account. */
export async function startBrokerProcess(): Promise<BrokerProcess> {
  if (!existsSync(BROKER_MAIN))
    throw new Error('broker/dist is missing: run `npm run build -w broker`');
  const port = await freePort();
  const hub = { username: 'hub', password: randomBytes(12).toString('hex') };
  const gateway = { username: 'simulator', password: randomBytes(12).toString('hex') };
  const child = spawn(process.execPath, [BROKER_MAIN], {
    env: {
      ...process.env,
      MQTT_PORT: String(port),
      MQTT_HOST: '127.0.0.1',
      BROKER_USERS: `${hub.username}:${hub.password},${gateway.username}:${gateway.password}`,
      BROKER_HUB_USER: hub.username,
      BROKER_GATEWAY_USERS: gateway.username,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; !(await isListening(port)); attempt++) {
    if (child.exitCode !== null || attempt > 100) throw new Error('the broker did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    hub,
    gateway,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
      .once('connect', () => {
        socket.destroy();
        resolve(true);
      })
      .once('error', () => resolve(false));
  });
}

/** Retries `check` until it stops throwing, or throws its last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
