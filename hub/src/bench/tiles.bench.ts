// npm run bench:tiles [-- --stations 35000 --tiles 600 --port 3903 --filters 'plug=CCS_COMBO;free=true']
// Generates stations over France into a fresh database, starts the hub in its own process, then
// fetches random station tiles from z5 to z14 around random stations: each tile once cold, then
// again from the cache; then the same tiles with each station filter (`;`-separated tile query
// strings), as fresh cache entries. The last line printed is one JSON object with the figures.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { createRandom, tileCoordinates } from '@wattsup/contracts';
import { Client } from 'pg';
import { freshStationsDatabase, startHub } from './bench-hub';
import { percentile, round2 } from './latency';

const { values: args } = parseArgs({
  options: {
    stations: { type: 'string', default: '35000' },
    tiles: { type: 'string', default: '600' },
    port: { type: 'string', default: '3903' },
    filters: { type: 'string', default: '' },
  },
});
const stationCount = Number(args.stations);
const tileCount = Number(args.tiles);
const port = Number(args.port);
const filters = args.filters.split(';').filter((filter) => filter !== '');
const log = (message: string) => console.error(`[bench:tiles] ${message}`);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(path: string): Promise<{ status: number; bytes: number; ms: number }> {
  const sent = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, bytes, ms: performance.now() - sent }),
        );
      })
      .on('error', reject);
  });
}

async function main(): Promise<void> {
  log(`fresh database with ${stationCount} stations…`);
  const database = await freshStationsDatabase(`wattsup_bench_tiles_${stationCount}`, stationCount);
  log(`${database.stations} stations, ${database.terminals} terminals in ${database.seconds}s`);
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  const { rows: points } = await pg.query<{ lon: number; lat: number }>(
    'select st_x(location) as lon, st_y(location) as lat from stations',
  );
  await pg.end();

  const random = createRandom(11);
  const paths = new Set<string>();
  while (paths.size < tileCount) {
    const point = random.pick(points);
    const z = 5 + Math.floor(random.next() * 10);
    const { fx, fy } = tileCoordinates(point.lon, point.lat, z);
    paths.add(`/tiles/stations/${z}/${Math.floor(fx)}/${Math.floor(fy)}.mvt`);
  }

  const hub = startHub(database.url, port);
  try {
    await hub.ready();
    // Warm the connection pool and the planner on tiles outside the measured set.
    for (let z = 5; z <= 14; z += 1) await get(`/tiles/stations/${z}/0/0.mvt`);
    const all = await measure([...paths]);
    const filtered = [];
    for (const filter of filters)
      filtered.push({ filter, ...(await measure([...paths].map((path) => `${path}?${filter}`))) });
    console.log(
      JSON.stringify({ stations: database.stations, tiles: paths.size, ...all, filtered }),
    );
  } finally {
    agent.destroy();
    await hub.stop();
  }
}

/** Each tile once cold, then again from the cache. */
async function measure(paths: string[]) {
  log(`fetching ${paths.length} tiles cold, then cached (${paths[0]})…`);
  const cold: number[] = [];
  const bytes: number[] = [];
  for (const path of paths) {
    const result = await get(path);
    if (result.status !== 200) throw new Error(`${path}: HTTP ${result.status}`);
    cold.push(result.ms);
    bytes.push(result.bytes);
  }
  const cached: number[] = [];
  for (const path of paths) cached.push((await get(path)).ms);
  for (const list of [cold, cached, bytes]) list.sort((a, b) => a - b);
  return {
    uncachedP50Ms: round2(percentile(cold, 50)),
    uncachedP95Ms: round2(percentile(cold, 95)),
    cachedP50Ms: round2(percentile(cached, 50)),
    cachedP95Ms: round2(percentile(cached, 95)),
    bytesP50: percentile(bytes, 50),
    bytesP95: percentile(bytes, 95),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
