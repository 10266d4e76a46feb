// npm run bench:live [-- --stations 35000 --clients 1000 --rate 1000 --duration 20 --zoom 7-12
//                      --workers 1]
// Generates stations over France, binds the terminals of some of them to OCPP 1.6 chargers, and
// starts the hub in its own process. Worker threads (one by default) open the WebSocket clients
// on `/live`, each subscribed to a random viewport (by default from zoom 7, all of France, to 12,
// a town); the main thread plays the chargers, sending StatusNotifications at a fixed rate, each
// stamped with its send time. e2e is the client's receipt time minus that stamp (the event's
// `at`): from the OCPP frame leaving the charger, so it includes the hop to the hub; it is sampled
// on one client in ten (PROBE_EVERY), while every client counts what it receives. The last line
// printed is one JSON object.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createRandom, type LiveServerFrame } from '@wattsup/contracts';
import { RPCClient } from 'ocpp-rpc';
import { Client } from 'pg';
import WebSocket from 'ws';
import { hashChargerPassword } from '../chargers/charger-credentials';
import { FRANCE_BOUNDS, freshStationsDatabase, startHub } from './bench-hub';
import { percentile, round2 } from './latency';

interface ClientsJob {
  url: string;
  clients: number;
  seed: number;
  minZoom: number;
  maxZoom: number;
}

interface ClientsReport {
  received: number;
  e2e: number[];
  closed: number;
}

/**
 * A thousand browsers would each have their own machine; here they share two cores with the hub.
 * So that the harness does not eat the CPU it measures, one client in PROBE_EVERY decodes every
 * frame and records e2e; the others count their frames by scanning the bytes.
 */
const PROBE_EVERY = 10;
const OPEN_BRACKET = '['.charCodeAt(0);
const STATUS_MARK = Buffer.from('"type":"terminal.status"');

function occurrences(data: Buffer, mark: Buffer): number {
  let count = 0;
  for (let at = data.indexOf(mark); at !== -1; at = data.indexOf(mark, at + mark.length))
    count += 1;
  return count;
}

/** Worker side: the browsers. Measures from `start` to `stop` messages, reports on `stop`. */
async function runClients({ url, clients, seed, minZoom, maxZoom }: ClientsJob): Promise<void> {
  const random = createRandom(seed);
  let measuring = false;
  let received = 0;
  let closed = 0;
  const e2e: number[] = [];
  let stopping = false;
  // Every client receives the same `at` strings: parse each once, so that the measuring does not
  // eat the CPU it measures.
  let times = new Map<string, number>();
  setInterval(() => (times = new Map()), 2000).unref();
  const time = (at: string) => {
    let parsed = times.get(at);
    if (parsed === undefined) times.set(at, (parsed = Date.parse(at)));
    return parsed;
  };
  const sockets = await Promise.all(
    Array.from({ length: clients }, async (_, index) => {
      const socket = new WebSocket(`${url.replace('http', 'ws')}/live`);
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      // A 1280 × 800 screen (256 px tiles) at a random zoom, centred anywhere over France.
      const z = random.int(minZoom, maxZoom);
      const lon = random.between(FRANCE_BOUNDS.minLon, FRANCE_BOUNDS.maxLon);
      const lat = random.between(FRANCE_BOUNDS.minLat, FRANCE_BOUNDS.maxLat);
      const halfLon = ((1280 / 256) * 360) / 2 ** z / 2;
      const halfLat = (((800 / 256) * 360) / 2 ** z / 2) * Math.cos((lat * Math.PI) / 180);
      let snapshot!: () => void;
      const subscribed = new Promise<void>((resolve) => (snapshot = resolve));
      const probe = index % PROBE_EVERY === 0;
      socket.on('message', (data: Buffer) => {
        const now = Date.now();
        if (!probe && data[0] === OPEN_BRACKET) {
          // Event batches: count them without decoding (see PROBE_EVERY).
          if (measuring) received += occurrences(data, STATUS_MARK);
          return;
        }
        const message = JSON.parse(String(data)) as LiveServerFrame | LiveServerFrame[];
        for (const frame of Array.isArray(message) ? message : [message]) {
          if (frame.type === 'snapshot') snapshot();
          else if (measuring && frame.type === 'terminal.status') {
            received += 1;
            e2e.push(now - time(frame.at));
          }
        }
      });
      socket.on('close', () => {
        if (!stopping) closed += 1;
      });
      socket.send(
        JSON.stringify({
          type: 'subscribe',
          bbox: [lon - halfLon, lat - halfLat, lon + halfLon, lat + halfLat],
        }),
      );
      await subscribed;
      return socket;
    }),
  );
  parentPort!.on('message', (message: string) => {
    if (message === 'start') measuring = true;
    if (message === 'stop') {
      measuring = false;
      stopping = true;
      sockets.forEach((socket) => socket.terminate());
      parentPort!.postMessage({ received, e2e, closed } satisfies ClientsReport);
    }
  });
  parentPort!.postMessage('ready');
}

interface Connector {
  charger: RPCClient;
  connectorId: number;
  available: boolean;
}

const log = (message: string) => console.error(`[bench:live] ${message}`);

/** Binds the terminals of random stations to new chargers, until `terminals` are bound. */
async function bindChargers(databaseUrl: string, terminals: number) {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ station_id: string; ids: string[] }>(
      `select station_id, array_agg(id order by pdc_id) as ids from terminals
       group by station_id order by md5(station_id::text)`,
    );
    const chargers: { identity: string; password: string; connectors: number }[] = [];
    let bound = 0;
    for (const row of rows) {
      if (bound >= terminals) break;
      const id = randomUUID();
      const identity = `BENCH-${chargers.length}`;
      const password = `bench-password-${chargers.length}-secret`;
      await pg.query(
        `insert into chargers (id, identity, protocol, password_hash, station_id)
         values ($1, $2, 'ocpp1.6', $3, $4)`,
        [id, identity, hashChargerPassword(password), row.station_id],
      );
      await pg.query(
        `update terminals t set charger_id = $1, connector_id = c.n
         from unnest($2::uuid[]) with ordinality as c(id, n) where t.id = c.id`,
        [id, row.ids],
      );
      chargers.push({ identity, password, connectors: row.ids.length });
      bound += row.ids.length;
    }
    return chargers;
  } finally {
    await pg.end();
  }
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      stations: { type: 'string', default: '35000' },
      clients: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '20' },
      port: { type: 'string', default: '3902' },
      workers: { type: 'string', default: '1' },
      zoom: { type: 'string', default: '7-12' },
    },
  });
  const stationCount = Number(args.stations);
  const clientCount = Number(args.clients);
  const rate = Number(args.rate);
  const durationS = Number(args.duration);
  const port = Number(args.port);
  const workerCount = Number(args.workers);
  const [minZoom, maxZoom] = args.zoom.split('-').map(Number);
  const url = `http://127.0.0.1:${port}`;

  log(`fresh database with ${stationCount} stations…`);
  const database = await freshStationsDatabase(`wattsup_bench_live_${stationCount}`, stationCount);
  // Enough terminals that each changes about once a second at the target rate.
  const chargerSpecs = await bindChargers(database.url, rate);
  log(`${chargerSpecs.length} chargers bound`);
  const hub = startHub(database.url, port, { OCPP_HEARTBEAT_INTERVAL_SECONDS: '3600' });
  const workers: Worker[] = [];
  try {
    await hub.ready();
    const connectors: Connector[] = [];
    for (const spec of chargerSpecs) {
      const charger = new RPCClient({
        endpoint: `${url.replace('http', 'ws')}/ocpp`,
        identity: spec.identity,
        password: spec.password,
        protocols: ['ocpp1.6'],
        reconnect: false,
        callTimeoutMs: 30000,
      } as ConstructorParameters<typeof RPCClient>[0]);
      await charger.connect();
      await charger.call('BootNotification', { chargePointVendor: 'W', chargePointModel: 'B' });
      for (let connectorId = 1; connectorId <= spec.connectors; connectorId += 1) {
        connectors.push({ charger, connectorId, available: false });
      }
    }
    log(`${connectors.length} connectors online; opening ${clientCount} /live clients…`);
    for (let index = 0; index < workerCount; index += 1) {
      const share =
        Math.floor(clientCount / workerCount) + (index < clientCount % workerCount ? 1 : 0);
      workers.push(
        new Worker(__filename, {
          workerData: {
            url,
            clients: share,
            seed: 5 + index,
            minZoom,
            maxZoom,
          } satisfies ClientsJob,
        }),
      );
    }
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.once('message', () => resolve());
            worker.once('error', reject);
            worker.once('exit', () => reject(new Error('the /live clients failed')));
          }),
      ),
    );

    const random = createRandom(3);
    let acknowledged = 0;
    let failed = 0;
    const churn = async (seconds: number) => {
      const total = Math.round(rate * seconds);
      const started = performance.now();
      const pending: Promise<void>[] = [];
      for (let index = 0; index < total; index += 1) {
        const wait = started + (index * 1000) / rate - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const connector = random.pick(connectors);
        connector.available = !connector.available;
        pending.push(
          connector.charger
            .call('StatusNotification', {
              connectorId: connector.connectorId,
              errorCode: 'NoError',
              status: connector.available ? 'Available' : 'Charging',
              timestamp: new Date().toISOString(),
            })
            .then(
              () => void (acknowledged += 1),
              () => void (failed += 1),
            ),
        );
      }
      await Promise.all(pending);
      return (performance.now() - started) / 1000;
    };
    log('warming up for 3 s…');
    await churn(3);
    acknowledged = 0;
    failed = 0;
    workers.forEach((worker) => worker.postMessage('start'));
    log(`measuring ${rate} changes/s for ${durationS} s…`);
    const seconds = await churn(durationS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reports = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<ClientsReport>((resolve) => {
            worker.once('message', resolve);
            worker.postMessage('stop');
          }),
      ),
    );
    const report: ClientsReport = {
      received: reports.reduce((sum, r) => sum + r.received, 0),
      e2e: reports.flatMap((r) => r.e2e),
      closed: reports.reduce((sum, r) => sum + r.closed, 0),
    };
    const metrics = await fetch(`${url}/metrics`).then((response) => response.text());
    const dropped = Number(/wattsup_live_dropped_clients_total (\d+)/.exec(metrics)?.[1] ?? NaN);
    const e2e = report.e2e.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        clients: clientCount,
        zoom: args.zoom,
        chargers: chargerSpecs.length,
        connectors: connectors.length,
        changesPerSec: round2(acknowledged / seconds),
        failedChanges: failed,
        deliveredPerSec: round2(report.received / seconds),
        e2eP50Ms: percentile(e2e, 50),
        e2eP99Ms: percentile(e2e, 99),
        e2eMaxMs: e2e[e2e.length - 1] ?? null,
        dropped,
        closedUnexpectedly: report.closed,
      }),
    );
    await Promise.all(
      [...new Set(connectors.map((c) => c.charger))].map((charger) =>
        charger.close({ force: true }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    await hub.stop();
  }
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  runClients(workerData as ClientsJob).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
