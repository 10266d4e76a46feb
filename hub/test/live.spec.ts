import type { RPCClient } from 'ocpp-rpc';
import type { LiveFrame, LiveServerFrame } from '@wattsup/contracts';
import { LiveEvents } from '../src/live/live-events';
import { registeredDriver } from './support/http';
import { adminSession, chargerClient, stationWithTerminals } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';
import { accessCookie, liveClient, type LiveTestClient, sleep } from './live.helpers';

const isStatus = (terminalId: string, status: string) => (frame: LiveServerFrame) =>
  frame.type === 'terminal.status' &&
  frame.data.terminalId === terminalId &&
  frame.data.status === status;

describe('/live socket against the real hub', () => {
  let hub: TestApp;
  let stationId: string;
  let terminalIds: string[];
  let charger: RPCClient;
  const clients: LiveTestClient[] = [];
  const open = async (cookie?: string) => {
    const client = await liveClient(hub.url, cookie);
    clients.push(client);
    return client;
  };
  const statusNotification = (connectorId: number, status: string) =>
    charger.call('StatusNotification', {
      connectorId,
      errorCode: 'NoError',
      status,
      timestamp: new Date().toISOString(),
    });
  // The test station sits at lon 1.44, lat 43.6 (Toulouse).
  const TOULOUSE = [1.3, 43.5, 1.6, 43.7];
  const LYON = [4.7, 45.6, 5.0, 45.9];

  beforeAll(async () => {
    hub = await startTestApp({ LIVE_COALESCE_MS: '50' });
    const station = await stationWithTerminals(hub, 'FR*LIV*P1', 2);
    stationId = station.stationId;
    terminalIds = station.terminalIds;
    const admin = await adminSession(hub);
    const created = await admin
      .post('/api/v1/admin/chargers')
      .send({ identity: 'CP-LIVE', protocol: 'ocpp1.6', stationId })
      .expect(201);
    charger = chargerClient(hub, 'CP-LIVE', created.body.password, 'ocpp1.6');
    await charger.connect();
    await charger.call('BootNotification', { chargePointVendor: 'W', chargePointModel: 'U' });
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await charger?.close({ force: true });
    await hub.close();
  });

  it('answers a bbox subscription with a snapshot of the area', async () => {
    const client = await open();
    client.send({ type: 'subscribe', bbox: TOULOUSE });
    const snapshot = await client.next((frame) => frame.type === 'snapshot');
    expect(snapshot.type === 'snapshot' && snapshot.data).toEqual({
      bbox: TOULOUSE,
      stations: [{ stationId, lon: 1.44, lat: 43.6, available: 0, total: 2, doubtful: 2 }],
      terminals: [],
      truncated: false,
    });
  });

  it('delivers an OCPP status change, with freshness and station summary, only to the area concerned', async () => {
    const here = await open();
    const elsewhere = await open();
    const byStation = await open();
    here.send({ type: 'subscribe', bbox: TOULOUSE });
    elsewhere.send({ type: 'subscribe', bbox: LYON });
    byStation.send({ type: 'subscribe', stationId });
    await Promise.all(
      [here, elsewhere, byStation].map((c) => c.next((f) => f.type === 'snapshot')),
    );
    const sent = Date.now();
    await statusNotification(1, 'Available');
    const frame = await here.next(isStatus(terminalIds[0], 'AVAILABLE'));
    expect(frame.type === 'terminal.status' && frame.data).toEqual({
      terminalId: terminalIds[0],
      stationId,
      status: 'AVAILABLE',
      source: 'OCPP',
      confirmedAt: expect.any(String),
      lon: 1.44,
      lat: 43.6,
      station: { available: 1, total: 2, doubtful: 1 },
    });
    expect(Date.parse(frame.at)).toBeGreaterThanOrEqual(sent - 1000);
    await byStation.next(isStatus(terminalIds[0], 'AVAILABLE'));
    await sleep(200);
    expect(elsewhere.frames.filter((f) => f.type === 'terminal.status')).toEqual([]);
  });

  it('sends the terminals of a station subscribed by id in its snapshot, with who confirmed them and when', async () => {
    const client = await open();
    client.send({ type: 'subscribe', stationIds: [stationId] });
    const snapshot = await client.next((frame) => frame.type === 'snapshot');
    if (snapshot.type !== 'snapshot') throw new Error('not a snapshot');
    expect(snapshot.data.terminals).toEqual([
      expect.objectContaining({
        terminalId: terminalIds[0],
        status: 'AVAILABLE',
        source: 'OCPP',
        confirmedAt: expect.any(String),
      }),
      // The hub itself vouched for the silent connector at boot.
      expect.objectContaining({ terminalId: terminalIds[1], status: 'UNKNOWN', source: 'HUB' }),
    ]);
  });

  it('coalesces changes to one terminal within the window: the client sees the last one', async () => {
    const client = await open();
    client.send({ type: 'subscribe', stationId });
    await client.next((frame) => frame.type === 'snapshot');
    const live = hub.app.get(LiveEvents);
    const base = {
      terminalId: terminalIds[1],
      stationId,
      source: 'SUPPORT' as const,
      confirmedAt: new Date().toISOString(),
      lon: 1.44,
      lat: 43.6,
      station: { available: 1, total: 2, doubtful: 0 },
    };
    live.publish('terminal.status', { ...base, status: 'OCCUPIED' });
    live.publish('terminal.status', { ...base, status: 'FAULTED' });
    live.publish('terminal.status', { ...base, status: 'AVAILABLE' });
    await client.next(isStatus(terminalIds[1], 'AVAILABLE'));
    await sleep(150);
    expect(
      client.frames.filter((f) => f.type === 'terminal.status').map((f) => f.data.status),
    ).toEqual(['AVAILABLE']);
  });

  it('holds a terminal heard of within the window, then sends only its newest state', async () => {
    const client = await open();
    client.send({ type: 'subscribe', stationId });
    await client.next((frame) => frame.type === 'snapshot');
    const live = hub.app.get(LiveEvents);
    const base = {
      terminalId: terminalIds[0],
      stationId,
      source: 'SUPPORT' as const,
      confirmedAt: new Date().toISOString(),
      lon: 1.44,
      lat: 43.6,
      station: { available: 0, total: 2, doubtful: 0 },
    };
    live.publish('terminal.status', { ...base, status: 'OCCUPIED' });
    await client.next(isStatus(terminalIds[0], 'OCCUPIED'));
    live.publish('terminal.status', { ...base, status: 'FAULTED' });
    live.publish('terminal.status', {
      ...base,
      status: 'AVAILABLE',
      station: { ...base.station, available: 1 },
    });
    const last = await client.next(isStatus(terminalIds[0], 'AVAILABLE'));
    expect(last.type === 'terminal.status' && last.data.station.available).toBe(1);
    expect(
      client.frames
        .filter((f) => f.type === 'terminal.status' && f.data.terminalId === terminalIds[0])
        .map((f) => f.type === 'terminal.status' && f.data.status),
    ).toEqual(['OCCUPIED', 'AVAILABLE']);
  });

  it('refuses bad frames with an error frame and keeps the socket open', async () => {
    const client = await open();
    client.socket.send('not json');
    await client.next((frame) => frame.type === 'error');
    client.send({ type: 'subscribe', bbox: [5, 45, 4, 46] });
    await client.next(
      (frame) => frame.type === 'error' && frame.data.message.includes('minimums first'),
    );
    client.send({ type: 'subscribe', topics: ['fleet'] });
    await client.next((frame) => frame.type === 'error' && frame.data.message.includes('admins'));
    client.send({ type: 'subscribe', bbox: TOULOUSE });
    await client.next((frame) => frame.type === 'snapshot');
  });

  it('sends a reservation only to its own user, whatever others subscribed to', async () => {
    const driver = await registeredDriver(hub.url);
    const mine = await open(await accessCookie(hub.url, driver.email, 'correct horse battery'));
    const anonymous = await open();
    mine.send({ type: 'subscribe', bbox: TOULOUSE });
    anonymous.send({ type: 'subscribe', bbox: TOULOUSE });
    await Promise.all([mine, anonymous].map((c) => c.next((f) => f.type === 'snapshot')));
    const reservation: LiveFrame<'reservation.updated'>['data'] = {
      reservationId: '00000000-0000-4000-8000-000000000001',
      userId: driver.user.id,
      terminalId: terminalIds[0],
      status: 'ACTIVE',
      expiresAt: new Date(Date.now() + 1800_000).toISOString(),
      cause: 'Reserved',
      estimatedEndAt: null,
      alternatives: [],
    };
    hub.app.get(LiveEvents).publish('reservation.updated', reservation);
    const frame = await mine.next((f) => f.type === 'reservation.updated');
    expect(frame.data).toEqual(reservation);
    await sleep(150);
    expect(anonymous.frames.some((f) => f.type === 'reservation.updated')).toBe(false);
  });

  it('lets an admin follow the fleet; charger connections do not reach the public', async () => {
    const admin = await open(
      await accessCookie(hub.url, hub.config.ADMIN_EMAIL!, hub.config.ADMIN_PASSWORD!),
    );
    const anonymous = await open();
    admin.send({ type: 'subscribe', topics: ['fleet', 'imports'] });
    anonymous.send({ type: 'subscribe', bbox: [-180, -90, 180, 90] });
    await Promise.all([admin, anonymous].map((c) => c.next((f) => f.type === 'snapshot')));
    const other = chargerClient(hub, 'CP-LIVE-2', null, 'ocpp1.6');
    const admins = await adminSession(hub);
    const created = await admins
      .post('/api/v1/admin/chargers')
      .send({ identity: 'CP-LIVE-3', protocol: 'ocpp1.6' })
      .expect(201);
    const third = chargerClient(hub, 'CP-LIVE-3', created.body.password, 'ocpp1.6');
    await third.connect();
    const frame = await admin.next(
      (f) => f.type === 'charger.connection' && f.data.identity === 'CP-LIVE-3',
    );
    expect(frame.data).toMatchObject({ online: true });
    await third.close({ force: true });
    await other.close({ force: true });
    await sleep(150);
    expect(anonymous.frames.some((f) => f.type === 'charger.connection')).toBe(false);
  });

  it('shares the port with OCPP and answers 404 to other WebSocket paths', async () => {
    await expect(liveClient(`${hub.url}/elsewhere`)).rejects.toThrow(/404/);
  });
});
