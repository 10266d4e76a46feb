// npm run bench:ocpp [-- --chargers 15000 --rate 2000 --duration 30 --workers 3 --hubs 1]
// A fresh database with one charger per generated station, hubs in their own processes (several
// share PostgreSQL and Redis as a cluster), and worker processes (each OS process may hold at most
// ~20,000 sockets) that connect every charger, boot it, then keep a StatusNotification +
// MeterValues churn at a fixed total rate. Then every socket drops at once and reconnects (the
// storm). Last line: one JSON object with the figures.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { bindChargers, freshStationsDatabase, startHub } from './bench-hub';
import { percentile, round2 } from './latency';
import { connectBenchChargers, forkChargerWorkers, workerPhase } from './charger-workers';

const { values: args } = parseArgs({
  options: {
    chargers: { type: 'string', default: '15000' },
    rate: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '30' },
    workers: { type: 'string', default: '3' },
    port: { type: 'string', default: '3903' },
    hubs: { type: 'string', default: '1' },
  },
});
const chargerCount = Number(args.chargers);
const rate = Number(args.rate);
const durationS = Number(args.duration);
const workerCount = Number(args.workers);
const port = Number(args.port);
const hubCount = Number(args.hubs);
const PASSWORD = 'bench-charger-password-0001';

const log = (message: string) => console.error(`[bench:ocpp] ${message}`);

function hubMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function main(): Promise<void> {
  log(`preparing ${chargerCount} chargers…`);
  const { url: databaseUrl } = await freshStationsDatabase('wattsup_bench_ocpp', chargerCount, {
    seed: 11,
    prepare: (orm) => bindChargers(orm, PASSWORD, 'UNKNOWN'),
  });
  // One cluster: the instances share their Redis key space and session secret.
  const cluster = {
    DATABASE_POOL_MAX: '20',
    LOG_LEVEL: 'error',
    OCPP_HEARTBEAT_INTERVAL_SECONDS: '3600',
    JWT_SECRET: randomBytes(32).toString('hex'),
    REDIS_KEY_PREFIX: `wattsup-bench:${randomBytes(4).toString('hex')}:`,
  };
  const ports = Array.from({ length: hubCount }, (_, i) => port + i);
  const hubs = ports.map((hubPort) => startHub(databaseUrl, hubPort, cluster));
  const workers: ChildProcess[] = [];
  try {
    await Promise.all(hubs.map((hub) => hub.ready()));
    workers.push(...forkChargerWorkers(workerCount));

    log(`connecting and booting over ${hubCount} hub instance(s)…`);
    const connectStarted = performance.now();
    await connectBenchChargers(
      workers,
      ports.map((hubPort) => `ws://127.0.0.1:${hubPort}/ocpp`),
      chargerCount,
      PASSWORD,
    );
    const connectSeconds = round2((performance.now() - connectStarted) / 1000);
    log(`${chargerCount} chargers connected and booted in ${connectSeconds}s`);

    log(`churn at ${rate} messages/s for ${durationS}s…`);
    const churnStarted = new Date();
    const churn = await workerPhase(workers, {
      phase: 'churn',
      rate: rate / workerCount,
      durationS,
    });
    const latencies = churn.flatMap((report) => report.latencies ?? []).sort((a, b) => a - b);
    const sent = churn.reduce((sum, report) => sum + (report.sent ?? 0), 0);
    const failed = churn.reduce((sum, report) => sum + (report.failed ?? 0), 0);
    const statusChanges = churn.reduce((sum, report) => sum + (report.statusChanges ?? 0), 0);
    const memory = hubs.map((hub) => hubMemoryMb(hub.process.pid!));

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const persisted = await db.query<{ count: number; p99: number }>(
      `select count(*)::int as count,
              coalesce(percentile_cont(0.99) within group (order by extract(epoch from recorded_at - occurred_at) * 1000), 0) as p99
       from terminal_status_history where source = 'OCPP' and occurred_at >= $1`,
      [churnStarted],
    );

    log('reconnect storm: every socket drops at once…');
    const stormStarted = performance.now();
    await workerPhase(workers, { phase: 'storm' });
    const reconnectSeconds = round2((performance.now() - stormStarted) / 1000);
    const online = await db.query<{ count: number }>(
      'select count(*)::int as count from chargers where online',
    );
    await db.end();

    console.log(
      JSON.stringify({
        chargers: chargerCount,
        hubs: hubCount,
        connectSeconds,
        msgsPerSec: round2(sent / durationS),
        ackP50Ms: round2(percentile(latencies, 50)),
        ackP99Ms: round2(percentile(latencies, 99)),
        failed,
        statusChanges,
        persistedLagP99Ms: round2(Number(persisted.rows[0].p99)),
        lost: statusChanges - persisted.rows[0].count,
        reconnectSeconds,
        onlineAfterStorm: online.rows[0].count,
        hubRssMb: Math.max(...memory.map((hub) => hub.rss)),
        hubPeakRssMb: Math.max(...memory.map((hub) => hub.peak)),
      }),
    );
  } finally {
    workers.forEach((worker) => worker.kill());
    await Promise.all(hubs.map((hub) => hub.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
