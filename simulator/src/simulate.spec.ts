import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import { connectorStatusMessage, parseTopic } from '@wattsup/contracts';
import { Aedes } from 'aedes';
import { simulateStatuses } from './simulate';

describe('simulateStatuses against a real broker', () => {
  let broker: Aedes;
  let server: ReturnType<typeof createServer>;
  let brokerUrl: string;
  const received: { topic: string; payload: string }[] = [];

  beforeAll(async () => {
    broker = await Aedes.createBroker({
      authenticate: (_client, username, password, done) =>
        done(null, username === 'simulator' && password?.toString() === 'sim-secret'),
    });
    broker.subscribe(
      'wattsup/v1/chargers/+/connectors/+/status',
      (packet, done) => {
        received.push({ topic: packet.topic, payload: packet.payload.toString() });
        done();
      },
      () => undefined,
    );
    server = createServer((socket) => broker.handle(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    brokerUrl = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => received.splice(0));

  afterAll(async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise((resolve) => server.close(resolve));
  });

  const run = (seed: number) =>
    simulateStatuses({
      brokerUrl,
      brokerUser: 'simulator',
      brokerPassword: 'sim-secret',
      seed,
      chargers: 30,
      durationMs: 200,
      tickMs: 20,
    });

  it('publishes contract-valid statuses, one per connector then one per change', async () => {
    const summary = await run(7);

    expect(summary).toMatchObject({ seed: 7, chargers: 30, ticks: 10 });
    expect(summary.published).toBeGreaterThan(summary.connectors);
    expect(received).toHaveLength(summary.published);
    for (const { topic, payload } of received) {
      expect(parseTopic(topic)).toMatchObject({ kind: 'connectorStatus' });
      expect(connectorStatusMessage.safeParse(JSON.parse(payload)).success).toBe(true);
    }
    const finalCount = Object.values(summary.finalStatuses).reduce((sum, count) => sum + count, 0);
    expect(finalCount).toBe(summary.connectors);
  });

  it('replays the same statuses for the same seed', async () => {
    const statuses = async (seed: number) => {
      received.splice(0);
      await run(seed);
      // Ticks are sequential; within a tick the broker may deliver in any order.
      return received.map(({ topic, payload }) => `${topic} ${JSON.parse(payload).status}`).sort();
    };
    const first = await statuses(3);
    expect(await statuses(3)).toEqual(first);
    expect(await statuses(4)).not.toEqual(first);
  });

  it('fails with a clear error when the broker refuses the credentials', async () => {
    await expect(
      simulateStatuses({
        brokerUrl,
        brokerUser: 'simulator',
        brokerPassword: 'wrong',
        seed: 1,
        chargers: 1,
        durationMs: 10,
        tickMs: 10,
      }),
    ).rejects.toThrow(/Not authorized/i);
  });

  it('fails rather than hangs when the broker drops it mid-run', async () => {
    broker.once('clientReady', (client) => setTimeout(() => client.close(), 60));

    await expect(run(5)).rejects.toThrow(/lost the connection to the MQTT broker/);
  });
});
