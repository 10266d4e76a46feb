import {
  tileCoordinates,
  type AdminStationPage,
  type AdminStationView,
  type StationFeatureCollection,
  type StationView,
} from '@wattsup/contracts';
import request from 'supertest';
import { registeredDriver } from './support/http';
import { adminSession, eventually, liveEvents } from './support/ocpp';
import { onlineCharger, quickDriver } from './support/reservations';
import { startTestApp, type TestApp } from './support/test-app';

/** In Albi: no other station of these tests is near. */
const ALBI = { lon: 2.1486, lat: 43.9289 };
const { fx, fy } = tileCoordinates(ALBI.lon, ALBI.lat, 14);
/** The z14 tile holding ALBI. */
const ALBI_TILE = `/tiles/stations/14/${Math.floor(fx)}/${Math.floor(fy)}.mvt`;

describe('admin: stations and charge points', () => {
  let hub: TestApp;
  let admin: Awaited<ReturnType<typeof adminSession>>;
  const sql = <T>(query: string, params: unknown[] = []) =>
    hub.orm.em.fork().getConnection().execute<T[]>(query, params);

  const newStation = (suffix: string, extra: object = {}) => ({
    name: `Parking ${suffix}`,
    operator: 'Watts Up Ops',
    address: `1 place ${suffix}, 81000 Albi`,
    inseeCode: '81004',
    ...ALBI,
    implantation: 'Parking public',
    free: false,
    terminals: [
      { pdcId: `FR*WUT*E${suffix}1`, powerKw: 22, plugs: ['TYPE_2'] },
      { pdcId: `FR*WUT*E${suffix}2`, powerKw: 150, plugs: ['CCS_COMBO', 'CHADEMO'] },
    ],
    ...extra,
  });

  async function created(suffix: string, extra: object = {}): Promise<AdminStationView> {
    const response = await admin
      .post('/api/v1/admin/stations')
      .send(newStation(suffix, extra))
      .expect(201);
    return response.body as AdminStationView;
  }

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await adminSession(hub);
  });

  afterAll(async () => {
    await hub.close();
  });

  it('creates a station the driver map, its tiles and the live socket show at once', async () => {
    const tileBefore = await request(hub.url).get(ALBI_TILE).expect(200);
    const live = liveEvents(hub);

    const station = await created('A');

    expect(station).toMatchObject({
      name: 'Parking A',
      irveId: expect.stringMatching(/^FR\*WUP\*P[0-9A-F]{12}$/),
      origin: 'HUB',
      retiredAt: null,
      lon: ALBI.lon,
      lat: ALBI.lat,
      terminals: [
        { pdcId: 'FR*WUT*EA1', powerKw: 22, plugs: ['TYPE_2'], status: 'UNKNOWN', retiredAt: null },
        { pdcId: 'FR*WUT*EA2', powerKw: 150, plugs: ['CCS_COMBO', 'CHADEMO'] },
      ],
    });
    const frame = await live.next(
      (f) => f.type === 'terminal.status' && f.data.stationId === station.id,
    );
    expect(frame.data).toMatchObject({
      lon: ALBI.lon,
      lat: ALBI.lat,
      station: { total: 2, available: 0, doubtful: 2 },
    });
    live.stop();

    const bbox = await request(hub.url).get('/api/v1/stations?bbox=2.1,43.9,2.2,44.0').expect(200);
    const features = (bbox.body as StationFeatureCollection).features;
    expect(features.map((feature) => feature.id)).toContain(station.id);
    const detail = await request(hub.url).get(`/api/v1/stations/${station.id}`).expect(200);
    expect((detail.body as StationView).maxPowerKw).toBe(150);
    // The empty tile cached before was dropped: the next one is drawn again, with the station.
    const tileAfter = await request(hub.url).get(ALBI_TILE).expect(200);
    expect(tileAfter.headers.etag).not.toBe(tileBefore.headers.etag);
  });

  it('refuses what the contract refuses with 400, naming the field', async () => {
    const noTerminals = await admin
      .post('/api/v1/admin/stations')
      .send(newStation('B', { terminals: [] }))
      .expect(400);
    expect(noTerminals.body.issues[0].path).toBe('terminals');
    const offTheGlobe = await admin
      .post('/api/v1/admin/stations')
      .send(newStation('B', { lat: 91 }))
      .expect(400);
    expect(offTheGlobe.body.message).toMatch(/^lat:/);
    const twice = await admin
      .post('/api/v1/admin/stations')
      .send(
        newStation('B', {
          terminals: [
            { pdcId: 'FR*WUT*EB1', powerKw: 22, plugs: ['TYPE_2'] },
            { pdcId: 'fr*wut*eb1', powerKw: 22, plugs: ['TYPE_2'] },
          ],
        }),
      )
      .expect(400);
    expect(twice.body.message).toContain('same PDC id');
  });

  it('answers 409 for a PDC id or an IRVE id already taken, retired ones included', async () => {
    const first = await created('C', { irveId: 'FR*WUT*PC' });
    const samePdc = await admin
      .post('/api/v1/admin/stations')
      .send(newStation('D', { terminals: [{ pdcId: 'FR*WUT*EC1', powerKw: 7, plugs: ['OTHER'] }] }))
      .expect(409);
    expect(samePdc.body.message).toBe(
      'PDC id FR*WUT*EC1 is already used by a charge point of station Parking C.',
    );
    const sameIrve = await admin
      .post('/api/v1/admin/stations')
      .send(newStation('D', { irveId: 'fr*wut*pc' }))
      .expect(409);
    expect(sameIrve.body.message).toBe('IRVE id FR*WUT*PC is already the id of station Parking C.');

    await admin
      .post(`/api/v1/admin/stations/${first.id}/terminals/${first.terminals[0].id}/retire`)
      .expect(200);
    const retiredPdc = await admin
      .post(`/api/v1/admin/stations/${first.id}/terminals`)
      .send({ pdcId: 'FR*WUT*EC1', powerKw: 11, plugs: ['TYPE_2'] })
      .expect(409);
    expect(retiredPdc.body.message).toContain('a retired charge point of station Parking C');
  });

  it('edits and moves a station, and the maps at both places hear of it', async () => {
    const station = await created('E');
    const live = liveEvents(hub);
    const moved = await admin
      .patch(`/api/v1/admin/stations/${station.id}`)
      .send({ name: 'Parking E (level -1)', lon: 2.16, lat: 43.93, pricing: '0,35 €/kWh' })
      .expect(200);
    expect(moved.body).toMatchObject({
      name: 'Parking E (level -1)',
      lon: 2.16,
      lat: 43.93,
      pricing: '0,35 €/kWh',
      operator: 'Watts Up Ops',
    });
    await eventually(async () => {
      const places = live.frames
        .filter((f) => f.type === 'terminal.status' && f.data.stationId === station.id)
        .map((f) => (f.type === 'terminal.status' ? [f.data.lon, f.data.lat] : null));
      expect(places).toEqual(
        expect.arrayContaining([
          [ALBI.lon, ALBI.lat],
          [2.16, 43.93],
        ]),
      );
    });
    live.stop();
    const [row] = await sql<{ lon: number }>(
      'select st_x(location) as lon from stations where id = ?',
      [station.id],
    );
    expect(row.lon).toBe(2.16);

    const half = await admin
      .patch(`/api/v1/admin/stations/${station.id}`)
      .send({ lon: 2.2 })
      .expect(400);
    expect(half.body.message).toContain('both lon and lat');
    await admin
      .patch('/api/v1/admin/stations/00000000-0000-4000-8000-000000000000')
      .send({ name: 'Nowhere' })
      .expect(404);
  });

  it('adds, edits and retires charge points', async () => {
    const station = await created('F');
    const added = await admin
      .post(`/api/v1/admin/stations/${station.id}/terminals`)
      .send({ pdcId: 'FR*WUT*EF3', powerKw: 50, plugs: ['CHADEMO'] })
      .expect(201);
    expect((added.body as AdminStationView).terminals).toHaveLength(3);
    const [first] = station.terminals;
    const edited = await admin
      .patch(`/api/v1/admin/stations/${station.id}/terminals/${first.id}`)
      .send({ powerKw: 43, plugs: ['TYPE_2', 'OTHER'] })
      .expect(200);
    expect((edited.body as AdminStationView).terminals[0]).toMatchObject({
      pdcId: 'FR*WUT*EF1',
      powerKw: 43,
      plugs: ['TYPE_2', 'OTHER'],
    });
    const retired = await admin
      .post(`/api/v1/admin/stations/${station.id}/terminals/${first.id}/retire`)
      .expect(200);
    const terminals = (retired.body as AdminStationView).terminals;
    // Live ones first, the retired one kept at the end.
    expect(terminals.map((t) => [t.pdcId, t.retiredAt !== null])).toEqual([
      ['FR*WUT*EF2', false],
      ['FR*WUT*EF3', false],
      ['FR*WUT*EF1', true],
    ]);
    const detail = await request(hub.url).get(`/api/v1/stations/${station.id}`).expect(200);
    expect((detail.body as StationView).terminals).toHaveLength(2);
    await admin
      .patch(`/api/v1/admin/stations/${station.id}/terminals/${first.id}`)
      .send({ powerKw: 11 })
      .expect(404);
  });

  it('retires a station, keeping its rows and history, and hides it from drivers', async () => {
    const station = await created('G');
    const [{ count: historyBefore }] = await sql<{ count: number }>(
      `select count(*)::int as count from terminal_status_history h
       join terminals t on t.id = h.terminal_id where t.station_id = ?`,
      [station.id],
    );
    const retired = await admin.post(`/api/v1/admin/stations/${station.id}/retire`).expect(200);
    expect((retired.body as AdminStationView).retiredAt).not.toBeNull();
    expect((retired.body as AdminStationView).terminals.every((t) => t.retiredAt)).toBe(true);
    await request(hub.url).get(`/api/v1/stations/${station.id}`).expect(404);
    const [{ count: historyAfter }] = await sql<{ count: number }>(
      `select count(*)::int as count from terminal_status_history h
       join terminals t on t.id = h.terminal_id where t.station_id = ?`,
      [station.id],
    );
    expect(historyAfter).toBe(historyBefore);
    const edit = await admin
      .patch(`/api/v1/admin/stations/${station.id}`)
      .send({ name: 'Again' })
      .expect(409);
    expect(edit.body.message).toBe('This station is retired: it can no longer be changed.');

    const list = await admin.get('/api/v1/admin/stations?q=parking%20g&retired=true').expect(200);
    expect((list.body as AdminStationPage).stations.map((s) => s.id)).toEqual([station.id]);
    const live = await admin.get('/api/v1/admin/stations?q=parking%20g').expect(200);
    expect((live.body as AdminStationPage).total).toBe(0);
  });

  it('will not retire a charge point or its station while a reservation holds it', async () => {
    const charger = await onlineCharger(hub, admin, {
      identity: 'ADM-RET',
      protocol: 'ocpp1.6',
      terminals: 2,
    });
    try {
      const driver = await quickDriver(hub);
      await driver.post('/api/v1/reservations', { terminalId: charger.terminalIds[0] }).expect(201);
      const station = await admin.get(`/api/v1/admin/stations/${charger.stationId}`).expect(200);
      const held = (station.body as AdminStationView).terminals[0];
      expect(held.liveReservation).toMatchObject({ status: 'ACTIVE' });
      expect(held.chargerIdentity).toBe('ADM-RET');

      const refused = await admin
        .post(`/api/v1/admin/stations/${charger.stationId}/terminals/${held.id}/retire`)
        .expect(409);
      expect(refused.body.message).toBe(
        `Charge point ${held.pdcId} has a live reservation (ACTIVE). Cancel it, or wait for it to end, before retiring.`,
      );
      await admin.post(`/api/v1/admin/stations/${charger.stationId}/retire`).expect(409);
      const [{ retired }] = await sql<{ retired: number }>(
        'select count(*)::int as retired from terminals where station_id = ? and retired_at is not null',
        [charger.stationId],
      );
      expect(retired).toBe(0);

      // The free one goes, and lets go of its connector.
      await admin
        .post(
          `/api/v1/admin/stations/${charger.stationId}/terminals/${charger.terminalIds[1]}/retire`,
        )
        .expect(200);
      const [binding] = await sql<{ charger_id: string | null }>(
        'select charger_id from terminals where id = ?',
        [charger.terminalIds[1]],
      );
      expect(binding.charger_id).toBeNull();
    } finally {
      await charger.client.close({ force: true });
    }
  });

  it('is for admins only', async () => {
    const { agent } = await registeredDriver(hub.url);
    await agent.get('/api/v1/admin/stations').expect(403);
    await agent.post('/api/v1/admin/stations').send(newStation('H')).expect(403);
    await request(hub.url).get('/api/v1/admin/stations').expect(401);
  });
});
