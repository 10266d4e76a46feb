import { randomBytes } from 'node:crypto';
import {
  chargerCommandMessage,
  topics,
  type ChargerCommandMessage,
  type ReservationView,
} from '@wattsup/contracts';
import type { MqttClient } from 'mqtt';
import { connectDevice, localMosquitto } from './mqtt.helpers';
import { adminSession, eventually, stationWithTerminals } from './support/ocpp';
import { quickDriver } from './support/reservations';
import { startTestApp, type TestApp } from './support/test-app';

/** An MQTT charger, through the Mosquitto of this machine, held and used through reservations. */
describe('reservations on an MQTT charger', () => {
  // Mosquitto is shared by every run on this machine: a unique identity keeps runs apart.
  const identity = `MQRES-${randomBytes(3).toString('hex')}`;
  let hub: TestApp;
  let device: MqttClient;
  let terminalIds: string[];
  const commands: ChargerCommandMessage[] = [];
  const status = (connectorId: number, value: string) =>
    device.publishAsync(
      topics.connectorStatus(identity, connectorId),
      JSON.stringify({ status: value, ts: new Date().toISOString() }),
      { qos: 1 },
    );
  const terminalStatus = async (terminalId: string) =>
    (
      await hub.orm.em
        .fork()
        .getConnection()
        .execute<{ status: string }[]>('select status from terminals where id = ?', [terminalId])
    )[0].status;

  beforeAll(async () => {
    const broker = await localMosquitto();
    hub = await startTestApp({ MQTT_URL: broker.hubUrl, RESERVATION_HOLD_SECONDS: '2' });
    const admin = await adminSession(hub);
    const station = await stationWithTerminals(hub, `FR*${identity}*P1`, 2);
    terminalIds = station.terminalIds;
    await admin
      .post('/api/v1/admin/chargers')
      .send({ identity, protocol: 'mqtt', stationId: station.stationId })
      .expect(201);
    device = await connectDevice(broker, `charger-${identity}`);
    device.on('message', (_topic, payload) =>
      commands.push(chargerCommandMessage.parse(JSON.parse(String(payload)))),
    );
    await device.subscribeAsync(topics.chargerCommands(identity), { qos: 1 });
    // The hub hears the charger once its subscriptions are up.
    await eventually(async () => {
      await status(1, 'Available');
      await status(2, 'Available');
      expect(await terminalStatus(terminalIds[1])).toBe('AVAILABLE');
    }, 15_000);
    // Its availability announcement is what makes an MQTT charger reachable for holds.
    await device.publishAsync(
      topics.chargerAvailability(identity),
      JSON.stringify({ online: true, ts: new Date().toISOString() }),
      { qos: 1, retain: true },
    );
    await eventually(async () => {
      const [charger] = await hub.orm.em
        .fork()
        .getConnection()
        .execute<{ online: boolean }[]>('select online from chargers where identity = ?', [
          identity,
        ]);
      expect(charger.online).toBe(true);
    });
  });

  afterAll(async () => {
    // An empty retained message clears the announcement from the shared Mosquitto.
    await device?.publishAsync(topics.chargerAvailability(identity), '', { qos: 1, retain: true });
    await device?.endAsync(true);
    await hub?.close();
  });

  it('says the terminals can be held by their charger', async () => {
    const driver = await quickDriver(hub);
    const { body } = await driver.get(`/api/v1/stations/${await stationIdOf(terminalIds[0])}`);
    expect(body.terminals.map((t: { reservable: string }) => t.reservable)).toEqual([
      'CHARGER',
      'CHARGER',
    ]);
  });

  it('sends the reserve command, turns IN_USE when the car plugs in, and COMPLETED when it leaves', async () => {
    const driver = await quickDriver(hub);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: terminalIds[0] })
      .expect(201);
    expect(body).toMatchObject({ status: 'ACTIVE', kind: 'CHARGER' });
    await eventually(async () =>
      expect(commands.at(-1)).toMatchObject({
        command: 'reserve',
        connectorId: 1,
        reservationId: body.id,
        idTag: driver.idTag,
        expiresAt: body.expiresAt,
      }),
    );
    // The charger shows the connector reserved, then the car plugs in.
    await status(1, 'Reserved');
    await status(1, 'Charging');
    await eventually(async () =>
      expect(
        ((await driver.get(`/api/v1/reservations/${body.id}`).expect(200)).body as ReservationView)
          .status,
      ).toBe('IN_USE'),
    );
    await status(1, 'Available');
    await eventually(async () =>
      expect((await driver.get(`/api/v1/reservations/${body.id}`).expect(200)).body.status).toBe(
        'COMPLETED',
      ),
    );
  });

  it('sends the cancel command when the hold expires', async () => {
    const driver = await quickDriver(hub);
    const { body } = await driver
      .post('/api/v1/reservations', { terminalId: terminalIds[1] })
      .expect(201);
    await eventually(
      async () =>
        expect(commands.at(-1)).toMatchObject({
          command: 'cancel',
          connectorId: 2,
          reservationId: body.id,
        }),
      6000,
    );
    expect((await driver.get(`/api/v1/reservations/${body.id}`).expect(200)).body.status).toBe(
      'EXPIRED',
    );
  });

  async function stationIdOf(terminalId: string): Promise<string> {
    const [row] = await hub.orm.em
      .fork()
      .getConnection()
      .execute<{ station_id: string }[]>('select station_id from terminals where id = ?', [
        terminalId,
      ]);
    return row.station_id;
  }
});
