// npm run bench:ocpp [-- --chargers 15000 --rate 2000 --duration 30 --workers 3]
// A fresh database with one charger per generated station, a hub in its own process, and worker
// processes (each OS process may hold at most ~20,000 sockets) that connect every charger, boot it,
// then keep a StatusNotification + MeterValues churn at a fixed total rate. Then every socket drops
// at once and reconnects (the storm). Last line: one JSON object with the figures.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { hashChargerPassword } from '../chargers/charger-credentials';
import { freshStationsDatabase, startHub } from './bench-hub';
import { percentile, round2 } from './latency';
import type { WorkerCommand, WorkerReport } from './ocpp.bench-worker';

const { values: args } = parseArgs({
  options: {
    chargers: { type: 'string', default: '15000' },
    rate: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '30' },
    workers: { type: 'string', default: '3' },
    port: { type: 'string', default: '3903' },
  },
});
const chargerCount = Number(args.chargers);
const rate = Number(args.rate);
const durationS = Number(args.duration);
const workerCount = Number(args.workers);
const port = Number(args.port);
const PASSWORD = 'bench-charger-password-0001';

const log = (message: string) => console.error(`[bench:ocpp] ${message}`);

/** One charger per station, its terminals on connectors 1..n, every connector starting UNKNOWN. */
async function bindChargers(orm: MikroORM): Promise<void> {
  const connection = orm.em.fork().getConnection();
  await connection.execute(
    `insert into chargers (id, identity, protocol, password_hash, station_id, heartbeat_interval_seconds)
     select gen_random_uuid(), 'BENCH-' || row_number() over (order by s.irve_id), 'ocpp1.6', ?, s.id, 3600
     from stations s`,
    [hashChargerPassword(PASSWORD)],
  );
  await connection.execute(
    `update terminals t set charger_id = c.id, connector_id = b.n, status = 'UNKNOWN', status_confirmed_at = null
     from (select id, station_id, row_number() over (partition by station_id order by pdc_id) as n from terminals) b
     join chargers c on c.station_id = b.station_id
     where t.id = b.id`,
  );
}

function hubMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** Sends a command to every worker and waits for all their reports of that phase. */
function phase(workers: ChildProcess[], command: WorkerCommand): Promise<WorkerReport[]> {
  return Promise.all(
    workers.map(
      (worker) =>
        new Promise<WorkerReport>((resolve, reject) => {
          const onMessage = (report: WorkerReport) => {
            if (report.phase !== command.phase) return;
            worker.off('message', onMessage);
            if (report.error) reject(new Error(report.error));
            else resolve(report);
          };
          worker.on('message', onMessage);
          worker.send(command);
        }),
    ),
  );
}

async function main(): Promise<void> {
  log(`preparing ${chargerCount} chargers…`);
  const { url: databaseUrl } = await freshStationsDatabase('wattsup_bench_ocpp', chargerCount, {
    seed: 11,
    prepare: bindChargers,
  });
  const hub = startHub(databaseUrl, port, {
    DATABASE_POOL_MAX: '20',
    LOG_LEVEL: 'error',
    OCPP_HEARTBEAT_INTERVAL_SECONDS: '3600',
  });
  const workers: ChildProcess[] = [];
  try {
    await hub.ready();
    const endpoint = `ws://127.0.0.1:${port}/ocpp`;
    for (let index = 0; index < workerCount; index += 1) {
      workers.push(
        fork(join(__dirname, 'ocpp.bench-worker.js'), [], {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
    }
    const identities = Array.from({ length: chargerCount }, (_, i) => `BENCH-${i + 1}`);
    const slices = workers.map((_, w) => identities.filter((_, i) => i % workerCount === w));

    log('connecting and booting…');
    const connectStarted = performance.now();
    await Promise.all(
      workers.map((worker, w) =>
        phase([worker], { phase: 'connect', endpoint, identities: slices[w], password: PASSWORD }),
      ),
    );
    const connectSeconds = round2((performance.now() - connectStarted) / 1000);
    log(`${chargerCount} chargers connected and booted in ${connectSeconds}s`);

    log(`churn at ${rate} messages/s for ${durationS}s…`);
    const churnStarted = new Date();
    const churn = await phase(workers, { phase: 'churn', rate: rate / workerCount, durationS });
    const latencies = churn.flatMap((report) => report.latencies ?? []).sort((a, b) => a - b);
    const sent = churn.reduce((sum, report) => sum + (report.sent ?? 0), 0);
    const failed = churn.reduce((sum, report) => sum + (report.failed ?? 0), 0);
    const statusChanges = churn.reduce((sum, report) => sum + (report.statusChanges ?? 0), 0);
    const memory = hubMemoryMb(hub.process.pid!);

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
    await phase(workers, { phase: 'storm' });
    const reconnectSeconds = round2((performance.now() - stormStarted) / 1000);
    const online = await db.query<{ count: number }>(
      'select count(*)::int as count from chargers where online',
    );
    await db.end();

    console.log(
      JSON.stringify({
        chargers: chargerCount,
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
        hubRssMb: memory.rss,
        hubPeakRssMb: memory.peak,
      }),
    );
  } finally {
    workers.forEach((worker) => worker.kill());
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
