import request from 'supertest';
import { writeStations } from '../src/seed/station-writer';
import type { GeneratedStation } from '../src/seed/station-generator';
import { startTestApp, type TestApp } from './support/test-app';

/** A small hand-made network around Toulouse's Capitole (1.4442, 43.6047). */
function station(
  irveId: string,
  lon: number,
  lat: number,
  terminals: GeneratedStation['terminals'],
): GeneratedStation {
  return {
    irveId,
    name: `Station ${irveId}`,
    operator: 'Op',
    brand: 'Brand',
    address: '1 place du Capitole, 31000 Toulouse',
    inseeCode: '31555',
    lon,
    lat,
    implantation: 'Voirie',
    openingHours: '24/7',
    pmrAccessibility: 'Accessibilité inconnue',
    accessCondition: 'Accès libre',
    pricing: null,
    free: true,
    terminals,
  };
}

const NETWORK = [
  // ~150 m east of the Capitole: slow, all busy.
  station('FR*T*PNEAR', 1.4461, 43.6047, [
    { pdcId: 'FR*T*ENEAR1', powerKw: 22, plugs: ['TYPE_2'], status: 'OCCUPIED' },
    { pdcId: 'FR*T*ENEAR2', powerKw: 22, plugs: ['TYPE_2'], status: 'OCCUPIED' },
  ]),
  // ~1.1 km north: fast CCS, one free.
  station('FR*T*PFAST', 1.4442, 43.6147, [
    { pdcId: 'FR*T*EFAST1', powerKw: 150, plugs: ['CCS_COMBO'], status: 'AVAILABLE' },
    { pdcId: 'FR*T*EFAST2', powerKw: 150, plugs: ['CCS_COMBO'], status: 'FAULTED' },
  ]),
  // ~3.3 km west: slow, free Type 2 and domestic plug.
  station('FR*T*PFAR', 1.4032, 43.6047, [
    { pdcId: 'FR*T*EFAR1', powerKw: 7.4, plugs: ['TYPE_2', 'DOMESTIC_EF'], status: 'AVAILABLE' },
  ]),
  // Lyon: far away.
  station('FR*T*PLYON', 4.8357, 45.764, [
    { pdcId: 'FR*T*ELYON1', powerKw: 50, plugs: ['CHADEMO'], status: 'AVAILABLE' },
  ]),
];

describe('station API', () => {
  let hub: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestApp();
    const em = hub.orm.em.fork();
    await writeStations(em, NETWORK);
    const rows = await em
      .getConnection()
      .execute<{ id: string; irve_id: string }[]>('select id, irve_id from stations');
    ids = Object.fromEntries(rows.map((row) => [row.irve_id, row.id]));
  });
  afterAll(() => hub.close());

  const capitole = { lat: 43.6047, lon: 1.4442 };

  describe('GET /stations?bbox=', () => {
    it('returns the stations in the box as GeoJSON with their availability', async () => {
      const response = await request(hub.url)
        .get('/api/v1/stations?bbox=1.3,43.5,1.5,43.7')
        .expect(200);
      expect(response.body.type).toBe('FeatureCollection');
      expect(response.body.truncated).toBe(false);
      const byId = Object.fromEntries(
        response.body.features.map((f: { id: string; properties: unknown }) => [f.id, f]),
      );
      expect(Object.keys(byId).sort()).toEqual(
        [ids['FR*T*PNEAR'], ids['FR*T*PFAST'], ids['FR*T*PFAR']].sort(),
      );
      expect(byId[ids['FR*T*PFAST']]).toMatchObject({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [1.4442, 43.6147] },
        properties: { available: 1, total: 2, maxPowerKw: 150, plugs: ['CCS_COMBO'] },
      });
      expect(byId[ids['FR*T*PFAR']].properties.plugs).toEqual(['DOMESTIC_EF', 'TYPE_2']);
    });

    it('says when the limit truncated the answer', async () => {
      const response = await request(hub.url)
        .get('/api/v1/stations?bbox=1.3,43.5,1.5,43.7&limit=2')
        .expect(200);
      expect(response.body.features).toHaveLength(2);
      expect(response.body.truncated).toBe(true);
    });

    it.each([
      ['', 'bbox is required'],
      ['?bbox=1,2,3', 'four numbers'],
      ['?bbox=a,b,c,d', 'four numbers'],
      ['?bbox=1.5,43.5,1.3,43.7', 'smaller than'],
      ['?bbox=1,95,2,96', 'outside WGS84'],
    ])('refuses a malformed bbox %j with a clear 400', async (query, message) => {
      const response = await request(hub.url).get(`/api/v1/stations${query}`).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.message).toContain(message);
    });
  });

  describe('GET /stations/nearest', () => {
    const nearest = (query: string) =>
      request(hub.url)
        .get(`/api/v1/stations/nearest?lat=${capitole.lat}&lon=${capitole.lon}${query}`)
        .expect(200);

    it('orders by true distance and gives it in metres', async () => {
      const response = await nearest('&limit=4&maxDistanceKm=1000');
      expect(response.body.map((s: { id: string }) => s.id)).toEqual([
        ids['FR*T*PNEAR'],
        ids['FR*T*PFAST'],
        ids['FR*T*PFAR'],
        ids['FR*T*PLYON'],
      ]);
      const [near, fast] = response.body;
      expect(near.distanceM).toBeGreaterThan(130);
      expect(near.distanceM).toBeLessThan(170);
      expect(fast.distanceM).toBeGreaterThan(1080);
      expect(fast.distanceM).toBeLessThan(1140);
      expect(near.availability).toEqual({ available: 0, total: 2 });
    });

    it('filters on available terminals', async () => {
      const response = await nearest('&available=true&limit=2');
      expect(response.body.map((s: { id: string }) => s.id)).toEqual([
        ids['FR*T*PFAST'],
        ids['FR*T*PFAR'],
      ]);
    });

    it('looks no further than maxDistanceKm, 100 km by default', async () => {
      expect((await nearest('&limit=10')).body).toHaveLength(3);
      expect((await nearest('&maxDistanceKm=2')).body.map((s: { id: string }) => s.id)).toEqual([
        ids['FR*T*PNEAR'],
        ids['FR*T*PFAST'],
      ]);
    });

    it('filters on power and plug', async () => {
      expect(
        (await nearest('&minPowerKw=50&maxDistanceKm=1000')).body.map((s: { id: string }) => s.id),
      ).toEqual([ids['FR*T*PFAST'], ids['FR*T*PLYON']]);
      // Between two power classes: the exact terminal check decides.
      expect((await nearest('&minPowerKw=151&maxDistanceKm=1000')).body).toEqual([]);
      expect((await nearest('&plug=CHADEMO&minPowerKw=100&maxDistanceKm=1000')).body).toEqual([]);
      expect((await nearest('&plug=DOMESTIC_EF')).body.map((s: { id: string }) => s.id)).toEqual([
        ids['FR*T*PFAR'],
      ]);
    });

    it('keeps what each area offers in step with terminals and stations', async () => {
      const sql = (query: string, params: unknown[] = []) =>
        hub.orm.em.fork().getConnection().execute(query, params);
      const chademo = async (maxKm: number) =>
        (await nearest(`&plug=CHADEMO&maxDistanceKm=${maxKm}`)).body.map(
          (s: { id: string }) => s.id,
        );
      // Only Lyon, 360 km away, has CHAdeMO: nothing within 100 km, Lyon within 1000 km.
      expect(await chademo(100)).toEqual([]);
      expect(await chademo(1000)).toEqual([ids['FR*T*PLYON']]);

      await sql(
        `insert into terminals (id, station_id, pdc_id, power_kw, plugs, status)
         values (gen_random_uuid(), ?, 'FR*T*EFARCHA', 50, '{CHADEMO}', 'AVAILABLE')`,
        [ids['FR*T*PFAR']],
      );
      expect(await chademo(100)).toEqual([ids['FR*T*PFAR']]);
      await sql(`update terminals set retired_at = now() where pdc_id = 'FR*T*EFARCHA'`);
      expect(await chademo(100)).toEqual([]);

      // A station that moves takes its offer along.
      await sql(
        `update stations set location = st_setsrid(st_makepoint(1.45, 43.61), 4326) where id = ?`,
        [ids['FR*T*PLYON']],
      );
      expect(await chademo(100)).toEqual([ids['FR*T*PLYON']]);
      await sql(
        `update stations set location = st_setsrid(st_makepoint(4.8357, 45.764), 4326) where id = ?`,
        [ids['FR*T*PLYON']],
      );
      expect(await chademo(100)).toEqual([]);
    });

    it('refuses bad coordinates and unknown plugs', async () => {
      const response = await request(hub.url)
        .get('/api/v1/stations/nearest?lat=91&lon=1&plug=USB')
        .expect(400);
      expect(response.body.message).toMatch(/lat/);
      expect(response.body.message).toMatch(/plug/);
    });
  });

  describe('GET /stations/{id}', () => {
    it('groups terminals as power · plug · available/total', async () => {
      const response = await request(hub.url)
        .get(`/api/v1/stations/${ids['FR*T*PFAST']}`)
        .expect(200);
      expect(response.body).toMatchObject({
        irveId: 'FR*T*PFAST',
        address: '1 place du Capitole, 31000 Toulouse',
        free: true,
        availability: { available: 1, total: 2 },
        maxPowerKw: 150,
        groups: [{ label: '150 kW · CCS Combo · 1/2', available: 1, total: 2 }],
      });
      expect(response.body.terminals.map((t: { status: string }) => t.status)).toEqual([
        'AVAILABLE',
        'FAULTED',
      ]);
      expect(response.body.terminals[0].statusConfirmedAt).toEqual(expect.any(String));
    });

    it('is 404 for an unknown id and 400 for a non-UUID', async () => {
      const missing = await request(hub.url)
        .get('/api/v1/stations/7f0e4a0e-4a43-4e3b-9f5a-1a2b3c4d5e6f')
        .expect(404);
      expect(missing.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'No station with this id.',
      });
      await request(hub.url).get('/api/v1/stations/42').expect(400);
    });
  });

  it('follows live status: a terminal becoming available makes its station match available=true', async () => {
    const em = hub.orm.em.fork();
    await em
      .getConnection()
      .execute(`update terminals set status = 'AVAILABLE' where pdc_id = 'FR*T*ENEAR2'`);
    const response = await request(hub.url)
      .get(
        `/api/v1/stations/nearest?lat=${capitole.lat}&lon=${capitole.lon}&available=true&limit=1`,
      )
      .expect(200);
    expect(response.body.map((s: { id: string }) => s.id)).toEqual([ids['FR*T*PNEAR']]);
    await em
      .getConnection()
      .execute(`update terminals set status = 'OCCUPIED' where pdc_id = 'FR*T*ENEAR2'`);
  });

  it('seeding the same stations twice changes nothing', async () => {
    const counts = await writeStations(hub.orm.em.fork(), NETWORK);
    expect(counts).toEqual({ stations: 0, terminals: 0 });
  });
});
