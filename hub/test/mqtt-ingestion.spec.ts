import { randomBytes, randomUUID } from 'node:crypto';
import { topics, type VehicleView } from '@wattsup/contracts';
import type { MqttClient } from 'mqtt';
import { MqttChargerCommands } from '../src/mqtt/mqtt-charger.commands';
import {
  connectDevice,
  localMosquitto,
  metric,
  startOurBroker,
  type TestBroker,
} from './mqtt.helpers';
import { registeredDriver } from './support/http';
import { adminSession, eventually, liveEvents, stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

type Agent = Awaited<ReturnType<typeof adminSession>>;

const BROKERS: [string, () => Promise<TestBroker>][] = [
  ['our broker (aedes)', () => startOurBroker()],
  ['Mosquitto', localMosquitto],
];

describe.each(BROKERS)('MQTT ingestion through %s', (brokerName, startBroker) => {
  // Mosquitto is shared by every run on this machine: unique names keep runs apart.
  const run = randomBytes(3).toString('hex');
  const identity = `MQ-${run}`;
  const ocppIdentity = `OC-${run}`;
  let broker: TestBroker;
  let hub: TestApp;
  let admin: Agent;
  let terminalIds: string[];
  let chargerId: string;
  let device: MqttClient;
  let vehicle: VehicleView;
  let driver: Awaited<ReturnType<typeof registeredDriver>>;
  const sql = <T>(query: string, params: unknown[] = []) =>
    hub.orm.em.fork().getConnection().execute<T[]>(query, params);
  const rejected = (kind: string, reason: string) =>
    metric(hub.url, 'wattsup_mqtt_rejected_messages_total', { kind, reason });
  const ts = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();
  const publish = (topic: string, payload: unknown) =>
    device.publishAsync(
      topic,
      typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
      { qos: 1 },
    );
  const telemetry = (overrides: Record<string, unknown> = {}) => ({
    ts: ts(),
    lat: 43.6,
    lon: 1.44,
    socPct: 50,
    pluggedIn: false,
    charging: false,
    odometerKm: 1000,
    ...overrides,
  });

  beforeAll(async () => {
    broker = await startBroker();
    hub = await startTestApp({
      MQTT_URL: broker.hubUrl,
      MQTT_SHARED_GROUP: `test-${run}`,
      TELEMETRY_FLUSH_MS: '20',
    });
    admin = await adminSession(hub);
    const station = await stationWithTerminals(hub, `FR*M${run}*P1`, 2);
    terminalIds = station.terminalIds;
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity, protocol: 'mqtt', stationId: station.stationId })
      .expect(201);
    chargerId = created.body.id;
    await admin
      .post('/api/v1/admin/chargers')
      .send({ identity: ocppIdentity, protocol: 'ocpp1.6' })
      .expect(201);
    driver = await registeredDriver(hub.url);
    vehicle = (
      await driver.agent
        .post('/api/v1/vehicles')
        .send({ name: 'Zoé', batteryKwh: 52, plugs: ['TYPE_2'] })
        .expect(201)
    ).body;
    device = await connectDevice(broker, `test-device-${run}`);
    await eventually(async () => expect(hub.app.get(MqttChargerCommands)).toBeDefined());
    await eventually(async () => {
      const health = await driver.agent.get('/health').expect(200);
      expect(health.body.checks.mqtt).toBe('connected');
    });
    // Subscribed once a message gets through.
    await eventually(async () => {
      await publish(topics.connectorStatus(identity, 2), { status: 'Available', ts: ts() });
      expect(
        await metric(hub.url, 'wattsup_mqtt_messages_total', { kind: 'connectorStatus' }),
      ).toBeGreaterThan(0);
    }, 10_000);
  }, 60_000);

  afterAll(async () => {
    await device?.endAsync(true);
    await hub?.close();
    await broker?.stop();
  });

  it(`shares the subscription when the broker really does (${brokerName})`, async () => {
    const shared = await metric(hub.url, 'wattsup_mqtt_shared_subscription');
    // Mosquitto implements $share; aedes does not, and our broker says so with SUBACK 0x80.
    expect(shared).toBe(brokerName === 'Mosquitto' ? 1 : 0);
  });

  it('takes a charger status through the status pipeline: history, live event, source MQTT', async () => {
    const live = liveEvents(hub);
    const at = ts(-1000);
    await publish(topics.connectorStatus(identity, 1), { status: 'Charging', ts: at });

    const frame = await live.next(
      (f) => f.type === 'terminal.status' && f.data.terminalId === terminalIds[0],
    );
    live.stop();
    expect(frame).toMatchObject({ at, data: { status: 'OCCUPIED', source: 'MQTT' } });
    const history = await sql<{ status: string; source: string; source_status: string }>(
      `select status, source, source_status from terminal_status_history where terminal_id = ? order by occurred_at`,
      [terminalIds[0]],
    );
    expect(history.at(-1)).toEqual({
      status: 'OCCUPIED',
      source: 'MQTT',
      source_status: 'Charging',
    });
    // The plug-in opened a charging session on that terminal.
    await eventually(async () => {
      const sessions = await sql<{ terminal_id: string; stopped_at: Date | null }>(
        `select terminal_id, stopped_at from charging_sessions where charger_id = ?`,
        [chargerId],
      );
      expect(sessions).toEqual([{ terminal_id: terminalIds[0], stopped_at: null }]);
    });
  });

  it('feeds meter readings into the session and learns the terminal real power on unplug', async () => {
    const start = Date.now() - 30 * 60_000;
    // Plugged in half an hour ago (per the device clock); its register goes from 1,200 kWh to
    // 1,205.5 kWh at 11 kW.
    await publish(topics.connectorStatus(identity, 2), {
      status: 'Occupied',
      ts: new Date(start).toISOString(),
    });
    await publish(topics.connectorMeter(identity, 2), {
      powerKw: 11,
      energyKwh: 1200,
      socPct: 20,
      ts: new Date(start).toISOString(),
    });
    await publish(topics.connectorMeter(identity, 2), {
      powerKw: 11,
      energyKwh: 1205.5,
      socPct: 70,
      ts: new Date(start + 30 * 60_000 - 1000).toISOString(),
    });
    await publish(topics.connectorStatus(identity, 2), { status: 'Available', ts: ts() });

    await eventually(async () => {
      const [session] = await sql<{
        energy_wh: string;
        peak_power_w: string;
        soc_pct: string;
        stopped_at: Date | null;
      }>(
        `select energy_wh, peak_power_w, soc_pct, stopped_at from charging_sessions where terminal_id = ? order by started_at desc`,
        [terminalIds[1]],
      );
      expect(session.stopped_at).not.toBeNull();
      expect([
        Number(session.energy_wh),
        Number(session.peak_power_w),
        Number(session.soc_pct),
      ]).toEqual([5500, 11000, 70]);
      const [terminal] = await sql<{ observed_power_kw: string; status: string }>(
        `select observed_power_kw, status from terminals where id = ?`,
        [terminalIds[1]],
      );
      expect(terminal.status).toBe('AVAILABLE');
      expect(Number(terminal.observed_power_kw)).toBeCloseTo(11, 0);
    });
  });

  it('writes telemetry in batches and keeps the latest state of the vehicle', async () => {
    const count = 2000;
    const batchesBefore = await metric(hub.url, 'wattsup_telemetry_batches_total', {
      outcome: 'written',
    });
    const start = Date.now() - count * 1000;
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        publish(
          topics.vehicleTelemetry(vehicle.id),
          telemetry({
            ts: new Date(start + index * 1000).toISOString(),
            lat: 43.6 + index / 10_000,
            socPct: 20 + (index % 80),
            odometerKm: 1000 + index / 10,
          }),
        ),
      ),
    );

    await eventually(async () => {
      const [row] = await sql<{ count: number }>(
        `select count(*)::int as count from vehicle_telemetry where vehicle_id = ?`,
        [vehicle.id],
      );
      expect(row.count).toBe(count);
    }, 20_000);
    const batches =
      (await metric(hub.url, 'wattsup_telemetry_batches_total', { outcome: 'written' })) -
      batchesBefore;
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThan(count / 10);

    const view = await driver.agent.get(`/api/v1/vehicles/${vehicle.id}`).expect(200);
    expect(view.body.state).toEqual({
      at: new Date(start + (count - 1) * 1000).toISOString(),
      lon: 1.44,
      lat: expect.closeTo(43.6 + (count - 1) / 10_000, 6),
      socPct: 20 + ((count - 1) % 80),
      pluggedIn: false,
      charging: false,
      odometerKm: expect.closeTo(1000 + (count - 1) / 10, 1),
    });
  });

  it('keeps one copy of a sample delivered twice, and an old sample does not roll the state back', async () => {
    const sample = telemetry({ ts: ts(-5 * 86_400_000), socPct: 11 });
    await publish(topics.vehicleTelemetry(vehicle.id), sample);
    await publish(topics.vehicleTelemetry(vehicle.id), sample);
    await eventually(async () => {
      expect(
        await metric(hub.url, 'wattsup_telemetry_rows_total', { fate: 'skipped' }),
      ).toBeGreaterThan(0);
    });
    const rows = await sql<{ count: number }>(
      `select count(*)::int as count from vehicle_telemetry where vehicle_id = ? and ts = ?`,
      [vehicle.id, sample.ts],
    );
    expect(rows[0].count).toBe(1);
    const view = await driver.agent.get(`/api/v1/vehicles/${vehicle.id}`).expect(200);
    expect(view.body.state.socPct).not.toBe(11);
  });

  describe('refuses and counts each kind of bad message, and goes on', () => {
    const unknownVehicle = randomUUID();
    it.each([
      [
        'garbage bytes',
        () => topics.vehicleTelemetry(vehicle.id),
        () => Buffer.from([0xde, 0xad, 0xbe, 0xef]),
        'vehicleTelemetry',
        'not-json',
      ],
      [
        'JSON that is not an object',
        () => topics.vehicleTelemetry(vehicle.id),
        () => '[1,2,3]',
        'vehicleTelemetry',
        'invalid',
      ],
      [
        'a wrong type',
        () => topics.vehicleTelemetry(vehicle.id),
        () => telemetry({ charging: 'yes' }),
        'vehicleTelemetry',
        'invalid',
      ],
      [
        'an out-of-range latitude',
        () => topics.vehicleTelemetry(vehicle.id),
        () => telemetry({ lat: 123 }),
        'vehicleTelemetry',
        'invalid',
      ],
      [
        'an SoC of 140 %',
        () => topics.vehicleTelemetry(vehicle.id),
        () => telemetry({ socPct: 140 }),
        'vehicleTelemetry',
        'invalid',
      ],
      [
        'a timestamp a day ahead',
        () => topics.vehicleTelemetry(vehicle.id),
        () => telemetry({ ts: ts(86_400_000) }),
        'vehicleTelemetry',
        'future-timestamp',
      ],
      [
        'an unknown vehicle',
        () => topics.vehicleTelemetry(unknownVehicle),
        () => telemetry(),
        'vehicleTelemetry',
        'unknown-vehicle',
      ],
      [
        'a vehicle id that is no UUID',
        () => topics.vehicleTelemetry('not-a-vehicle'),
        () => telemetry(),
        'vehicleTelemetry',
        'unknown-vehicle',
      ],
      [
        'an unknown charger',
        () => topics.connectorStatus(`NOPE-${run}`, 1),
        () => ({ status: 'Available', ts: ts() }),
        'connectorStatus',
        'unknown-charger',
      ],
      [
        'an OCPP charger speaking MQTT',
        () => topics.connectorStatus(ocppIdentity, 1),
        () => ({ status: 'Available', ts: ts() }),
        'connectorStatus',
        'not-mqtt-charger',
      ],
      [
        'a connector bound to no terminal',
        () => topics.connectorMeter(identity, 9),
        () => ({ powerKw: 1, energyKwh: 0, ts: ts() }),
        'connectorMeter',
        'unbound-connector',
      ],
      [
        'a status word nobody knows',
        () => topics.connectorStatus(identity, 1),
        () => ({ status: 'Exploded', ts: ts() }),
        'connectorStatus',
        'unknown-status',
      ],
      [
        'a negative meter',
        () => topics.connectorMeter(identity, 1),
        () => ({ powerKw: -3, energyKwh: 0, ts: ts() }),
        'connectorMeter',
        'invalid',
      ],
    ])('%s', async (_case, topic, payload, kind, reason) => {
      const before = await rejected(kind, reason);
      await publish(topic(), payload());
      await eventually(async () => expect(await rejected(kind, reason)).toBe(before + 1));
      // The next good message still goes through.
      const good = telemetry({ ts: ts(-Math.floor(Math.random() * 1e6)) });
      await publish(topics.vehicleTelemetry(vehicle.id), good);
      await eventually(async () => {
        const rows = await sql(`select 1 from vehicle_telemetry where vehicle_id = ? and ts = ?`, [
          vehicle.id,
          good.ts,
        ]);
        expect(rows).toHaveLength(1);
      });
    });
  });

  it('publishes hub → charger commands on the charger commands topic at QoS 1', async () => {
    const listener = await connectDevice(broker, `test-listener-${run}`);
    await listener.subscribeAsync(topics.chargerCommands(identity), { qos: 1 });
    const received = new Promise<{ topic: string; payload: unknown }>((resolve) =>
      listener.once('message', (topic, payload) =>
        resolve({ topic, payload: JSON.parse(payload.toString()) }),
      ),
    );
    const command = {
      command: 'reserve' as const,
      connectorId: 1,
      reservationId: randomUUID(),
      ts: ts(),
    };
    await hub.app.get(MqttChargerCommands).publish(identity, command);
    await expect(received).resolves.toEqual({
      topic: topics.chargerCommands(identity),
      payload: command,
    });
    await listener.endAsync(true);
  });
});
