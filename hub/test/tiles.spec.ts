import { clusterCellId, clusterCellOf, createRandom } from '@wattsup/contracts';
import request from 'supertest';
import { LiveEvents } from '../src/live/live-events';
import { writeStations } from '../src/seed/station-writer';
import type { GeneratedStation } from '../src/seed/station-generator';
import { stationWithTerminals } from './support/ocpp';
import { decodeMvt, getTile, tileOf } from './support/mvt';
import { startTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/ocpp';

describe('station vector tiles', () => {
  let hub: TestApp;
  let stationId: string;

  beforeAll(async () => {
    hub = await startTestApp({ TILE_CLUSTER_MAX_ZOOM: '10' });
    ({ stationId } = await stationWithTerminals(hub, 'FR*TIL*P1', 3));
    await stationWithTerminals(hub, 'FR*TIL*P2', 2);
    await hub.orm.em
      .fork()
      .getConnection()
      .execute(
        `update terminals set status = 'AVAILABLE' where station_id = ? and pdc_id like '%1'`,
        [stationId],
      );
  });

  afterAll(() => hub.close());

  it('serves stations with their summary at high zoom', async () => {
    const response = await getTile(hub, tileOf(1.44, 43.6, 14)).expect(200);
    expect(response.headers['content-type']).toMatch('application/vnd.mapbox-vector-tile');
    const { stations } = decodeMvt(response.body as Buffer);
    expect(stations).toHaveLength(2);
    expect(stations.find((s) => s.id === stationId)).toEqual({
      id: stationId,
      name: 'Station FR*TIL*P1',
      brand: 'Brand',
      available: 1,
      total: 3,
      doubtful: 2,
      maxPowerKw: 22,
      plugs: 'TYPE_2',
    });
  });

  it('serves clusters with station, terminal, available and doubtful counts at low zoom, under the id of their cell', async () => {
    const response = await getTile(hub, tileOf(1.44, 43.6, 6)).expect(200);
    // Both stations' terminals start UNKNOWN; one of P1's is AVAILABLE.
    expect(decodeMvt(response.body as Buffer)).toEqual({
      clusters: [
        {
          id: clusterCellId(clusterCellOf(1.44, 43.6, 6)),
          stations: 2,
          terminals: 5,
          available: 1,
          doubtful: 4,
        },
      ],
    });
  });

  it('counts a station as doubtful while its terminals are UNKNOWN or OFFLINE', async () => {
    const { stationId: lone } = await stationWithTerminals(hub, 'FR*TIL*P3', 2);
    const connection = hub.orm.em.fork().getConnection();
    await connection.execute(
      `update stations set location = st_setsrid(st_makepoint(1.9, 43.2), 4326) where id = ?`,
      [lone],
    );
    await connection.execute(
      `update terminals set status = case when pdc_id like '%1' then 'OFFLINE' else 'OCCUPIED' end
       where station_id = ?`,
      [lone],
    );
    const { stations } = decodeMvt((await getTile(hub, tileOf(1.9, 43.2, 14))).body as Buffer);
    expect(stations).toEqual([
      expect.objectContaining({ id: lone, available: 0, total: 2, doubtful: 1 }),
    ]);
    const { clusters } = decodeMvt((await getTile(hub, tileOf(1.9, 43.2, 9))).body as Buffer);
    expect(clusters).toContainEqual({
      id: clusterCellId(clusterCellOf(1.9, 43.2, 9)),
      stations: 1,
      stationId: lone,
      terminals: 2,
      available: 0,
      doubtful: 1,
    });
    await connection.execute(`update stations set retired_at = now() where id = ?`, [lone]);
  });

  it('puts every station in the cluster of the cell the web app computes for it, once', async () => {
    // Random points, and points exactly on cell edges, where rounding would show first.
    const random = createRandom(9);
    const points: [number, number][] = Array.from({ length: 300 }, () => [
      random.between(-5, 8),
      random.between(42, 51),
    ]);
    for (const z of [4, 7, 10]) {
      const cells = 2 ** z * 16;
      for (let i = 0; i < 20; i++) {
        const { cx, cy } = clusterCellOf(random.between(-4, 7), random.between(43, 50), z);
        const edgeLon = (cx / cells) * 360 - 180;
        const edgeLat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * cy) / cells))) * 180) / Math.PI;
        points.push([edgeLon, random.between(43, 50)], [random.between(-4, 7), edgeLat]);
      }
    }
    const stations: GeneratedStation[] = points.map(([lon, lat], index) => ({
      irveId: `FR*GRD*P${index}`,
      name: `Grid ${index}`,
      operator: 'Op',
      brand: 'Brand',
      address: 'Somewhere',
      inseeCode: '31555',
      lon,
      lat,
      implantation: 'Voirie',
      openingHours: '24/7',
      pmrAccessibility: 'Accessibilité inconnue',
      accessCondition: 'Accès libre',
      pricing: null,
      free: false,
      terminals: [
        { pdcId: `FR*GRD*E${index}`, powerKw: 22, plugs: ['TYPE_2'], status: 'AVAILABLE' },
      ],
    }));
    await writeStations(hub.orm.em.fork(), stations);
    const all = await hub.orm.em
      .fork()
      .getConnection()
      .execute<{ lon: number; lat: number }[]>(
        `select st_x(location) as lon, st_y(location) as lat from stations where retired_at is null`,
      );

    for (const z of [4, 7, 10]) {
      const expected = new Map<number, number>();
      const tiles = new Set<string>();
      for (const { lon, lat } of all) {
        const cell = clusterCellOf(lon, lat, z);
        const id = clusterCellId(cell);
        expected.set(id, (expected.get(id) ?? 0) + 1);
        tiles.add(
          `/tiles/stations/${z}/${Math.floor(cell.cx / 16)}/${Math.floor(cell.cy / 16)}.mvt`,
        );
      }
      const served = new Map<number, number>();
      for (const path of tiles) {
        for (const { id, stations } of decodeMvt((await getTile(hub, path)).body as Buffer)
          .clusters) {
          expect(served.has(id as number)).toBe(false);
          served.set(id as number, stations as number);
        }
      }
      expect(served).toEqual(expected);
    }
  });

  it('answers an empty tile far from any station, and 400 to a tile that cannot exist', async () => {
    const response = await getTile(hub, tileOf(-70, -40, 12)).expect(200);
    expect((response.body as Buffer).length).toBe(0);
    await request(hub.url).get('/tiles/stations/3/8/0.mvt').expect(400);
    await request(hub.url).get('/tiles/stations/23/0/0.mvt').expect(400);
  });

  it('answers 304 to a matching ETag and a new tile once a status in it changes', async () => {
    const path = tileOf(1.44, 43.6, 13);
    const first = await getTile(hub, path).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    await getTile(hub, path, etag).expect(304);
    const neighbour = tileOf(1.44, 43.6 + 0.2, 13);
    const untouched = (await getTile(hub, neighbour).expect(200)).headers.etag as string;

    // A status change as the recorder writes it: database first, then the live event.
    await hub.orm.em
      .fork()
      .getConnection()
      .execute(`update terminals set status = 'AVAILABLE' where station_id = ?`, [stationId]);
    hub.app.get(LiveEvents).publish('terminal.status', {
      terminalId: '00000000-0000-4000-8000-000000000000',
      stationId,
      status: 'AVAILABLE',
      source: 'SUPPORT',
      confirmedAt: new Date().toISOString(),
      lon: 1.44,
      lat: 43.6,
      station: { available: 3, total: 3, doubtful: 0 },
    });
    const after = await eventually(async () => {
      const response = await getTile(hub, path, etag);
      expect(response.status).toBe(200);
      return response;
    });
    const { stations } = decodeMvt(after.body as Buffer);
    expect(stations.find((s) => s.id === stationId)).toMatchObject({ available: 3, total: 3 });
    await getTile(hub, neighbour, untouched).expect(304);
  });
});
