import { randomBytes } from 'node:crypto';
import { type ChargerAvailabilityMessage, type LiveFrame, topics } from '@wattsup/contracts';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import request from 'supertest';
import { BROKER_ACCOUNTS, freePort, MOSQUITTO_URL, startOurBroker } from './mqtt.helpers';
import { adminSession, eventually, liveEvents, stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

const AUTH_TOKEN = randomBytes(24).toString('base64url');

interface PresenceBroker {
  /** Our broker checks each device's own credentials with the hub; the shared Mosquitto is open. */
  name: string;
  deviceCredentials: boolean;
  start(): Promise<{
    hubEnv: Record<string, string>;
    url: string;
    afterHub(hub: TestApp): Promise<() => Promise<void>>;
  }>;
}

const BROKERS: PresenceBroker[] = [
  {
    name: 'our broker (aedes)',
    deviceCredentials: true,
    async start() {
      const port = await freePort();
      const { hub } = BROKER_ACCOUNTS;
      return {
        hubEnv: { MQTT_URL: `mqtt://${hub.username}:${hub.password}@127.0.0.1:${port}` },
        url: `mqtt://127.0.0.1:${port}`,
        async afterHub(app) {
          const broker = await startOurBroker({
            port,
            env: {
              BROKER_AUTH_URL: `${app.url}/api/v1/internal/mqtt/authenticate`,
              BROKER_AUTH_TOKEN: AUTH_TOKEN,
            },
          });
          return () => broker.stop();
        },
      };
    },
  },
  {
    name: 'Mosquitto',
    deviceCredentials: false,
    async start() {
      return {
        hubEnv: { MQTT_URL: MOSQUITTO_URL },
        url: MOSQUITTO_URL,
        afterHub: async () => async () => undefined,
      };
    },
  },
];

describe.each(BROKERS)('MQTT charger presence through $name', (broker) => {
  // Mosquitto is shared by every run on this machine: unique names keep runs apart.
  const run = randomBytes(3).toString('hex');
  let hub: TestApp;
  let url: string;
  let stopBroker: () => Promise<void>;
  let admin: Awaited<ReturnType<typeof adminSession>>;
  let count = 0;
  const devices: MqttClient[] = [];
  const announced: string[] = [];

  const sql = <T>(query: string, params: unknown[] = []) =>
    hub.orm.em.fork().getConnection().execute<T[]>(query, params);

  beforeAll(async () => {
    const started = await broker.start();
    url = started.url;
    hub = await startTestApp({
      ...started.hubEnv,
      MQTT_AUTH_TOKEN: AUTH_TOKEN,
      MQTT_SHARED_GROUP: `presence-${run}`,
      // The silence sweep (OcppSessions) every second; silent past 2 × heartbeat + 1 s: offline.
      OCPP_INSTANCE_TTL_SECONDS: '2',
      OCPP_OFFLINE_GRACE_SECONDS: '1',
    });
    stopBroker = await started.afterHub(hub);
    admin = await adminSession(hub);
    await eventually(async () => {
      const health = await request(hub.url).get('/health').expect(200);
      expect(health.body.checks.mqtt).toBe('connected');
    }, 10_000);
  }, 60_000);

  afterEach(async () => {
    await Promise.all(devices.splice(0).map((device) => device.endAsync(true)));
  });

  afterAll(async () => {
    // Retained availabilities would outlive the run on the shared Mosquitto: clear them.
    if (!broker.deviceCredentials) {
      const cleaner = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
      for (const identity of announced) {
        await cleaner.publishAsync(topics.chargerAvailability(identity), '', {
          retain: true,
          qos: 1,
        });
      }
      await cleaner.endAsync();
    }
    await hub?.close();
    await stopBroker?.();
  });

  async function newCharger() {
    count += 1;
    const identity = `AV-${run}-${count}`;
    const station = await stationWithTerminals(hub, `FR*V${run}${count}*P1`, 2);
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity, protocol: 'mqtt', stationId: station.stationId })
      .expect(201);
    announced.push(identity);
    return {
      id: created.body.id as string,
      identity,
      password: created.body.password as string,
      terminalIds: station.terminalIds,
    };
  }
  type Charger = Awaited<ReturnType<typeof newCharger>>;

  const payload = (message: ChargerAvailabilityMessage) => Buffer.from(JSON.stringify(message));

  /** Connects as the charger, with its will on its availability topic unless told otherwise. */
  async function connectAs(
    charger: Charger,
    options: { will?: boolean; as?: Charger } = {},
  ): Promise<{ device: MqttClient; connectedAt: string }> {
    const connectedAt = new Date().toISOString();
    const self = options.as ?? charger;
    const client: IClientOptions = {
      clientId: self.identity,
      ...(broker.deviceCredentials ? { username: self.identity, password: self.password } : {}),
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...(options.will === false
        ? {}
        : {
            will: {
              topic: topics.chargerAvailability(charger.identity),
              payload: payload({ online: false, ts: connectedAt }),
              qos: 1,
              retain: true,
            },
          }),
    };
    const device = await mqtt.connectAsync(url, client);
    devices.push(device);
    return { device, connectedAt };
  }

  async function announce(
    device: MqttClient,
    charger: Charger,
    message: ChargerAvailabilityMessage,
  ): Promise<void> {
    await device.publishAsync(topics.chargerAvailability(charger.identity), payload(message), {
      qos: 1,
      retain: true,
    });
  }

  const connection = (charger: Charger, online: boolean) => (frame: LiveFrame) =>
    frame.type === 'charger.connection' &&
    frame.data.chargerId === charger.id &&
    frame.data.online === online;

  const stored = async (charger: Charger) =>
    (
      await sql<{
        online: boolean;
        heartbeat_interval_seconds: number;
        last_seen_at: string | null;
      }>('select online, heartbeat_interval_seconds, last_seen_at from chargers where id = ?', [
        charger.id,
      ])
    )[0];

  it('a charger that announces itself is online, with a charger.connection event, once', async () => {
    const charger = await newCharger();
    const live = liveEvents(hub);
    const { device, connectedAt } = await connectAs(charger);

    await announce(device, charger, { online: true, ts: connectedAt, heartbeatSeconds: 120 });
    const frame = await live.next(connection(charger, true));
    expect(frame.data).toEqual({ chargerId: charger.id, identity: charger.identity, online: true });
    expect(await stored(charger)).toMatchObject({ online: true, heartbeat_interval_seconds: 120 });

    // The same announcement again (a heartbeat) is a sign of life, not news.
    await announce(device, charger, { online: true, ts: connectedAt, heartbeatSeconds: 120 });
    await eventually(async () =>
      expect(new Date((await stored(charger)).last_seen_at!).getTime()).toBeGreaterThan(
        new Date(frame.at).getTime(),
      ),
    );
    live.stop();
    expect(live.frames.filter(connection(charger, true))).toHaveLength(1);
  });

  it('its will takes it and its terminals OFFLINE when the socket dies without DISCONNECT', async () => {
    const charger = await newCharger();
    const { device, connectedAt } = await connectAs(charger);
    await announce(device, charger, { online: true, ts: connectedAt });
    await eventually(async () => expect((await stored(charger)).online).toBe(true));
    const live = liveEvents(hub);

    device.stream.destroy();

    const gone = await live.next(connection(charger, false));
    const offline = live.frames.filter(
      (frame) => frame.type === 'terminal.status' && frame.data.status === 'OFFLINE',
    );
    live.stop();
    // Terminals first: whoever sees the charger go sees its terminals offline.
    expect(
      offline.map((frame) => frame.type === 'terminal.status' && frame.data.terminalId).sort(),
    ).toEqual([...charger.terminalIds].sort());
    expect(
      offline.every((frame) => frame.type === 'terminal.status' && frame.data.source === 'HUB'),
    ).toBe(true);
    expect(gone.data).toMatchObject({ online: false });
    expect((await stored(charger)).online).toBe(false);
    const history = await sql<{ status: string; source_status: string }>(
      `select status, source_status from terminal_status_history where terminal_id = ?`,
      [charger.terminalIds[0]],
    );
    expect(history.at(-1)).toEqual({ status: 'OFFLINE', source_status: 'ConnectionLost' });
  });

  it('a charger that falls silent goes offline after twice its heartbeat, with no will at all', async () => {
    const charger = await newCharger();
    const { device, connectedAt } = await connectAs(charger, { will: false });
    const live = liveEvents(hub);
    await announce(device, charger, { online: true, ts: connectedAt, heartbeatSeconds: 1 });
    const online = await live.next(connection(charger, true));

    // Still connected (the broker sees its pings), but says nothing the hub can hear.
    const offline = await live.next(connection(charger, false), 10_000);
    live.stop();
    const silentMs = new Date(offline.at).getTime() - new Date(online.at).getTime();
    expect(silentMs).toBeGreaterThanOrEqual(3000); // 2 × 1 s + 1 s of grace
    expect(
      live.frames.some(
        (frame) =>
          frame.type === 'terminal.status' &&
          frame.data.terminalId === charger.terminalIds[1] &&
          frame.data.status === 'OFFLINE',
      ),
    ).toBe(true);

    // Its next heartbeat brings it back.
    await announce(device, charger, { online: true, ts: connectedAt, heartbeatSeconds: 1 });
    await eventually(async () => expect((await stored(charger)).online).toBe(true));
  }, 20_000);

  if (broker.deviceCredentials) {
    it("a charger can neither announce another charger nor leave its will on another's topic", async () => {
      const victim = await newCharger();
      const intruder = await newCharger();
      const { device } = await connectAs(intruder, { will: false });
      const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
      device.publish(
        topics.chargerAvailability(victim.identity),
        payload({ online: true, ts: new Date().toISOString() }),
        { qos: 1 },
      );
      await closed;

      // The intruder's CONNECT with a will on the victim's availability is refused outright.
      await expect(connectAs(victim, { as: intruder })).rejects.toMatchObject({ code: 5 });
      // The victim announces itself and is online; nothing the intruder did counts.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await stored(victim)).online).toBe(false);
      const { device: own, connectedAt } = await connectAs(victim);
      await announce(own, victim, { online: true, ts: connectedAt });
      await eventually(async () => expect((await stored(victim)).online).toBe(true));
    });
  }
});
