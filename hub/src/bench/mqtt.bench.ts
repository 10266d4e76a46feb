// npm run bench:mqtt [-- --publishers 8 --rate 10000 --duration 20 --vehicles 2000]
// K publishers send vehicle telemetry at a total rate R for T seconds, QoS 1, through our broker
// into a hub (its own process) and the database; then the same load through a Mosquitto started
// for the run (max_queued_messages 0, max_inflight_messages 0); each after a few seconds of the
// same load to warm up. Then each broker alone, publishers flat out to one subscriber, for the
// brokers' own throughput. Last line: one JSON object.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { topics } from '@wattsup/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import { Client } from 'pg';
import { freshDatabase, startHub } from './bench-hub';
import { round2 } from './latency';

const { values: args } = parseArgs({
  options: {
    publishers: { type: 'string', default: '8' },
    rate: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '20' },
    vehicles: { type: 'string', default: '2000' },
    'broker-messages': { type: 'string', default: '100000' },
  },
});
const publisherCount = Number(args.publishers);
const rate = Number(args.rate);
const durationS = Number(args.duration);
const vehicleCount = Number(args.vehicles);
const brokerMessages = Number(args['broker-messages']);
const GATEWAY = { username: 'bench-gateway', password: randomBytes(12).toString('hex') };
const HUB = { username: 'hub', password: randomBytes(12).toString('hex') };
const TICK_MS = 10;

const log = (message: string) => console.error(`[bench:mqtt] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Broker {
  url: string;
  /** Credentials of the hub and of the publishers (a gateway account on ours, none on Mosquitto). */
  hub: { username?: string; password?: string };
  publisher: { username?: string; password?: string };
  stop(): Promise<void>;
}

function stopper(child: ChildProcess) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(Boolean(socket.end())));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on ${port}`);
}

async function ourBroker(): Promise<Broker> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(__dirname, '..', '..', '..', 'broker', 'dist', 'main.js')],
    {
      env: {
        ...process.env,
        MQTT_HOST: '127.0.0.1',
        MQTT_PORT: String(port),
        BROKER_USERS: `${HUB.username}:${HUB.password},${GATEWAY.username}:${GATEWAY.password}`,
        BROKER_HUB_USER: HUB.username,
        BROKER_GATEWAY_USERS: GATEWAY.username,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitForPort(port);
  return { url: `mqtt://127.0.0.1:${port}`, hub: HUB, publisher: GATEWAY, stop: stopper(child) };
}

/** A Mosquitto of the run's own, configured for the load as the issue says. */
async function mosquitto(): Promise<Broker> {
  const port = await freePort();
  const config = join(tmpdir(), `wattsup-bench-mosquitto-${port}.conf`);
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'max_queued_messages 0',
      'max_inflight_messages 0',
      'persistence false',
      'log_dest none',
    ].join('\n'),
  );
  const child = spawn('mosquitto', ['-c', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(port);
  return { url: `mqtt://127.0.0.1:${port}`, hub: {}, publisher: {}, stop: stopper(child) };
}

async function connectPublishers(broker: Broker): Promise<MqttClient[]> {
  return Promise.all(
    Array.from({ length: publisherCount }, (_, index) =>
      mqtt.connectAsync(broker.url, {
        ...broker.publisher,
        clientId: `bench-publisher-${index}-${randomBytes(3).toString('hex')}`,
        reconnectPeriod: 0,
      }),
    ),
  );
}

/** Seconds of load before each measure: a Node process (broker, hub) runs slow until warm. */
const WARM_UP_S = 3;

/** R messages a second for `seconds`, round-robin over the vehicles and the publishers. */
async function publishLoad(
  publishers: MqttClient[],
  vehicleIds: string[],
  seconds: number,
  lastTs: Map<string, number>,
): Promise<{ published: number; failed: number; seconds: number }> {
  const total = rate * seconds;
  let sent = 0;
  let published = 0;
  let failed = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent += 1) {
      const vehicleId = vehicleIds[sent % vehicleIds.length];
      // Unique per vehicle: (vehicle, ts) is the sample's identity.
      const ts = Math.max(Date.now(), (lastTs.get(vehicleId) ?? 0) + 1);
      lastTs.set(vehicleId, ts);
      const payload = JSON.stringify({
        ts: new Date(ts).toISOString(),
        lat: 43.6 + (sent % 1000) / 10_000,
        lon: 1.44,
        socPct: 50,
        pluggedIn: false,
        charging: false,
        odometerKm: 1000 + sent / 1000,
      });
      pending.push(
        publishers[sent % publishers.length]
          .publishAsync(topics.vehicleTelemetry(vehicleId), payload, { qos: 1 })
          .then(
            () => void (published += 1),
            () => void (failed += 1),
          ),
      );
    }
    await sleep(TICK_MS);
  }
  await Promise.all(pending);
  return { published, failed, seconds: (performance.now() - started) / 1000 };
}

async function endToEnd(broker: Broker, databaseUrl: string, vehicleIds: string[]) {
  const port = await freePort();
  const credentials = broker.hub.username ? `${broker.hub.username}:${broker.hub.password}@` : '';
  const hub = startHub(databaseUrl, port, {
    MQTT_URL: broker.url.replace('mqtt://', `mqtt://${credentials}`),
    MQTT_SHARED_GROUP: '',
    DATABASE_POOL_MAX: '10',
    LOG_LEVEL: 'error',
  });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await hub.ready();
    await sleep(1000); // subscribed
    const publishers = await connectPublishers(broker);
    const lastTs = new Map<string, number>();
    await publishLoad(publishers, vehicleIds, WARM_UP_S, lastTs);
    await sleep(2000);
    await db.query('truncate vehicle_telemetry');
    const load = await publishLoad(publishers, vehicleIds, durationS, lastTs);
    await Promise.all(publishers.map((publisher) => publisher.endAsync()));
    // Until every sample is in, or nothing more arrives for five seconds.
    let persisted = 0;
    for (let quiet = 0; persisted < load.published && quiet < 50;) {
      const count = Number(
        (await db.query('select count(*) from vehicle_telemetry')).rows[0].count,
      );
      quiet = count === persisted ? quiet + 1 : 0;
      persisted = count;
      await sleep(100);
    }
    const { rows } = await db.query<{
      p50: number;
      p99: number;
      first: Date;
      last: Date;
    }>(
      `select percentile_cont(0.5) within group (order by extract(epoch from recorded_at - ts) * 1000) as p50,
              percentile_cont(0.99) within group (order by extract(epoch from recorded_at - ts) * 1000) as p99,
              min(ts) as first, max(recorded_at) as last
       from vehicle_telemetry`,
    );
    const spanS = (rows[0].last.getTime() - rows[0].first.getTime()) / 1000;
    return {
      published: load.published,
      publishFailed: load.failed,
      persisted,
      lost: load.published - persisted,
      msgsPerSec: Math.round(persisted / spanS),
      e2eP50Ms: round2(Number(rows[0].p50)),
      e2eP99Ms: round2(Number(rows[0].p99)),
    };
  } finally {
    await db.end();
    await hub.stop();
  }
}

/** The broker alone: publishers flat out, one QoS 0 subscriber (as the hub) counting. */
async function brokerThroughput(broker: Broker, messages: number): Promise<number> {
  const topic = `wattsup/v1/vehicles/${randomUUID()}/telemetry`;
  const subscriber = await mqtt.connectAsync(broker.url, {
    ...broker.hub,
    clientId: `bench-subscriber-${randomBytes(3).toString('hex')}`,
    reconnectPeriod: 0,
  });
  await subscriber.subscribeAsync(topic, { qos: 0 });
  let received = 0;
  const allReceived = new Promise<void>((resolve) =>
    subscriber.on('message', () => {
      received += 1;
      if (received === messages) resolve();
    }),
  );
  const publishers = await connectPublishers(broker);
  const payload = JSON.stringify({ ts: new Date().toISOString(), lat: 1, lon: 1, socPct: 1 });
  const started = performance.now();
  const perPublisher = Math.ceil(messages / publishers.length);
  await Promise.all(
    publishers.map(async (publisher, index) => {
      const count = Math.min(perPublisher, messages - index * perPublisher);
      // Windows of QoS 1 publishes in flight, as a busy device gateway sends them.
      for (let sent = 0; sent < count; sent += 500) {
        await Promise.all(
          Array.from({ length: Math.min(500, count - sent) }, () =>
            publisher.publishAsync(topic, payload, { qos: 1 }),
          ),
        );
      }
    }),
  );
  await Promise.race([allReceived, sleep(30_000)]);
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([...publishers, subscriber].map((client) => client.endAsync()));
  return Math.round(received / seconds);
}

async function main(): Promise<void> {
  log('preparing the database…');
  const databaseUrl = await freshDatabase('wattsup_bench_mqtt');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const [owner] = (
    await db.query<{ id: string }>(
      `insert into users (id, email, password_hash) values (gen_random_uuid(), 'bench@wattsup.test', 'x') returning id`,
    )
  ).rows;
  const vehicleIds = (
    await db.query<{ id: string }>(
      `insert into vehicles (id, owner_id, name, battery_kwh, mqtt_username, mqtt_password_hash)
       select id, $1, 'Bench ' || n, 60, id::text, 'x'
       from (select gen_random_uuid() as id, n from generate_series(1, $2) n) v returning id`,
      [owner.id, vehicleCount],
    )
  ).rows.map((row) => row.id);
  await db.end();

  const ours = await ourBroker();
  const theirs = await mosquitto();
  try {
    log(`${rate} msg/s for ${durationS}s from ${publisherCount} publishers through our broker…`);
    const throughOurs = await endToEnd(ours, databaseUrl, vehicleIds);
    log(JSON.stringify(throughOurs));
    log('the same through Mosquitto…');
    const throughMosquitto = await endToEnd(theirs, databaseUrl, vehicleIds);
    log(JSON.stringify(throughMosquitto));
    log(`${brokerMessages} messages flat out through each broker alone…`);
    // A tenth of the messages first, to warm each broker up.
    const brokerMsgsPerSec = await brokerThroughput(ours, brokerMessages / 10).then(() =>
      brokerThroughput(ours, brokerMessages),
    );
    const mosquittoMsgsPerSec = await brokerThroughput(theirs, brokerMessages / 10).then(() =>
      brokerThroughput(theirs, brokerMessages),
    );
    console.log(
      JSON.stringify({
        ...throughOurs,
        brokerMsgsPerSec,
        mosquittoMsgsPerSec,
        brokerVsMosquitto: round2(brokerMsgsPerSec / mosquittoMsgsPerSec),
        throughMosquitto,
        publishers: publisherCount,
        rate,
        durationS,
        vehicles: vehicleCount,
      }),
    );
  } finally {
    await ours.stop();
    await theirs.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
