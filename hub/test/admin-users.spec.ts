import {
  type AdminUserPage,
  type AdminUserView,
  LIVE_CLOSE_ACCOUNT_BLOCKED,
  type UserView,
} from '@wattsup/contracts';
import request from 'supertest';
import { accessCookie, subscribedClient } from './live.helpers';
import { browserSession, registeredDriver } from './support/http';
import { adminSession } from './support/ocpp';
import { startTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';
const BLOCKED = 'This account is blocked. Contact customer service to have it reopened.';

describe('admin: customers', () => {
  let hub: TestApp;
  let admin: Awaited<ReturnType<typeof adminSession>>;

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await adminSession(hub);
  });

  afterAll(async () => {
    await hub.close();
  });

  it('finds accounts by email or name, a page at a time, with the total', async () => {
    for (const name of ['Ada', 'Adam', 'Bob']) {
      await browserSession(hub.url)
        .post('/api/v1/auth/register')
        .send({ email: `${name.toLowerCase()}@search.test`, password: PASSWORD, displayName: name })
        .expect(201);
    }
    const byName = await admin.get('/api/v1/admin/users?q=ADA&limit=1').expect(200);
    const page = byName.body as AdminUserPage;
    expect(page.total).toBe(2);
    // Newest first.
    expect(page.users.map((user) => user.email)).toEqual(['adam@search.test']);
    const next = await admin.get('/api/v1/admin/users?q=ada&limit=1&offset=1').expect(200);
    expect((next.body as AdminUserPage).users[0]).toMatchObject({
      email: 'ada@search.test',
      displayName: 'Ada',
      role: 'DRIVER',
      blockedAt: null,
      vehicles: 0,
    });
    // `_` and `%` are letters, not wildcards.
    const literal = await admin.get('/api/v1/admin/users?q=_').expect(200);
    expect((literal.body as AdminUserPage).total).toBe(0);
    await admin.get('/api/v1/admin/users?limit=0').expect(400);
  });

  it('blocks a customer: sign-in, refresh and the access cookie they hold are refused; unblocking restores', async () => {
    const driver = await registeredDriver(hub.url);
    // The session they had before: an access cookie and a refresh cookie.
    await driver.agent.get('/api/v1/auth/me').expect(200);

    const blocked = await admin.post(`/api/v1/admin/users/${driver.user.id}/block`).expect(200);
    expect((blocked.body as AdminUserView).blockedAt).not.toBeNull();

    const me = await driver.agent.get('/api/v1/auth/me').expect(403);
    expect(me.body.message).toBe(BLOCKED);
    await driver.agent.get('/api/v1/reservations/mine').expect(403);
    const refresh = await driver.agent.post('/api/v1/auth/refresh').expect(403);
    expect(refresh.body.message).toBe(BLOCKED);
    const login = await request(hub.url)
      .post('/api/v1/auth/login')
      .send({ email: driver.email, password: PASSWORD })
      .expect(403);
    expect(login.body.message).toBe(BLOCKED);
    // Without the password nobody learns the account is blocked.
    await request(hub.url)
      .post('/api/v1/auth/login')
      .send({ email: driver.email, password: 'not the password' })
      .expect(401);

    const unblocked = await admin.post(`/api/v1/admin/users/${driver.user.id}/unblock`).expect(200);
    expect((unblocked.body as AdminUserView).blockedAt).toBeNull();
    const again = browserSession(hub.url);
    await again
      .post('/api/v1/auth/login')
      .send({ email: driver.email, password: PASSWORD })
      .expect(200);
    const meAgain = await again.get('/api/v1/auth/me').expect(200);
    expect((meAgain.body as UserView).id).toBe(driver.user.id);
    // The refresh tokens of before the block stay revoked: that session must sign in again.
    await driver.agent.post('/api/v1/auth/refresh').expect(401);
  });

  it('shows one customer, and refuses an admin blocking themselves or an unknown account', async () => {
    const driver = await registeredDriver(hub.url);
    const detail = await admin.get(`/api/v1/admin/users/${driver.user.id}`).expect(200);
    expect((detail.body as AdminUserView).email).toBe(driver.email);

    const me = await admin.get('/api/v1/auth/me').expect(200);
    const self = await admin
      .post(`/api/v1/admin/users/${(me.body as UserView).id}/block`)
      .expect(409);
    expect(self.body.message).toBe('You cannot block your own account.');
    await admin.post('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/block').expect(404);
    await admin.get('/api/v1/admin/users/not-a-uuid').expect(400);
    await driver.agent.get('/api/v1/admin/users').expect(403);
  });

  it('keeps a blocked account out of /live: its open socket is closed, a new one is anonymous', async () => {
    const { user, email } = await registeredDriver(hub.url);
    // An operator, so the admin-only topics tell a signed-in socket from an anonymous one.
    await hub.orm.em
      .fork()
      .getConnection()
      .execute(`update users set role = 'ADMIN' where id = ?`, [user.id]);
    const cookie = await accessCookie(hub.url, email, PASSWORD);
    const before = await subscribedClient(hub.url, cookie, { topics: ['imports'] });
    expect(before.frames.at(-1)?.type).toBe('snapshot');
    const closed = new Promise<number>((resolve) => before.socket.once('close', resolve));

    await admin.post(`/api/v1/admin/users/${user.id}/block`).expect(200);
    await expect(closed).resolves.toBe(LIVE_CLOSE_ACCOUNT_BLOCKED);
    const after = await subscribedClient(hub.url, cookie, { topics: ['imports'] });
    expect(after.frames.at(-1)?.type).toBe('error');
    after.close();
  });
});
