// npm run bench:geo [-- --stations 35000 --rate 100 --duration 30 --reuse]
// Generates stations (about four terminals each) over France into a fresh database, starts the hub
// in its own process, then sends `nearest` queries with random filters at a fixed rate through HTTP.
// With --reuse, a database of that size left by an earlier run is measured again, not regenerated.
// The last line printed is one JSON object with the figures.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { createRandom } from '@wattsup/contracts';
import {
  existingStationsDatabase,
  FRANCE_BOUNDS,
  freshStationsDatabase,
  startHub,
} from './bench-hub';
import { percentile, round2 } from './latency';

const { values: args } = parseArgs({
  options: {
    stations: { type: 'string', default: '35000' },
    rate: { type: 'string', default: '100' },
    duration: { type: 'string', default: '30' },
    port: { type: 'string', default: '3901' },
    reuse: { type: 'boolean', default: false },
  },
});
const stationCount = Number(args.stations);
const rate = Number(args.rate);
const durationS = Number(args.duration);
const port = Number(args.port);

const log = (message: string) => console.error(`[bench:geo] ${message}`);

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
  });
}

function randomQuery(random: ReturnType<typeof createRandom>): string {
  const lat = random.between(FRANCE_BOUNDS.minLat, FRANCE_BOUNDS.maxLat).toFixed(5);
  const lon = random.between(FRANCE_BOUNDS.minLon, FRANCE_BOUNDS.maxLon).toFixed(5);
  const params = [`lat=${lat}`, `lon=${lon}`, 'limit=10'];
  const minPower = random.pick([undefined, 22, 50, 150]);
  if (minPower) params.push(`minPowerKw=${minPower}`);
  const plug = random.pick([undefined, 'TYPE_2', 'CCS_COMBO', 'CHADEMO']);
  if (plug) params.push(`plug=${plug}`);
  if (random.next() < 0.5) params.push('available=true');
  return `/api/v1/stations/nearest?${params.join('&')}`;
}

/** Open-loop load: requests leave on schedule whether or not earlier ones have returned. */
async function load(): Promise<{ latencies: number[]; errors: number }> {
  const random = createRandom(7);
  const latencies: number[] = [];
  let errors = 0;
  const total = rate * durationS;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const path = randomQuery(random);
    const sent = performance.now();
    pending.push(
      get(path).then(
        (status) => {
          if (status === 200) latencies.push(performance.now() - sent);
          else errors += 1;
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  return { latencies, errors };
}

async function main(): Promise<void> {
  const name = `wattsup_bench_geo_${stationCount}`;
  const reused = args.reuse ? await existingStationsDatabase(name, stationCount) : null;
  if (!reused) log(`generating ${stationCount} stations into a fresh database…`);
  const generated = reused ?? (await freshStationsDatabase(name, stationCount));
  log(
    `generated ${generated.stations} stations, ${generated.terminals} terminals in ${generated.seconds}s`,
  );
  const hub = startHub(generated.url, port);
  try {
    await hub.ready();
    // Warm-up: let the pool and the planner's caches settle before measuring.
    const random = createRandom(99);
    for (let i = 0; i < 200; i += 1) await get(randomQuery(random));
    log(`measuring ${rate} queries/s for ${durationS}s…`);
    const { latencies, errors } = await load();
    latencies.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        stations: generated.stations,
        terminals: generated.terminals,
        generateSeconds: generated.seconds,
        rate,
        durationS,
        queries: latencies.length + errors,
        errors,
        p50Ms: round2(percentile(latencies, 50)),
        p95Ms: round2(percentile(latencies, 95)),
        p99Ms: round2(percentile(latencies, 99)),
      }),
    );
  } finally {
    agent.destroy();
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
