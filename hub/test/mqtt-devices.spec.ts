import { randomBytes, randomUUID } from 'node:crypto';
import { topics } from '@wattsup/contracts';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import request from 'supertest';
import { BROKER_ACCOUNTS, freePort, metric, startOurBroker, type TestBroker } from './mqtt.helpers';
import { registeredDriver } from './support/http';
import { adminSession, eventually, liveEvents, stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

const AUTH_TOKEN = randomBytes(24).toString('base64url');
const AUTH_PATH = '/api/v1/internal/mqtt/authenticate';

/** Devices log in to our broker with the credentials the hub issued them. */
describe('devices on our broker with hub-issued credentials', () => {
  const run = randomBytes(3).toString('hex');
  const identity = `DEV-${run}`;
  let brokerUrl: string;
  let broker: TestBroker;
  let hub: TestApp;
  let terminalIds: string[];
  let stationId: string;
  let chargerPassword: string;
  let ocppPassword: string;
  let driver: Awaited<ReturnType<typeof registeredDriver>>;
  let vehicle: { id: string; mqttPassword: string };
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    const port = await freePort();
    brokerUrl = `mqtt://127.0.0.1:${port}`;
    const { hub: account } = BROKER_ACCOUNTS;
    hub = await startTestApp({
      MQTT_URL: `mqtt://${account.username}:${account.password}@127.0.0.1:${port}`,
      MQTT_AUTH_TOKEN: AUTH_TOKEN,
    });
    broker = await startOurBroker({
      port,
      env: { BROKER_AUTH_URL: `${hub.url}${AUTH_PATH}`, BROKER_AUTH_TOKEN: AUTH_TOKEN },
    });
    const admin = await adminSession(hub);
    const station = await stationWithTerminals(hub, `FR*D${run}*P1`, 1);
    terminalIds = station.terminalIds;
    stationId = station.stationId;
    chargerPassword = (
      await admin
        .post('/api/v1/admin/chargers')
        .send({ identity, protocol: 'mqtt', stationId: station.stationId })
        .expect(201)
    ).body.password;
    ocppPassword = (
      await admin
        .post('/api/v1/admin/chargers')
        .send({ identity: `OCPP-${run}`, protocol: 'ocpp1.6' })
        .expect(201)
    ).body.password;
    driver = await registeredDriver(hub.url);
    vehicle = (
      await driver.agent.post('/api/v1/vehicles').send({ name: 'Car', batteryKwh: 40 }).expect(201)
    ).body;
    await eventually(async () => {
      const health = await request(hub.url).get('/health').expect(200);
      expect(health.body.checks.mqtt).toBe('connected');
    }, 10_000);
  }, 60_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });

  afterAll(async () => {
    await hub?.close();
    await broker?.stop();
  });

  function connect(options: IClientOptions) {
    const client = mqtt.connect(brokerUrl, {
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...options,
    });
    clients.push(client);
    return client;
  }

  async function connected(username: string, password: string) {
    const client = connect({ username, password, clientId: username });
    await new Promise((resolve, reject) => {
      client.once('connect', resolve);
      client.once('error', reject);
    });
    return client;
  }

  /** The CONNACK return code, 0 when accepted. */
  function connack(options: IClientOptions): Promise<number> {
    const client = connect(options);
    return new Promise((resolve) => {
      client.once('connect', () => resolve(0));
      client.once('error', (error) => resolve((error as { code?: number }).code ?? -1));
    });
  }

  it('lets a vehicle publish its telemetry, which the API then shows', async () => {
    const car = await connected(vehicle.id, vehicle.mqttPassword);
    const ts = new Date(Date.now() - 1000).toISOString();
    await car.publishAsync(
      topics.vehicleTelemetry(vehicle.id),
      JSON.stringify({
        ts,
        lat: 45.76,
        lon: 4.84,
        socPct: 81.5,
        pluggedIn: true,
        charging: true,
        odometerKm: 2345.6,
        terminalId: terminalIds[0],
      }),
      { qos: 1 },
    );
    await eventually(async () => {
      const view = await driver.agent.get(`/api/v1/vehicles/${vehicle.id}`).expect(200);
      expect(view.body.state).toEqual({
        at: ts,
        lon: 4.84,
        lat: 45.76,
        socPct: 81.5,
        pluggedIn: true,
        charging: true,
        odometerKm: 2345.6,
      });
    });
  });

  it('lets an MQTT charger publish its status, which reaches the live stream and the station', async () => {
    const charger = await connected(identity, chargerPassword);
    const live = liveEvents(hub);
    await charger.publishAsync(
      topics.connectorStatus(identity, 1),
      JSON.stringify({
        status: 'Faulted',
        errorCode: 'GroundFailure',
        ts: new Date().toISOString(),
      }),
      { qos: 1 },
    );
    const frame = await live.next(
      (f) => f.type === 'terminal.status' && f.data.terminalId === terminalIds[0],
    );
    live.stop();
    expect(frame.data).toMatchObject({ status: 'FAULTED', source: 'MQTT' });
    const station = await request(hub.url).get(`/api/v1/stations/${stationId}`).expect(200);
    expect(station.body.terminals[0]).toMatchObject({ status: 'FAULTED', statusSource: 'MQTT' });
  });

  it.each([
    [
      'a wrong password',
      4,
      () => ({ username: vehicle.id, password: 'wrong', clientId: vehicle.id }),
    ],
    [
      'an unknown device',
      4,
      () => ({ username: `GHOST-${run}`, password: 'x', clientId: `GHOST-${run}` }),
    ],
    [
      'an OCPP charger on MQTT',
      4,
      () => ({ username: `OCPP-${run}`, password: ocppPassword, clientId: `OCPP-${run}` }),
    ],
    [
      'a device using another client id',
      2,
      () => ({ username: vehicle.id, password: vehicle.mqttPassword, clientId: randomUUID() }),
    ],
    ['an anonymous client', 5, () => ({ clientId: `anon-${run}` })],
  ])('refuses %s (CONNACK %i)', async (_case, code, options) => {
    await expect(connack(options())).resolves.toBe(code);
  });

  it("closes a vehicle's connection when it publishes on another vehicle's topic; nothing is stored", async () => {
    const car = await connected(vehicle.id, vehicle.mqttPassword);
    const victim = randomUUID();
    const closed = new Promise<void>((resolve) => car.once('close', () => resolve()));
    car.publish(
      topics.vehicleTelemetry(victim),
      JSON.stringify({
        ts: new Date().toISOString(),
        lat: 0,
        lon: 0,
        socPct: 1,
        pluggedIn: false,
        charging: false,
        odometerKm: 0,
      }),
      { qos: 1 },
    );
    await closed;
    expect(
      await metric(hub.url, 'wattsup_mqtt_rejected_messages_total', { reason: 'unknown-vehicle' }),
    ).toBe(0);
  });

  it('refuses the old password once the owner replaces it', async () => {
    const renewed = await driver.agent
      .post(`/api/v1/vehicles/${vehicle.id}/mqtt-credentials`)
      .expect(200);
    await expect(
      connack({ username: vehicle.id, password: vehicle.mqttPassword, clientId: vehicle.id }),
    ).resolves.toBe(4);
    await expect(
      connack({ username: vehicle.id, password: renewed.body.mqttPassword, clientId: vehicle.id }),
    ).resolves.toBe(0);
  });

  it('answers the broker only: its token, or 401', async () => {
    const body = { username: vehicle.id, password: 'x' };
    await request(hub.url).post(AUTH_PATH).send(body).expect(401);
    await request(hub.url)
      .post(AUTH_PATH)
      .set('authorization', 'Bearer wrong')
      .send(body)
      .expect(401);
    const answer = await request(hub.url)
      .post(AUTH_PATH)
      .set('authorization', `Bearer ${AUTH_TOKEN}`)
      .send(body)
      .expect(200);
    expect(answer.body).toEqual({ allowed: false });
  });
});
