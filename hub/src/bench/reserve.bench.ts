// npm run bench:reserve [-- --holds 10000 --rate 500 --workers 2]
// A fresh database of stations whose every terminal sits behind a connected OCPP 1.6 charger that
// accepts ReserveNow, one driver per hold, and the hub in its own process. The bench creates the
// holds through the API at a fixed rate (each one a real ReserveNow round trip), then moves every
// hold's end and its BullMQ timer to one common instant, and measures how late each expiry lands.
// An admin /live socket counts EXPIRED events per reservation: a second one is a double firing.
// Last line: one JSON object with the figures.
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { LiveServerFrame } from '@wattsup/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import WebSocket from 'ws';
import { AccessTokenService } from '../auth/access-token.service';
import { ACCESS_COOKIE } from '../auth/session.guard';
import type { AppConfig } from '../config/config';
import { ReservationTimers } from '../reservations/reservation-timers';
import { bindChargers, freshStationsDatabase, startHub } from './bench-hub';
import { connectBenchChargers, forkChargerWorkers } from './charger-workers';
import { percentile, round2 } from './latency';

const { values: args } = parseArgs({
  options: {
    holds: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '500' },
    workers: { type: 'string', default: '2' },
    port: { type: 'string', default: '3904' },
  },
});
const holds = Number(args.holds);
const rate = Number(args.rate);
const workerCount = Number(args.workers);
const port = Number(args.port);
const PASSWORD = 'bench-charger-password-0001';
/** Generated stations have about four terminals each. */
const STATIONS = Math.ceil(holds / 3);
/** Time to move every timer before the common due instant. */
const RETIME_MARGIN_MS = 15_000;

const log = (message: string) => console.error(`[bench:reserve] ${message}`);

/** Kept-alive sockets: the drivers' client must not cost the machine more than the hub does. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function postJson(
  path: string,
  cookie: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          cookie,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  log(`preparing ${STATIONS} stations with connected chargers and ${holds} drivers…`);
  const { url: databaseUrl } = await freshStationsDatabase('wattsup_bench_reserve', STATIONS, {
    seed: 17,
    prepare: (orm) => bindChargers(orm, PASSWORD, 'AVAILABLE'),
  });
  const jwtSecret = randomBytes(32).toString('hex');
  const keyPrefix = `wattsup-bench:${randomBytes(4).toString('hex')}:`;
  const hub = startHub(databaseUrl, port, {
    DATABASE_POOL_MAX: '20',
    LOG_LEVEL: 'error',
    JWT_SECRET: jwtSecret,
    REDIS_KEY_PREFIX: keyPrefix,
    OCPP_HEARTBEAT_INTERVAL_SECONDS: '3600',
    RESERVATION_HOLD_SECONDS: '3600',
    // The admin watcher takes every reservation event of the run in bursts.
    LIVE_MAX_BUFFERED_BYTES: String(256 * 1024 * 1024),
  });
  const db = new Client({ connectionString: databaseUrl });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    maxRetriesPerRequest: null,
  });
  const queue = new Queue('reservation-expiry', { connection: redis, prefix: `${keyPrefix}bull` });
  let workers: ChildProcess[] = [];
  let watcher: WebSocket | null = null;
  try {
    await db.connect();
    const { rows: chargerRows } = await db.query<{ count: number }>(
      'select count(*)::int as count from chargers',
    );
    const { rows: terminals } = await db.query<{ id: string }>(
      'select id from terminals order by id limit $1',
      [holds],
    );
    if (terminals.length < holds) throw new Error(`only ${terminals.length} terminals`);
    const driverIds = terminals.map(() => randomUUID());
    await db.query(
      `insert into users (id, email, password_hash)
       select id, 'bench-' || id || '@wattsup.test', 'not-a-hash' from unnest($1::uuid[]) as id`,
      [driverIds],
    );
    const tokens = new AccessTokenService({
      JWT_SECRET: jwtSecret,
      ACCESS_TOKEN_TTL_SECONDS: 3600,
    } as AppConfig);
    const cookies = await Promise.all(
      driverIds.map(async (id) => `${ACCESS_COOKIE}=${await tokens.sign({ id, role: 'DRIVER' })}`),
    );

    await hub.ready();
    workers = forkChargerWorkers(workerCount);
    log(`connecting ${chargerRows[0].count} chargers…`);
    await connectBenchChargers(
      workers,
      [`ws://127.0.0.1:${port}/ocpp`],
      chargerRows[0].count,
      PASSWORD,
    );
    // Booting does not change the terminals' status; they were seeded AVAILABLE.

    const expiredEvents = new Map<string, number>();
    watcher = await adminWatcher(
      await tokens.sign({ id: driverIds[0], role: 'ADMIN' }),
      expiredEvents,
    );

    log(`creating ${holds} holds at ${rate}/s…`);
    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const pending: Promise<void>[] = [];
    const started = performance.now();
    for (let index = 0; index < holds; index += 1) {
      const wait = started + (index * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      const sentAt = performance.now();
      pending.push(
        postJson('/api/v1/reservations', cookies[index], { terminalId: terminals[index].id }).then(
          (response) => {
            latencies.push(performance.now() - sentAt);
            if (response.status !== 201) {
              const reason = `${response.status} ${(JSON.parse(response.text) as { message?: string }).message}`;
              failures.set(reason, (failures.get(reason) ?? 0) + 1);
            }
          },
          (error: Error) =>
            void failures.set(error.message, (failures.get(error.message) ?? 0) + 1),
        ),
      );
    }
    await Promise.all(pending);
    const createSeconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const created = holds - [...failures.values()].reduce((sum, count) => sum + count, 0);
    if (failures.size > 0) log(`failures: ${JSON.stringify(Object.fromEntries(failures))}`);

    log('moving every hold and its timer to one common instant…');
    const dueAt = new Date(Date.now() + RETIME_MARGIN_MS);
    const { rows: active } = await db.query<{ id: string }>(
      `update reservations set expires_at = $1 where status = 'ACTIVE' returning id`,
      [dueAt],
    );
    await Promise.all(
      active.map(async ({ id }) => {
        const job = await queue.getJob(ReservationTimers.jobId(id));
        await job?.changeDelay(Math.max(0, dueAt.getTime() - Date.now()));
      }),
    );
    const retimedWithMs = dueAt.getTime() - Date.now();
    if (retimedWithMs < 1000) throw new Error('re-timing took too long: raise RETIME_MARGIN_MS');

    log(`waiting for ${active.length} expiries due at ${dueAt.toISOString()}…`);
    for (let waited = 0; waited < 120; waited += 1) {
      await sleep(1000);
      const { rows } = await db.query<{ left: number }>(
        `select count(*)::int as left from reservations where status = 'ACTIVE'`,
      );
      if (rows[0].left === 0 && Date.now() > dueAt.getTime() + 2000) break;
    }
    const { rows: lag } = await db.query<{ expired: number; p50: number; p99: number }>(
      `select count(*)::int as expired,
              percentile_cont(0.5) within group (order by extract(epoch from ended_at - expires_at) * 1000) as p50,
              percentile_cont(0.99) within group (order by extract(epoch from ended_at - expires_at) * 1000) as p99
       from reservations where status = 'EXPIRED'`,
    );
    const doubleFired = [...expiredEvents.values()].reduce((sum, count) => sum + count - 1, 0);
    console.log(
      JSON.stringify({
        holds,
        chargers: chargerRows[0].count,
        created,
        createPerSec: round2(created / createSeconds),
        createP50Ms: round2(percentile(latencies, 50)),
        createP99Ms: round2(percentile(latencies, 99)),
        expired: lag[0].expired,
        expiredEventsSeen: expiredEvents.size,
        expiryLagP50Ms: round2(Number(lag[0].p50)),
        expiryLagP99Ms: round2(Number(lag[0].p99)),
        doubleFired,
      }),
    );
  } finally {
    watcher?.close();
    agent.destroy();
    workers.forEach((worker) => worker.kill());
    await queue.close();
    await redis.quit();
    await db.end();
    await hub.stop();
  }
}

/** An admin socket on `/live` that counts EXPIRED events per reservation. */
async function adminWatcher(token: string, counts: Map<string, number>): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/live`, {
    headers: { cookie: `${ACCESS_COOKIE}=${token}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as LiveServerFrame | LiveServerFrame[];
    for (const frame of Array.isArray(message) ? message : [message]) {
      if (frame.type === 'reservation.updated' && frame.data.status === 'EXPIRED') {
        counts.set(frame.data.reservationId, (counts.get(frame.data.reservationId) ?? 0) + 1);
      }
    }
  });
  socket.send(JSON.stringify({ type: 'subscribe', topics: ['reservations'] }));
  return socket;
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
