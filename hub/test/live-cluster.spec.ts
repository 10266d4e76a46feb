import type { RPCClient } from 'ocpp-rpc';
import { startSecondHubProcess, type HubProcess } from './support/hub-process';
import { adminSession, chargerClient, stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';
import { accessCookie, liveClient, sleep } from './live.helpers';

/** Two hub instances over one database and one Redis: a second, compiled hub in its own process. */
describe('/live across two hub processes', () => {
  let a: TestApp;
  let b: HubProcess;
  let charger: RPCClient;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startSecondHubProcess(a);
  }, 40000);

  afterAll(async () => {
    await charger?.close({ force: true });
    await b?.stop();
    await a.close();
  });

  it('delivers a status change that reached instance A to sockets on both instances, once each', async () => {
    const { stationId, terminalIds } = await stationWithTerminals(a, 'FR*CLU*P1', 1);
    const admin = await adminSession(a);
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity: 'CP-CLUSTER', protocol: 'ocpp1.6', stationId })
      .expect(201);
    const onA = await liveClient(a.url);
    const onB = await liveClient(b.url);
    for (const client of [onA, onB]) {
      client.send({ type: 'subscribe', bbox: [1.3, 43.5, 1.6, 43.7] });
      await client.next((frame) => frame.type === 'snapshot');
    }
    charger = chargerClient(a, 'CP-CLUSTER', created.body.password, 'ocpp1.6');
    await charger.connect();
    await charger.call('BootNotification', { chargePointVendor: 'W', chargePointModel: 'U' });
    await charger.call('StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Charging',
      timestamp: new Date().toISOString(),
    });
    const occupied = (frame: { type: string; data: unknown }) =>
      frame.type === 'terminal.status' &&
      (frame.data as { terminalId: string; status: string }).terminalId === terminalIds[0] &&
      (frame.data as { status: string }).status === 'OCCUPIED';
    const fromB = await onB.next(occupied);
    expect(fromB.data).toMatchObject({ stationId, station: { available: 0, total: 1 } });
    await onA.next(occupied);
    await sleep(300);
    expect(onA.frames.filter(occupied)).toHaveLength(1);
    expect(onB.frames.filter(occupied)).toHaveLength(1);
    onA.close();
    onB.close();
  });

  it('delivers a charger connection on instance B to an admin watching the fleet on A, once', async () => {
    const admin = await adminSession(a);
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity: 'CP-CLUSTER-B', protocol: 'ocpp1.6' })
      .expect(201);
    const watcher = await liveClient(
      a.url,
      await accessCookie(a.url, a.config.ADMIN_EMAIL!, a.config.ADMIN_PASSWORD!),
    );
    watcher.send({ type: 'subscribe', topics: ['fleet'] });
    await watcher.next((frame) => frame.type === 'snapshot');
    const onB = chargerClient(
      { ...a, url: b.url },
      'CP-CLUSTER-B',
      created.body.password,
      'ocpp1.6',
    );
    await onB.connect();
    const online = (frame: { type: string; data: unknown }) =>
      frame.type === 'charger.connection' &&
      (frame.data as { identity: string; online: boolean }).identity === 'CP-CLUSTER-B' &&
      (frame.data as { online: boolean }).online;
    await watcher.next(online);
    await sleep(300);
    expect(watcher.frames.filter(online)).toHaveLength(1);
    await onB.close({ force: true });
    watcher.close();
  });
});
