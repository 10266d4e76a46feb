import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { topics } from '@wattsup/contracts';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

const MAIN = join(__dirname, '..', 'dist', 'main.js');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ACCOUNTS = 'hub:hub-secret,gateway:gateway-secret';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** One broker process of the compiled broker (`npm run build`), sharing Redis with the others. */
async function brokerProcess(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      MQTT_HOST: '127.0.0.1',
      MQTT_PORT: String(port),
      BROKER_USERS: ACCOUNTS,
      BROKER_GATEWAY_USERS: 'gateway',
      BROKER_REDIS_URL: REDIS_URL,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('mqtt listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}: ${output}`)));
  });
  return { url: `mqtt://127.0.0.1:${port}`, child };
}

jest.setTimeout(20_000);

describe('two broker processes sharing Redis', () => {
  const run = randomBytes(3).toString('hex');
  let first: { url: string; child: ChildProcess };
  let second: { url: string; child: ChildProcess };
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('broker/dist is missing: run `npm run build` first');
    [first, second] = await Promise.all([brokerProcess(), brokerProcess()]);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });

  afterAll(async () => {
    await Promise.all(
      [first, second].map(
        (broker) =>
          broker &&
          new Promise<void>((resolve) => {
            broker.child.once('exit', () => resolve());
            broker.child.kill('SIGTERM');
          }),
      ),
    );
  });

  async function connect(url: string, options: IClientOptions) {
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...options });
    clients.push(client);
    return client;
  }

  const nextMessage = (client: MqttClient) =>
    new Promise<{ topic: string; payload: string }>((resolve) =>
      client.once('message', (topic, payload) => resolve({ topic, payload: payload.toString() })),
    );

  it('delivers a publish on one process to a subscriber on the other', async () => {
    const hub = await connect(first.url, {
      username: 'hub',
      password: 'hub-secret',
      clientId: `hub-${run}`,
    });
    const topic = topics.connectorStatus(`CL-${run}`, 1);
    await hub.subscribeAsync(topic, { qos: 1 });
    const gateway = await connect(second.url, {
      username: 'gateway',
      password: 'gateway-secret',
      clientId: `gw-${run}`,
    });

    const received = nextMessage(hub);
    const payload = JSON.stringify({ status: 'Available', ts: new Date().toISOString() });
    await gateway.publishAsync(topic, payload, { qos: 1 });

    await expect(received).resolves.toEqual({ topic, payload });
  });

  it("keeps a persistent session's QoS 1 messages for it, whichever process it comes back to", async () => {
    const identity = { username: 'hub', password: 'hub-secret', clientId: `durable-${run}` };
    const topic = topics.chargerCommands(`CL-${run}`);
    const durable = await connect(first.url, { ...identity, clean: false });
    await durable.subscribeAsync(topic, { qos: 1 });
    // The first process tells the second of the subscription over Redis pub/sub; a message it
    // sends after that, once seen through the second, proves the second knows.
    // The hub account publishes commands (a gateway may not).
    const publisher = await connect(second.url, {
      username: 'hub',
      password: 'hub-secret',
      clientId: `hub2-${run}`,
    });
    const watcher = await connect(second.url, {
      username: 'hub',
      password: 'hub-secret',
      clientId: `watch-${run}`,
    });
    const sentinel = `wattsup/v1/test/${run}`;
    await watcher.subscribeAsync(sentinel, { qos: 1 });
    const seen = nextMessage(watcher);
    await durable.publishAsync(sentinel, 'after-subscribe', { qos: 1 });
    await seen;
    await durable.endAsync();
    await publisher.publishAsync(topic, '{"command":"stop"}', { qos: 1 });

    const back = mqtt.connect(second.url, { ...identity, clean: false, reconnectPeriod: 0 });
    clients.push(back);
    await expect(nextMessage(back)).resolves.toEqual({ topic, payload: '{"command":"stop"}' });
    // A clean connection under the same id leaves nothing of the session in Redis.
    await back.endAsync();
    await connect(first.url, { ...identity, clean: true });
  });
});
