import { randomBytes } from 'node:crypto';
import type { LiveServerFrame, VehicleWithCredentials } from '@wattsup/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import request from 'supertest';
import { accessCookie, type LiveTestClient, sleep, subscribedClient } from './live.helpers';
import { BROKER_ACCOUNTS, freePort, startOurBroker, type TestBroker } from './mqtt.helpers';
import { startSecondHubProcess, type HubProcess } from './support/hub-process';
import { registeredDriver } from './support/http';
import { eventually, liveEvents } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

const AUTH_TOKEN = randomBytes(24).toString('base64url');
/** `registeredDriver`'s password. */
const DRIVER_PASSWORD = 'correct horse battery';

/**
 * A car publishes its telemetry with its own credentials to our broker; instance A writes it,
 * and `vehicle.updated` reaches its owner's sockets on A and on a second hub process (over the
 * Redis bridge), and nobody else's.
 */
describe('vehicle.updated on /live', () => {
  let broker: TestBroker;
  let a: TestApp;
  let b: HubProcess;
  let vehicle: VehicleWithCredentials;
  let car: MqttClient;
  const sockets: LiveTestClient[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const { hub: account } = BROKER_ACCOUNTS;
    a = await startTestApp({
      MQTT_URL: `mqtt://${account.username}:${account.password}@127.0.0.1:${port}`,
      MQTT_AUTH_TOKEN: AUTH_TOKEN,
      // Long enough for a burst of samples to share one batch.
      TELEMETRY_FLUSH_MS: '400',
    });
    broker = await startOurBroker({
      port,
      env: {
        BROKER_AUTH_URL: `${a.url}/api/v1/internal/mqtt/authenticate`,
        BROKER_AUTH_TOKEN: AUTH_TOKEN,
      },
    });
    b = await startSecondHubProcess(a);
    await eventually(async () => {
      const health = await request(a.url).get('/health').expect(200);
      expect(health.body.checks.mqtt).toBe('connected');
    }, 10_000);
  }, 60_000);

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await car?.endAsync(true);
    await b?.stop();
    await a?.close();
    await broker?.stop();
  });

  async function subscribed(url: string, cookie: string | undefined, message: object) {
    const socket = await subscribedClient(url, cookie, message);
    sockets.push(socket);
    return socket;
  }

  const aboutVehicle = (frame: LiveServerFrame) =>
    frame.type === 'vehicle.updated' && frame.data.vehicleId === vehicle.id;

  it('tells the owner, on every instance, the latest state of each batch; not others', async () => {
    const owner = await registeredDriver(a.url);
    const other = await registeredDriver(a.url);
    vehicle = (
      await owner.agent
        .post('/api/v1/vehicles')
        .send({ name: 'Zoe', batteryKwh: 52, plugs: ['TYPE_2'] })
        .expect(201)
    ).body;
    const ownerCookie = await accessCookie(a.url, owner.email, DRIVER_PASSWORD);
    const adminCookie = await accessCookie(a.url, a.config.ADMIN_EMAIL!, a.config.ADMIN_PASSWORD!);
    const everywhere = { bbox: [-180, -90, 180, 90] };
    const ownerOnA = await subscribed(a.url, ownerCookie, {});
    const ownerOnB = await subscribed(b.url, ownerCookie, {});
    const otherDriver = await subscribed(
      a.url,
      await accessCookie(a.url, other.email, DRIVER_PASSWORD),
      everywhere,
    );
    const anonymous = await subscribed(a.url, undefined, everywhere);
    const adminNotWatching = await subscribed(b.url, adminCookie, { topics: ['fleet'] });
    const adminWatching = await subscribed(b.url, adminCookie, { topics: ['vehicles'] });

    car = await mqtt.connectAsync(broker.url, {
      clientId: vehicle.mqtt.clientId,
      username: vehicle.mqtt.username,
      password: vehicle.mqttPassword,
      reconnectPeriod: 0,
    });
    const published = liveEvents(a);
    const now = Date.now();
    const sample = (secondsAgo: number, socPct: number, lat: number) => ({
      ts: new Date(now - secondsAgo * 1000).toISOString(),
      lat,
      lon: 1.44,
      socPct,
      pluggedIn: true,
      charging: true,
      odometerKm: 12_345.6,
    });
    // Three samples in one batch (TELEMETRY_FLUSH_MS): one event, with the newest.
    for (const [secondsAgo, socPct, lat] of [
      [30, 50, 43.6],
      [10, 58, 43.62],
      [20, 54, 43.61],
    ])
      await car.publishAsync(
        vehicle.mqtt.telemetryTopic,
        JSON.stringify({ ...sample(secondsAgo, socPct, lat), speedKmh: socPct }),
        { qos: 1 },
      );

    const expected = {
      vehicleId: vehicle.id,
      userId: owner.user.id,
      name: 'Zoe',
      ts: new Date(now - 10_000).toISOString(),
      lat: 43.62,
      lon: 1.44,
      socPct: 58,
      pluggedIn: true,
      charging: true,
      odometerKm: 12_345.6,
      speedKmh: 58,
    };
    for (const socket of [ownerOnA, ownerOnB, adminWatching]) {
      const frame = await socket.next(aboutVehicle);
      expect(frame).toEqual({ type: 'vehicle.updated', at: expected.ts, data: expected });
    }
    expect(published.frames.filter(aboutVehicle)).toHaveLength(1);

    // A sample older than the stored state (a replayed offline buffer) is history only.
    await car.publishAsync(vehicle.mqtt.telemetryTopic, JSON.stringify(sample(60, 40, 43.5)), {
      qos: 1,
    });
    await eventually(async () => {
      const track = await owner.agent.get(`/api/v1/vehicles/${vehicle.id}/track`).expect(200);
      expect(track.body.properties.times).toHaveLength(4);
    });
    await sleep(300);
    published.stop();
    expect(published.frames.filter(aboutVehicle)).toHaveLength(1);
    for (const socket of [ownerOnA, ownerOnB, adminWatching])
      expect(socket.frames.filter(aboutVehicle)).toHaveLength(1);
    for (const socket of [otherDriver, anonymous, adminNotWatching])
      expect(socket.frames.filter(aboutVehicle)).toEqual([]);
  });
});
