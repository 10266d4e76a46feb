import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TelemetryRetention } from '../src/vehicles/telemetry-retention';
import { registeredDriver } from './support/http';
import { adminSession } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

describe('vehicles API', () => {
  let hub: TestApp;
  let owner: Awaited<ReturnType<typeof registeredDriver>>;
  let other: Awaited<ReturnType<typeof registeredDriver>>;
  let admin: Awaited<ReturnType<typeof adminSession>>;
  let vehicleId: string;
  const sql = <T>(query: string, params: unknown[] = []) =>
    hub.orm.em.fork().getConnection().execute<T[]>(query, params);
  const sample = (ts: string, lon: number, lat: number) =>
    sql(
      `insert into vehicle_telemetry (vehicle_id, ts, location, soc_pct, plugged_in, charging, odometer_km)
       values (?, ?, st_setsrid(st_makepoint(?, ?), 4326), 50, false, false, 100)`,
      [vehicleId, ts, lon, lat],
    );

  beforeAll(async () => {
    hub = await startTestApp({ TELEMETRY_RETENTION_DAYS: '30' });
    owner = await registeredDriver(hub.url);
    other = await registeredDriver(hub.url);
    admin = await adminSession(hub);
  });

  afterAll(() => hub.close());

  it('creates a vehicle with MQTT credentials shown once, stored hashed', async () => {
    const created = await owner.agent
      .post('/api/v1/vehicles')
      .send({ name: 'Megane E-Tech', batteryKwh: 60, plugs: ['TYPE_2', 'CCS_COMBO'] })
      .expect(201);
    vehicleId = created.body.id;
    expect(created.body).toMatchObject({
      ownerId: owner.user.id,
      name: 'Megane E-Tech',
      batteryKwh: 60,
      plugs: ['TYPE_2', 'CCS_COMBO'],
      mqtt: {
        username: vehicleId,
        clientId: vehicleId,
        telemetryTopic: `wattsup/v1/vehicles/${vehicleId}/telemetry`,
      },
      state: null,
    });
    expect(created.body.mqttPassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const [row] = await sql<{ mqtt_password_hash: string }>(
      'select mqtt_password_hash from vehicles where id = ?',
      [vehicleId],
    );
    expect(row.mqtt_password_hash).toMatch(/^sha256\$/);
    expect(row.mqtt_password_hash).not.toContain(created.body.mqttPassword);

    const view = await owner.agent.get(`/api/v1/vehicles/${vehicleId}`).expect(200);
    expect(view.body).not.toHaveProperty('mqttPassword');
  });

  it.each([
    [{ name: '', batteryKwh: 50 }, 'name'],
    [{ name: 'Car', batteryKwh: 0 }, 'batteryKwh'],
    [{ name: 'Car', batteryKwh: 50, plugs: ['USB'] }, 'plugs'],
    [{ name: 'Car', batteryKwh: 50, colour: 'red' }, 'colour'],
  ])('refuses %p with a 400 naming %s', async (body, field) => {
    const response = await owner.agent.post('/api/v1/vehicles').send(body).expect(400);
    expect(response.body.message).toContain(field);
  });

  it('lists only my vehicles', async () => {
    const mine = await owner.agent.get('/api/v1/vehicles').expect(200);
    expect(mine.body.map((v: { id: string }) => v.id)).toEqual([vehicleId]);
    const theirs = await other.agent.get('/api/v1/vehicles').expect(200);
    expect(theirs.body).toEqual([]);
  });

  it.each([
    ['the owner', 200, () => owner.agent],
    ['an admin', 200, () => admin],
    ['another driver', 403, () => other.agent],
    ['anyone signed out', 401, () => request(hub.url)],
  ])('a vehicle, its track and its credentials, asked by %s: %i', async (_who, status, agent) => {
    await agent().get(`/api/v1/vehicles/${vehicleId}`).expect(status);
    await agent().get(`/api/v1/vehicles/${vehicleId}/track`).expect(status);
    await agent().post(`/api/v1/vehicles/${vehicleId}/mqtt-credentials`).expect(status);
  });

  it('answers 404 for a vehicle that does not exist and 400 for an id that is no UUID', async () => {
    await owner.agent.get(`/api/v1/vehicles/${randomUUID()}`).expect(404);
    await admin.get(`/api/v1/vehicles/${randomUUID()}/track`).expect(404);
    await owner.agent.get('/api/v1/vehicles/not-a-uuid').expect(400);
  });

  it('gives the track between two times as a GeoJSON LineString, in time order', async () => {
    await sample('2026-11-20T10:02:00Z', 1.46, 43.62);
    await sample('2026-11-20T10:00:00Z', 1.44, 43.6);
    await sample('2026-11-20T10:01:00Z', 1.45, 43.61);
    await sample('2026-11-20T12:00:00Z', 2, 44);

    const track = await owner.agent
      .get(`/api/v1/vehicles/${vehicleId}/track`)
      .query({ from: '2026-11-20T09:00:00Z', to: '2026-11-20T11:00:00Z' })
      .expect(200);

    expect(track.body).toEqual({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [1.44, 43.6],
          [1.45, 43.61],
          [1.46, 43.62],
        ],
      },
      properties: {
        vehicleId,
        from: '2026-11-20T09:00:00.000Z',
        to: '2026-11-20T11:00:00.000Z',
        times: ['2026-11-20T10:00:00.000Z', '2026-11-20T10:01:00.000Z', '2026-11-20T10:02:00.000Z'],
        truncated: false,
      },
    });
  });

  it('learns the real charging speed from the SoC the car reports at a known terminal', async () => {
    const terminalId = randomUUID();
    for (const [minute, soc] of [
      [0, 20],
      [10, 31],
      [20, 41],
      [30, 50],
    ]) {
      await sql(
        `insert into vehicle_telemetry (vehicle_id, ts, location, soc_pct, plugged_in, charging, odometer_km, terminal_id)
         values (?, ?, st_setsrid(st_makepoint(1.44, 43.6), 4326), ?, true, true, 100, ?)`,
        [vehicleId, new Date(Date.UTC(2026, 10, 21, 8, minute)), soc, terminalId],
      );
    }
    const charges = await owner.agent
      .get(`/api/v1/vehicles/${vehicleId}/charges`)
      .query({ from: '2026-11-21T00:00:00Z', to: '2026-11-21T23:59:59Z' })
      .expect(200);
    // A 60 kWh battery gaining 30 % in half an hour: 18 kWh at 36 kW.
    expect(charges.body).toEqual([
      {
        terminalId,
        startedAt: '2026-11-21T08:00:00.000Z',
        endedAt: '2026-11-21T08:30:00.000Z',
        socFrom: 20,
        socTo: 50,
        energyKwh: 18,
        meanPowerKw: 36,
      },
    ]);
    await other.agent.get(`/api/v1/vehicles/${vehicleId}/charges`).expect(403);
  });

  it.each([
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2026-11-20T11:00:00Z', to: '2026-11-20T10:00:00Z' }, 'from must not be after to'],
  ])('refuses the track query %p', async (query, message) => {
    const response = await owner.agent
      .get(`/api/v1/vehicles/${vehicleId}/track`)
      .query(query)
      .expect(400);
    expect(response.body.message).toContain(message);
  });

  it('replaces the MQTT password: a new one, a new hash', async () => {
    const [before] = await sql<{ mqtt_password_hash: string }>(
      'select mqtt_password_hash from vehicles where id = ?',
      [vehicleId],
    );
    const renewed = await owner.agent
      .post(`/api/v1/vehicles/${vehicleId}/mqtt-credentials`)
      .expect(200);
    expect(renewed.body.mqttPassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const [after] = await sql<{ mqtt_password_hash: string }>(
      'select mqtt_password_hash from vehicles where id = ?',
      [vehicleId],
    );
    expect(after.mqtt_password_hash).not.toBe(before.mqtt_password_hash);
  });

  it('deletes telemetry past TELEMETRY_RETENTION_DAYS', async () => {
    await sample(new Date(Date.now() - 31 * 86_400_000).toISOString(), 1, 43);
    await sample(new Date(Date.now() - 29 * 86_400_000).toISOString(), 1, 43);
    const count = async () =>
      (
        await sql<{ n: number }>(
          "select count(*)::int as n from vehicle_telemetry where vehicle_id = ? and ts < now() - interval '20 days'",
          [vehicleId],
        )
      )[0].n;
    expect(await count()).toBe(2);
    await expect(hub.app.get(TelemetryRetention).purge()).resolves.toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(1);
  });
});
