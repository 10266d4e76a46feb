import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import {
  type ChargerAvailabilityMessage,
  chargerAvailabilityMessage,
  connectorMeterMessage,
  connectorStatusMessage,
  createRandom,
  parseTopic,
  topics,
} from '@wattsup/contracts';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import type { ConnectorRates } from '../charger/connector.machine';
import { syntheticChargers } from '../provisioning/synthetic';
import { newFleetStats } from '../stats';
import { eventually } from '../support/hub-process';
import { MqttChargers } from './mqtt-chargers';

const QUIET: ConnectorRates = {
  arrivalsPerHour: 0,
  reservedArrivalsPerHour: 0,
  faultsPerHour: 0,
  repairsPerHour: 0,
};

describe('MQTT chargers against a real broker', () => {
  let broker: Aedes;
  let server: ReturnType<typeof createServer>;
  let url: string;
  const received: { topic: string; payload: string }[] = [];
  const availability: ({ topic: string } & ChargerAvailabilityMessage)[] = [];
  let group: MqttChargers | null = null;

  beforeAll(async () => {
    broker = await Aedes.createBroker({
      authenticate: (_client, username, password, done) =>
        done(null, username === 'simulator' && password?.toString() === 'sim-secret'),
    });
    broker.subscribe(
      'wattsup/v1/chargers/+/connectors/+/+',
      (packet, done) => {
        received.push({ topic: packet.topic, payload: packet.payload.toString() });
        done();
      },
      () => undefined,
    );
    broker.subscribe(
      topics.chargerAvailability('+'),
      (packet, done) => {
        availability.push({ topic: packet.topic, ...JSON.parse(packet.payload.toString()) });
        done();
      },
      () => undefined,
    );
    server = createServer((socket) => broker.handle(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await group?.stop();
    group = null;
    received.splice(0);
    availability.splice(0);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise((resolve) => server.close(resolve));
  });

  const start = async (rates: ConnectorRates, count = 20) => {
    group = new MqttChargers(
      syntheticChargers(createRandom(1), count),
      { url, username: 'simulator', password: 'sim-secret' },
      {
        seed: 2,
        rates: () => rates,
        stats: newFleetStats(),
        log: () => undefined,
        meterEverySeconds: 0,
      },
    );
    await group.start();
    return group;
  };

  it('reports every connector, then statuses and meter readings as drivers come and go', async () => {
    const chargers = await start({ ...QUIET, arrivalsPerHour: 2 });
    const connectors = chargers.states.flatMap((charger) => charger.connectors).length;
    await eventually(() => expect(received).toHaveLength(connectors));

    for (let minute = 0; minute < 120; minute++) chargers.tick(60, Date.now());

    await eventually(() => {
      const kinds = received.map(({ topic }) => parseTopic(topic)?.kind);
      expect(kinds).toContain('connectorMeter');
      expect(kinds.filter((kind) => kind === 'connectorStatus').length).toBeGreaterThan(
        connectors * 2,
      );
    });
    for (const { topic, payload } of received) {
      const schema =
        parseTopic(topic)?.kind === 'connectorStatus'
          ? connectorStatusMessage
          : connectorMeterMessage;
      expect(schema.safeParse(JSON.parse(payload)).success).toBe(true);
    }
  });

  it('obeys a reserve command from the hub and shows the connector Reserved', async () => {
    await start(QUIET, 1);
    await eventually(() => expect(received.length).toBeGreaterThan(0));
    const hub = await mqtt.connectAsync(url, { username: 'simulator', password: 'sim-secret' });
    await hub.publishAsync(
      topics.chargerCommands('SIM-00001'),
      JSON.stringify({
        command: 'reserve',
        connectorId: 1,
        reservationId: '3f1c2a4e-8b9d-4c6e-a1f2-1234567890ab',
        idTag: 'DRIVER',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        ts: new Date().toISOString(),
      }),
    );
    await hub.endAsync();
    await eventually(() =>
      expect(
        received.some(
          ({ topic, payload }) =>
            topic === topics.connectorStatus('SIM-00001', 1) &&
            JSON.parse(payload).status === 'Reserved',
        ),
      ).toBe(true),
    );
  });

  it('announces each charger on its availability topic, whose will says offline when its connection dies', async () => {
    const chargers = await start(QUIET, 3);
    await eventually(() => expect(availability).toHaveLength(3));
    for (const message of availability) {
      const { topic, ...payload } = message;
      expect(chargerAvailabilityMessage.parse(payload)).toMatchObject({
        online: true,
        heartbeatSeconds: 60,
      });
      expect(topic).toMatch(/^wattsup\/v1\/chargers\/SIM-0000[123]\/availability$/);
    }

    chargers.cutConnection('SIM-00002');
    await eventually(() =>
      expect(availability.at(-1)).toMatchObject({
        topic: topics.chargerAvailability('SIM-00002'),
        online: false,
      }),
    );
    // It comes back by itself and says so.
    await eventually(() =>
      expect(availability.at(-1)).toMatchObject({
        topic: topics.chargerAvailability('SIM-00002'),
        online: true,
      }),
    );

    await chargers.stop();
    group = null;
    const goodbyes = availability.filter((message) => !message.online).map(({ topic }) => topic);
    expect(goodbyes.sort()).toEqual(
      ['SIM-00001', 'SIM-00002', 'SIM-00002', 'SIM-00003'].map(topics.chargerAvailability),
    );
  }, 15_000);

  it('fails with a clear error when the broker refuses the credentials', async () => {
    const refused = new MqttChargers(
      syntheticChargers(createRandom(1), 1),
      { url, username: 'simulator', password: 'wrong' },
      { seed: 1, rates: () => QUIET, stats: newFleetStats(), log: () => undefined },
    );
    await expect(refused.start()).rejects.toThrow(/Not authorized/i);
  });
});
