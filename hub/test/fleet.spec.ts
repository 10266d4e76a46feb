import type { FleetSummary, LiveServerFrame } from '@wattsup/contracts';
import request from 'supertest';
import { accessCookie, type LiveTestClient, sleep, subscribedClient } from './live.helpers';
import { adminSession, eventually } from './support/ocpp';
import { onlineCharger, quickDriver } from './support/reservations';
import { startTestApp, type TestApp } from './support/test-app';

type SummaryFrame = Extract<LiveServerFrame, { type: 'fleet.summary' }>;
const isSummary = (frame: LiveServerFrame): frame is SummaryFrame => frame.type === 'fleet.summary';

/**
 * The admins' fleet dashboard: `GET /admin/fleet` and `fleet.summary` on the `fleet-summary`
 * topic, against real PostgreSQL, Redis, OCPP chargers and `/live` sockets.
 */
describe('fleet dashboard', () => {
  let hub: TestApp;
  let admin: Awaited<ReturnType<typeof adminSession>>;
  const sockets: LiveTestClient[] = [];

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await adminSession(hub);
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await hub?.close();
  });

  async function subscribed(cookie: string | undefined, message: object) {
    const socket = await subscribedClient(hub.url, cookie, message);
    sockets.push(socket);
    return socket;
  }

  /** The summary once it satisfies `check` (the answer is cached for a second). */
  const summaryWhen = (check: (summary: FleetSummary) => void) =>
    eventually(async () => {
      const { body } = await admin.get('/api/v1/admin/fleet').expect(200);
      check(body as FleetSummary);
      return body as FleetSummary;
    }, 8000);

  it('is for admins only', async () => {
    const driver = await quickDriver(hub);
    await driver.get('/api/v1/admin/fleet').expect(403);
    await request(hub.url).get('/api/v1/admin/fleet').expect(401);
    const refused = await subscribed(driver.cookie, { topics: ['fleet-summary'] });
    expect(refused.frames).toEqual([
      expect.objectContaining({ type: 'error', data: { message: expect.any(String) } }),
    ]);
  });

  it('counts a charger that connects, faults and disconnects, and tells the admins watching', async () => {
    const before = await summaryWhen(() => undefined);
    expect(before.chargers).toMatchObject({ total: 0, online: 0, offline: 0, faulted: 0 });
    expect(Object.keys(before.terminals.byStatus)).toHaveLength(7);

    const adminCookie = await accessCookie(
      hub.url,
      hub.config.ADMIN_EMAIL!,
      hub.config.ADMIN_PASSWORD!,
    );
    const watching = await subscribed(adminCookie, { topics: ['fleet-summary'] });
    const driver = await quickDriver(hub);
    const others = [
      await subscribed(adminCookie, { topics: ['fleet'] }),
      await subscribed(driver.cookie, { bbox: [-180, -90, 180, 90] }),
      await subscribed(undefined, { bbox: [-180, -90, 180, 90] }),
    ];

    const charger = await onlineCharger(hub, admin, {
      identity: 'FLEET-1',
      protocol: 'ocpp1.6',
      terminals: 2,
    });
    const connected = await summaryWhen((summary) => expect(summary.utilisation.connected).toBe(2));
    expect(connected.chargers).toMatchObject({ total: 1, online: 1, offline: 0 });
    expect(connected.chargers.byProtocol['ocpp1.6']).toEqual({ online: 1, offline: 0 });
    expect(connected.terminals.byStatus.AVAILABLE).toBe(2);
    // The summary that went out carries the same figures.
    await watching.next(
      (frame) =>
        isSummary(frame) &&
        frame.data.chargers.online === 1 &&
        frame.data.terminals.byStatus.AVAILABLE === 2,
    );

    await charger.status(1, 'Occupied');
    await charger.status(2, 'Faulted');
    const busy = await watching.next(
      (frame) =>
        isSummary(frame) &&
        frame.data.chargers.faulted === 1 &&
        frame.data.utilisation.occupied === 1,
    );
    expect(busy.type === 'fleet.summary' && busy.data.utilisation).toMatchObject({
      connected: 2,
      occupied: 1,
      ratio: 0.5,
    });
    expect(busy.type === 'fleet.summary' && busy.data.recent[0]).toMatchObject({
      kind: 'FAULT',
      charger: { id: charger.chargerId, identity: 'FLEET-1' },
      terminal: { id: charger.terminalIds[1], pdcId: expect.any(String) },
      station: { id: charger.stationId, name: 'Station FR*FLEET-1*P1' },
    });

    await charger.client.close();
    const gone = (await watching.next(
      (frame) => isSummary(frame) && frame.data.chargers.offline === 1,
      8000,
    )) as SummaryFrame;
    expect(gone.data.chargers).toMatchObject({ online: 0, offline: 1 });
    expect(gone.data.terminals.byStatus.OFFLINE).toBe(2);
    expect(gone.data.utilisation).toMatchObject({ connected: 0, ratio: null });
    expect(gone.data.recent.map((event) => event.kind)).toEqual(['DISCONNECT', 'FAULT']);
    expect(gone.data.recent[0]).toMatchObject({
      charger: { id: charger.chargerId, identity: 'FLEET-1' },
      terminal: null,
      station: { id: charger.stationId },
    });
    expect(gone.at).toBe(gone.data.at);

    // At most one summary a second, however many changes the window held.
    const times = watching.frames.filter(isSummary).map((frame) => Date.parse(frame.data.at));
    for (let index = 1; index < times.length; index += 1)
      expect(times[index] - times[index - 1]).toBeGreaterThanOrEqual(900);

    await sleep(300);
    for (const socket of others) expect(socket.frames.filter(isSummary)).toEqual([]);
  });
});
