import { randomBytes } from 'node:crypto';
import { topics } from '@wattsup/contracts';
import type { MqttClient } from 'mqtt';
import { Client } from 'pg';
import {
  connectDevice,
  localMosquitto,
  metric,
  startOurBroker,
  type TestBroker,
} from './mqtt.helpers';
import { registeredDriver } from './support/http';
import { eventually } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The database stalls (a lock on vehicle_telemetry) while cars keep publishing. Nothing accepted
 * may be lost: the hub buffers what it can and, past MQTT_INGEST_QUEUE_MAX, stops reading so the
 * broker holds the rest.
 */
describe('MQTT ingestion while the database stalls', () => {
  const run = randomBytes(3).toString('hex');
  let broker: TestBroker;
  let hub: TestApp;
  let device: MqttClient;
  let vehicleId: string;

  async function startHub(brokerToUse: TestBroker, env: Record<string, string>) {
    broker = brokerToUse;
    hub = await startTestApp({ MQTT_URL: broker.hubUrl, MQTT_SHARED_GROUP: `bp-${run}`, ...env });
    const driver = await registeredDriver(hub.url);
    vehicleId = (
      await driver.agent.post('/api/v1/vehicles').send({ name: 'Car', batteryKwh: 50 }).expect(201)
    ).body.id;
    device = await connectDevice(broker, `bp-device-${run}`);
    await eventually(async () => {
      const health = await driver.agent.get('/health').expect(200);
      expect(health.body.checks.mqtt).toBe('connected');
    });
    // Subscribed once a sample gets through.
    await eventually(async () => {
      await publishSamples(1, Date.now() - 3_600_000 - Math.floor(Math.random() * 1e6));
      expect(await rows()).toBeGreaterThan(0);
    }, 10_000);
  }

  /** Set by a test that stops the hub itself. */
  let hubStopped = false;

  afterEach(async () => {
    await device?.endAsync(true);
    if (hubStopped) await hub?.database.drop();
    else await hub?.close();
    hubStopped = false;
    await broker?.stop();
  });

  /** Samples stored for the test vehicle from `since` (epoch ms) on. */
  const rows = async (since = 0) =>
    (
      await hub.orm.em
        .fork()
        .getConnection()
        .execute<{ n: number }[]>(
          'select count(*)::int as n from vehicle_telemetry where vehicle_id = ? and ts >= ?',
          [vehicleId, new Date(since)],
        )
    )[0].n;

  function publishSamples(count: number, start: number) {
    return Promise.all(
      Array.from({ length: count }, (_, index) =>
        device.publishAsync(
          topics.vehicleTelemetry(vehicleId),
          JSON.stringify({
            ts: new Date(start + index).toISOString(),
            lat: 43.6,
            lon: 1.44,
            socPct: 50,
            pluggedIn: false,
            charging: false,
            odometerKm: 10,
          }),
          { qos: 1 },
        ),
      ),
    );
  }

  async function lockTelemetry(): Promise<() => Promise<void>> {
    const client = new Client({ connectionString: hub.config.DATABASE_URL });
    await client.connect();
    await client.query('begin');
    await client.query('lock table vehicle_telemetry in exclusive mode');
    return async () => {
      await client.query('commit');
      await client.end();
    };
  }

  it('keeps reading behind a default Mosquitto (which drops past 1,000 queued), losing nothing', async () => {
    await startHub(await localMosquitto(), {});
    const since = Date.now() - 60_000;
    const unlock = await lockTelemetry();
    const count = 4000;
    await publishSamples(count, since);
    // Every sample left Mosquitto for the hub's backlog while the database was stuck.
    await eventually(async () =>
      expect(await metric(hub.url, 'wattsup_mqtt_ingest_backlog')).toBeGreaterThanOrEqual(count),
    );
    await unlock();
    await eventually(async () => expect(await rows(since)).toBe(count), 20_000);
    expect(await metric(hub.url, 'wattsup_mqtt_ingest_pauses_total')).toBe(0);
  });

  it('writes everything it took before it stops, even when the database is slow then', async () => {
    await startHub(await startOurBroker(), {});
    const since = Date.now() - 60_000;
    const unlock = await lockTelemetry();
    const count = 500;
    await publishSamples(count, since);
    // At least: a late sample of the warm-up (an hour old, so not counted below) may wait too.
    await eventually(async () =>
      expect(await metric(hub.url, 'wattsup_mqtt_ingest_backlog')).toBeGreaterThanOrEqual(count),
    );
    // The hub is asked to stop while its samples still wait for the database.
    const stopped = hub.app.close();
    hubStopped = true;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await unlock();
    await stopped;

    const db = new Client({ connectionString: hub.config.DATABASE_URL });
    await db.connect();
    const { rows: stored } = await db.query<{ n: number }>(
      'select count(*)::int as n from vehicle_telemetry where vehicle_id = $1 and ts >= $2',
      [vehicleId, new Date(since)],
    );
    await db.end();
    expect(stored[0].n).toBe(count);
  });

  it('stops reading from our broker when its backlog is full, then catches up', async () => {
    await startHub(await startOurBroker(), { MQTT_INGEST_QUEUE_MAX: '100' });
    const since = Date.now() - 60_000;
    const unlock = await lockTelemetry();
    const count = 1000;
    const published = publishSamples(count, since);
    await eventually(async () => {
      expect(await metric(hub.url, 'wattsup_mqtt_ingest_backlog')).toBe(100);
      expect(await metric(hub.url, 'wattsup_mqtt_ingest_pauses_total')).toBeGreaterThan(0);
    });
    await unlock();
    await published;
    await eventually(async () => expect(await rows(since)).toBe(count), 20_000);
    expect(await metric(hub.url, 'wattsup_mqtt_ingest_backlog')).toBe(0);
  });
});
