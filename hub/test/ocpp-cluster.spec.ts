import type { RPCClient } from 'ocpp-rpc';
import { startSecondHubProcess, type HubProcess } from './support/hub-process';
import { adminSession, chargerClient, eventually, stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

/** Two hub instances, two OS processes, one PostgreSQL and one Redis. */
describe('OCPP across two hub instances', () => {
  let first: TestApp;
  let second: HubProcess;
  let client: RPCClient;
  let chargerId: string;
  let password: string;
  let admin: Awaited<ReturnType<typeof adminSession>>;
  const sql = <T>(query: string, params: unknown[] = []) =>
    first.orm.em.fork().getConnection().execute<T[]>(query, params);

  beforeAll(async () => {
    // Instances presumed dead 3 s after their last sign of life, so the orphan test is quick.
    first = await startTestApp({ OCPP_INSTANCE_TTL_SECONDS: '3' });
    second = await startSecondHubProcess(first, { OCPP_INSTANCE_TTL_SECONDS: '3' });
    admin = await adminSession(first);
    const { stationId } = await stationWithTerminals(first, 'FR*CLU*P1', 1);
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity: 'CLU-1', protocol: 'ocpp1.6', stationId })
      .expect(201);
    chargerId = created.body.id;
    password = created.body.password;
    // The charger is connected to the second process only.
    client = chargerClient({ ...first, url: second.url }, 'CLU-1', password, 'ocpp1.6');
    client.handle('Reset', async ({ params }) => ({
      status: params?.type === 'Hard' ? 'Rejected' : 'Accepted',
    }));
    await client.connect();
    await client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
  });

  afterAll(async () => {
    await client?.close({ force: true });
    await second?.stop();
    await first.close();
  });

  it('routes a command sent to one instance to the instance holding the charger, and the answer back', async () => {
    const soft = await admin
      .post(`/api/v1/admin/chargers/${chargerId}/commands/reset`)
      .send({ type: 'soft' })
      .expect(200);
    expect(soft.body).toMatchObject({ action: 'Reset', status: 'Accepted' });
    const hard = await admin
      .post(`/api/v1/admin/chargers/${chargerId}/commands/reset`)
      .send({ type: 'hard' })
      .expect(200);
    expect(hard.body.status).toBe('Rejected');
  });

  it('writes what the other instance received into the shared database', async () => {
    await client.call('StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Available',
    });
    const [terminal] = await sql<{ status: string }>(
      'select status from terminals where charger_id = ? and connector_id = 1',
      [chargerId],
    );
    expect(terminal.status).toBe('AVAILABLE');
  });

  it('moves the charger when it reconnects to the other instance, without showing it offline', async () => {
    const moved = chargerClient(first, 'CLU-1', password, 'ocpp1.6');
    moved.handle('Reset', async () => ({ status: 'Accepted' }));
    const oldClosed = new Promise((resolve) => client.once('close', resolve));
    await moved.connect();
    await oldClosed; // the second instance let go of its socket
    await eventually(async () => {
      const response = await admin
        .post(`/api/v1/admin/chargers/${chargerId}/commands/reset`)
        .send({ type: 'hard' })
        .expect(200);
      expect(response.body.status).toBe('Accepted');
    });
    const [charger] = await sql<{ online: boolean }>('select online from chargers where id = ?', [
      chargerId,
    ]);
    expect(charger.online).toBe(true);
    await moved.close({ force: true });
  });

  it('declares offline a charger whose instance died without closing its socket', async () => {
    const online = async () =>
      (await sql<{ online: boolean }>('select online from chargers where id = ?', [chargerId]))[0]
        .online;
    // The previous test closed the charger on the first instance: wait until that is recorded,
    // so the `online` seen below is the second instance's doing.
    await eventually(async () => expect(await online()).toBe(false));
    const orphan = chargerClient({ ...first, url: second.url }, 'CLU-1', password, 'ocpp1.6');
    await orphan.connect();
    await eventually(async () => expect(await online()).toBe(true));
    const exited = new Promise((resolve) => second.process.once('exit', resolve));
    second.process.kill('SIGKILL');
    // Dead for sure before its last writes are overwritten below.
    await exited;
    // Pretend its heartbeat window has passed; the survivor's sweep finds the charger orphaned.
    // Aged again on each try: the survivor may still be writing last-seen times of the frames the
    // previous test's client sent it.
    await eventually(async () => {
      await sql(`update chargers set last_seen_at = now() - interval '1 hour' where id = ?`, [
        chargerId,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await online()).toBe(false);
    }, 20_000);
    await orphan.close({ force: true });
  }, 60_000);
});
