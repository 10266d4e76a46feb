import { Client } from 'pg';
import { ChargersService } from '../src/chargers/chargers.service';
import { LastSeenBatch } from '../src/mqtt/last-seen-batch';
import { MqttChargersService } from '../src/mqtt/mqtt-chargers.service';
import { adminSession, stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

/** MQTT chargers' last-seen times against a real database that goes away and comes back. */
describe('MQTT last-seen writes', () => {
  let hub: TestApp | undefined;

  afterEach(async () => {
    await hub?.close();
    hub = undefined;
  });

  async function mqttCharger(
    app: TestApp,
    identity: string,
  ): Promise<{ id: string; identity: string }> {
    const station = await stationWithTerminals(app, `FR*L${identity}*P1`, 1);
    const admin = await adminSession(app);
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity, protocol: 'mqtt', stationId: station.stationId })
      .expect(201);
    return { id: created.body.id, identity };
  }

  async function lastSeen(databaseUrl: string, chargerId: string): Promise<Date | null> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ last_seen_at: Date | null }>(
        'select last_seen_at from chargers where id = $1',
        [chargerId],
      );
      return rows[0].last_seen_at;
    } finally {
      await client.end();
    }
  }

  it('keeps the times of a write the database refused, and writes them once it is back', async () => {
    const app = (hub = await startTestApp());
    const charger = await mqttCharger(app, 'LS-1');
    const warnings: string[] = [];
    const batch = new LastSeenBatch((times) => app.app.get(ChargersService).touch(times), {
      everyMs: 10,
      maxBackoffMs: 100,
      maxChargers: 10,
      warn: (message) => warnings.push(message),
    });
    const heard = new Date(Date.now() - 5_000);
    batch.seen(charger.id, heard);

    await app.orm.close(true); // the pool is gone: every query fails
    expect(await batch.flush()).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/last-seen write failed .*1 kept/)]);

    await app.orm.connect();
    expect(await lastSeen(app.database.url, charger.id)).toBeNull();
    expect(await batch.flush()).toBe(true);
    expect(await lastSeen(app.database.url, charger.id)).toEqual(heard);
  });

  it('writes the last-seen times still waiting when the hub stops, before its pool closes', async () => {
    const app = await startTestApp();
    const charger = await mqttCharger(app, 'LS-2');
    const before = Date.now();
    const refused = await app.app.get(MqttChargersService).handle({
      kind: 'connectorStatus',
      chargerId: charger.identity,
      connectorId: 1,
      at: new Date(),
      status: 'AVAILABLE',
      sourceStatus: 'Available',
      errorCode: null,
    });
    expect(refused).toBeNull();

    // At once, well within the one-second write period.
    await app.app.close();

    const seen = await lastSeen(app.database.url, charger.id);
    await app.database.drop();
    expect(seen?.getTime()).toBeGreaterThanOrEqual(before);
  });
});
