import type { LiveServerFrame, SupportTicketUpdate } from '@wattsup/contracts';
import {
  accessCookie,
  liveClient,
  type LiveTestClient,
  sleep,
  subscribedClient,
} from './live.helpers';
import { adminSession } from './support/ocpp';
import { quickDriver } from './support/reservations';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A ticket's life on `/live`: its driver's socket hears every change, whatever it subscribed to;
 * admins hear it on topic `support`; another driver, an anonymous socket and an admin on another
 * topic hear nothing.
 */
describe('support.updated on /live', () => {
  let hub: TestApp;
  const sockets: LiveTestClient[] = [];

  beforeAll(async () => {
    hub = await startTestApp();
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

  it("tells the ticket's driver and the admins watching support, nobody else", async () => {
    const owner = await quickDriver(hub);
    const stranger = await quickDriver(hub);
    const admin = await adminSession(hub);
    const adminCookie = await accessCookie(
      hub.url,
      hub.config.ADMIN_EMAIL!,
      hub.config.ADMIN_PASSWORD!,
    );
    const everywhere = { bbox: [-180, -90, 180, 90] };
    const ownerSocket = await subscribed(owner.cookie, {});
    const adminWatching = await subscribed(adminCookie, { topics: ['support'] });
    const others = [
      await subscribed(stranger.cookie, everywhere),
      await subscribed(undefined, everywhere),
      await subscribed(adminCookie, { topics: ['fleet', 'reservations'] }),
    ];

    const opened = await owner
      .post('/api/v1/support/tickets', { subject: 'Card refused', message: 'Refused twice.' })
      .expect(201);
    const id: string = opened.body.id;
    const changes = (socket: LiveTestClient) =>
      socket.frames
        .filter(
          (frame): frame is Extract<LiveServerFrame, { type: 'support.updated' }> =>
            frame.type === 'support.updated' && frame.data.ticket.id === id,
        )
        .map((frame) => frame.data);
    const heard = async (socket: LiveTestClient, change: SupportTicketUpdate['change']) =>
      socket.next(
        (frame) =>
          frame.type === 'support.updated' &&
          frame.data.ticket.id === id &&
          frame.data.change === change,
      );

    for (const socket of [ownerSocket, adminWatching]) {
      const frame = await heard(socket, 'CREATED');
      expect(frame).toEqual({
        type: 'support.updated',
        at: opened.body.updatedAt,
        data: { change: 'CREATED', ticket: opened.body },
      });
    }

    const answered = await admin
      .post(`/api/v1/support/tickets/${id}/messages`)
      .send({ message: 'We refunded you.' })
      .expect(201);
    for (const socket of [ownerSocket, adminWatching]) {
      const frame = await heard(socket, 'ANSWERED');
      expect(frame.type === 'support.updated' && frame.data.ticket).toEqual(answered.body);
    }
    expect(answered.body).toMatchObject({ status: 'ANSWERED' });

    await owner
      .post(`/api/v1/support/tickets/${id}/messages`, { message: 'Thanks, one more thing' })
      .expect(201);
    await heard(ownerSocket, 'MESSAGE');
    await heard(adminWatching, 'MESSAGE');
    await admin.post(`/api/v1/support/tickets/${id}/close`).expect(200);
    await heard(ownerSocket, 'CLOSED');
    await heard(adminWatching, 'CLOSED');

    // A stranger's attempt changes nothing, so it tells nobody.
    await stranger.post(`/api/v1/support/tickets/${id}/close`).expect(404);
    await sleep(200);
    for (const socket of [ownerSocket, adminWatching]) {
      expect(changes(socket).map(({ change, ticket }) => [change, ticket.status])).toEqual([
        ['CREATED', 'OPEN'],
        ['ANSWERED', 'ANSWERED'],
        ['MESSAGE', 'OPEN'],
        ['CLOSED', 'CLOSED'],
      ]);
    }
    for (const socket of others) expect(changes(socket)).toEqual([]);
  });

  it('refuses the support topic to a driver', async () => {
    const driver = await quickDriver(hub);
    const socket = await liveClient(hub.url, driver.cookie);
    sockets.push(socket);
    socket.send({ type: 'subscribe', topics: ['support'] });
    const refusal = await socket.next((frame) => frame.type === 'error');
    expect(refusal).toMatchObject({
      data: { message: expect.stringMatching(/^Only admins may subscribe to topics/) },
    });
  });
});
