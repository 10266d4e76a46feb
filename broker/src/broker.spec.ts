import { topics } from '@wattsup/contracts';
import { Aedes } from 'aedes';
import mqtt, { IClientOptions, MqttClient } from 'mqtt';
import { StaticAccountAuthenticator } from './authenticator';
import { closeBroker, createBroker } from './broker';
import { Listener, listenTcp, listenWebSocket } from './listeners';
import { createJsonLogger } from './log';
import { BrokerMetrics } from './metrics';

const MAX_PAYLOAD_BYTES = 1024;
const DEVICE_RATE = 50;
const DEVICE_BURST = 10;
const status = (ts = new Date().toISOString()) => JSON.stringify({ status: 'Available', ts });

describe('broker over real TCP', () => {
  let broker: Aedes;
  let tcp: Listener;
  let webSocket: Listener;
  const logLines: string[] = [];
  const clients: MqttClient[] = [];
  const metrics = new BrokerMetrics();

  beforeAll(async () => {
    broker = await createBroker({
      authenticator: new StaticAccountAuthenticator({
        passwords: new Map([
          ['hub', 'hub-secret'],
          ['simulator', 'sim-secret'],
          ['CP-1', 'cp1-secret'],
          ['CP-2', 'cp2-secret'],
        ]),
        hubUsername: 'hub',
        gatewayUsernames: ['simulator'],
      }),
      maxPayloadBytes: MAX_PAYLOAD_BYTES,
      logger: createJsonLogger((line) => logLines.push(line)),
      deviceRate: { perSecond: DEVICE_RATE, burst: DEVICE_BURST },
      metrics,
    });
    tcp = await listenTcp(broker, '127.0.0.1', 0);
    webSocket = await listenWebSocket(broker, '127.0.0.1', 0, MAX_PAYLOAD_BYTES);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });

  afterAll(async () => {
    const closed = Promise.all([tcp.close(), webSocket.close()]);
    await closeBroker(broker);
    await closed;
  });

  function connect(options: IClientOptions, url = `mqtt://127.0.0.1:${tcp.port}`) {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 2000, ...options });
    clients.push(client);
    return client;
  }

  /** Resolves with the CONNACK return code, 0 when accepted. */
  function connackCode(options: IClientOptions): Promise<number> {
    const client = connect(options);
    return new Promise((resolve) => {
      client.once('connect', () => resolve(0));
      client.once('error', (error) => resolve((error as { code?: number }).code ?? -1));
    });
  }

  async function connected(username: string, password: string, clientId = username) {
    const client = connect({ username, password, clientId });
    await new Promise((resolve, reject) => {
      client.once('connect', resolve);
      client.once('error', reject);
    });
    return client;
  }

  function nextMessage(client: MqttClient): Promise<{ topic: string; payload: string }> {
    return new Promise((resolve) =>
      client.once('message', (topic, payload) => resolve({ topic, payload: payload.toString() })),
    );
  }

  function closedByBroker(client: MqttClient): Promise<void> {
    return new Promise((resolve) => client.once('close', resolve));
  }

  it('refuses anonymous clients with CONNACK 5, not authorized', async () => {
    await expect(connackCode({ clientId: 'anonymous' })).resolves.toBe(5);
  });

  it('refuses a wrong password with CONNACK 4, bad user name or password', async () => {
    await expect(
      connackCode({ clientId: 'CP-1', username: 'CP-1', password: 'nope' }),
    ).resolves.toBe(4);
  });

  it('refuses a device connecting under another id with CONNACK 2, identifier rejected', async () => {
    await expect(
      connackCode({ clientId: 'CP-2', username: 'CP-1', password: 'cp1-secret' }),
    ).resolves.toBe(2);
  });

  it('delivers a device status on its own topic to the hub', async () => {
    const hub = await connected('hub', 'hub-secret', 'hub-test');
    await hub.subscribeAsync(topics.connectorStatus('+', '+'));
    const device = await connected('CP-1', 'cp1-secret');

    const received = nextMessage(hub);
    const payload = status();
    await device.publishAsync(topics.connectorStatus('CP-1', 1), payload, { qos: 1 });

    await expect(received).resolves.toEqual({ topic: topics.connectorStatus('CP-1', 1), payload });
  });

  it('drops a publish on another device topic and closes that connection ([MQTT-3.3.5-2])', async () => {
    const hub = await connected('hub', 'hub-secret', 'hub-test');
    await hub.subscribeAsync('wattsup/v1/#');
    const received: string[] = [];
    hub.on('message', (topic) => received.push(topic));
    const device = await connected('CP-1', 'cp1-secret');

    const closed = closedByBroker(device);
    device.publish(topics.connectorStatus('CP-2', 1), status());
    await closed;
    // The hub account sees a later legitimate message but never the forged one.
    const other = await connected('CP-2', 'cp2-secret');
    const next = nextMessage(hub);
    await other.publishAsync(topics.connectorStatus('CP-2', 1), status(), { qos: 1 });
    await next;

    expect(received).toEqual([topics.connectorStatus('CP-2', 1)]);
    expect(logLines.join('')).toContain('CP-1 may not publish here');
  });

  it("refuses a device's subscription to another charger's commands (SUBACK 0x80)", async () => {
    const device = await connected('CP-1', 'cp1-secret');

    const [own] = await device.subscribeAsync(topics.chargerCommands('CP-1'));
    const foreign = device.subscribeAsync(topics.chargerCommands('CP-2'));

    expect(own.qos).toBe(0);
    await expect(foreign).rejects.toMatchObject({ packet: { granted: [128] } });
  });

  it("publishes a charger's will on its availability topic when its socket dies without DISCONNECT", async () => {
    const hub = await connected('hub', 'hub-secret', 'hub-test');
    await hub.subscribeAsync(topics.chargerAvailability('+'), { qos: 1 });
    const will = JSON.stringify({ online: false, ts: new Date().toISOString() });
    const device = connect({
      username: 'CP-1',
      password: 'cp1-secret',
      clientId: 'CP-1',
      will: {
        topic: topics.chargerAvailability('CP-1'),
        payload: Buffer.from(will),
        qos: 1,
        retain: true,
      },
    });
    await new Promise((resolve) => device.once('connect', resolve));

    const received = nextMessage(hub);
    device.stream.destroy();

    await expect(received).resolves.toEqual({
      topic: topics.chargerAvailability('CP-1'),
      payload: will,
    });
  });

  it("refuses with CONNACK 5 a device whose will is another charger's availability", async () => {
    await expect(
      connackCode({
        username: 'CP-1',
        password: 'cp1-secret',
        clientId: 'CP-1',
        will: {
          topic: topics.chargerAvailability('CP-2'),
          payload: Buffer.from('{}'),
          qos: 1,
          retain: true,
        },
      }),
    ).resolves.toBe(5);
    expect(logLines.join('')).toContain('will refused');
  });

  it('delivers hub commands to the device they are for', async () => {
    const device = await connected('CP-1', 'cp1-secret');
    await device.subscribeAsync(topics.chargerCommands('CP-1'));
    const hub = await connected('hub', 'hub-secret', 'hub-test');

    const received = nextMessage(device);
    await hub.publishAsync(topics.chargerCommands('CP-1'), '{"command":"stop"}', { qos: 1 });

    await expect(received).resolves.toMatchObject({ topic: topics.chargerCommands('CP-1') });
  });

  it('lets a gateway publish for any charger', async () => {
    const hub = await connected('hub', 'hub-secret', 'hub-test');
    await hub.subscribeAsync(topics.connectorStatus('+', '+'));
    const gateway = await connected('simulator', 'sim-secret', 'sim-1');

    const received = nextMessage(hub);
    await gateway.publishAsync(topics.connectorStatus('CP-77', 2), status(), { qos: 1 });

    await expect(received).resolves.toMatchObject({ topic: topics.connectorStatus('CP-77', 2) });
  });

  it('closes the connection of a client whose payload is over the limit', async () => {
    const device = await connected('CP-1', 'cp1-secret');

    const closed = closedByBroker(device);
    device.publish(topics.connectorStatus('CP-1', 1), 'x'.repeat(MAX_PAYLOAD_BYTES + 1));

    await closed;
    expect(logLines.join('')).toContain(`exceeds ${MAX_PAYLOAD_BYTES}`);
  });

  it('slows a flooding device to its rate without losing its messages or slowing others', async () => {
    const hub = await connected('hub', 'hub-secret', 'hub-test');
    await hub.subscribeAsync(topics.connectorStatus('+', '+'), { qos: 1 });
    const arrivals: { topic: string; at: number }[] = [];
    hub.on('message', (topic) => arrivals.push({ topic, at: Date.now() }));
    const flooder = await connected('CP-1', 'cp1-secret');
    const neighbour = await connected('CP-2', 'cp2-secret');
    const flood = 3 * DEVICE_BURST;
    const paced = metrics.pacedPublishes.get().then((metric) => metric.values[0]?.value ?? 0);
    const before = await paced;

    const started = Date.now();
    const flooded = Promise.all(
      Array.from({ length: flood }, () =>
        flooder.publishAsync(topics.connectorStatus('CP-1', 1), status(), { qos: 1 }),
      ),
    );
    await neighbour.publishAsync(topics.connectorStatus('CP-2', 1), status(), { qos: 1 });
    await flooded;
    const fromFlooderCount = () =>
      arrivals.filter((a) => a.topic === topics.connectorStatus('CP-1', 1)).length;
    while (fromFlooderCount() < flood && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const fromFlooder = arrivals.filter((a) => a.topic === topics.connectorStatus('CP-1', 1));
    const fromNeighbour = arrivals.find((a) => a.topic === topics.connectorStatus('CP-2', 1));
    expect(fromFlooder).toHaveLength(flood);
    // Past its burst, the flooder waits 1/DEVICE_RATE s per message; the neighbour does not.
    const pacedMs = ((flood - DEVICE_BURST) * 1000) / DEVICE_RATE;
    expect(fromFlooder.at(-1)!.at - started).toBeGreaterThanOrEqual(pacedMs * 0.9);
    expect(fromNeighbour!.at).toBeLessThan(fromFlooder.at(-1)!.at);
    expect((await metrics.pacedPublishes.get()).values[0].value - before).toBeGreaterThan(0);
  });

  it('counts refusals at /metrics', async () => {
    await connackCode({ clientId: 'counted-anonymous' });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(
      /wattsup_broker_refused_connections_total\{reason="anonymous clients are not allowed"\} [1-9]/,
    );
    expect(text).toMatch(/wattsup_broker_refused_publishes_total\{kind="foreign-topic"\} [1-9]/);
    expect(text).toMatch(/wattsup_broker_refused_publishes_total\{kind="too-large"\} [1-9]/);
  });

  it('speaks MQTT over WebSocket with the same policies', async () => {
    const url = `ws://127.0.0.1:${webSocket.port}`;
    const refused = connect({ clientId: 'ws-anonymous' }, url);
    const code = await new Promise((resolve) =>
      refused.once('error', (error) => resolve((error as { code?: number }).code)),
    );
    const device = connect({ clientId: 'CP-1', username: 'CP-1', password: 'cp1-secret' }, url);
    await new Promise((resolve) => device.once('connect', resolve));

    expect(code).toBe(5);
    await expect(
      device.publishAsync(topics.connectorStatus('CP-1', 1), status(), { qos: 1 }),
    ).resolves.toBeDefined();
  });
});

describe('broker at its connection limit', () => {
  it('answers CONNACK 3, server unavailable, to one client too many', async () => {
    const broker = await createBroker({
      authenticator: new StaticAccountAuthenticator({
        passwords: new Map([['hub', 'hub-secret']]),
        hubUsername: 'hub',
        gatewayUsernames: [],
      }),
      maxPayloadBytes: MAX_PAYLOAD_BYTES,
      logger: createJsonLogger(() => undefined),
      maxConnections: 1,
    });
    const tcp = await listenTcp(broker, '127.0.0.1', 0);
    const options = { username: 'hub', password: 'hub-secret', reconnectPeriod: 0 };
    const first = await mqtt.connectAsync(`mqtt://127.0.0.1:${tcp.port}`, options);
    const second = mqtt.connect(`mqtt://127.0.0.1:${tcp.port}`, options);

    const code = await new Promise((resolve) =>
      second.once('error', (error) => resolve((error as { code?: number }).code)),
    );

    await Promise.all([first.endAsync(true), second.endAsync(true)]);
    const closed = tcp.close();
    await closeBroker(broker);
    await closed;
    expect(code).toBe(3);
  });
});

describe('broker whose authenticator is down', () => {
  it('answers CONNACK 3, server unavailable, so the client retries later', async () => {
    const broker = await createBroker({
      authenticator: { authenticate: () => Promise.reject(new Error('database unreachable')) },
      maxPayloadBytes: MAX_PAYLOAD_BYTES,
      logger: createJsonLogger(() => undefined),
    });
    const tcp = await listenTcp(broker, '127.0.0.1', 0);
    const client = mqtt.connect(`mqtt://127.0.0.1:${tcp.port}`, {
      clientId: 'CP-1',
      username: 'CP-1',
      password: 'cp1-secret',
      reconnectPeriod: 0,
    });

    const code = await new Promise((resolve) =>
      client.once('error', (error) => resolve((error as { code?: number }).code)),
    );

    await client.endAsync(true);
    const closed = tcp.close();
    await closeBroker(broker);
    await closed;
    expect(code).toBe(3);
  });
});
