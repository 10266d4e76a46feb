import request from 'supertest';
import { browserSession, registeredDriver } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

describe('accounts', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '1000' });
  });
  afterAll(() => hub.close());

  it('registers a driver, sets httpOnly SameSite cookies and knows them at /me', async () => {
    const agent = browserSession(hub.url);
    const response = await agent
      .post('/api/v1/auth/register')
      .send({ email: 'Ada@Example.org', password: 'correct horse battery', displayName: 'Ada' })
      .expect(201);
    expect(response.body).toMatchObject({
      email: 'ada@example.org',
      role: 'DRIVER',
      displayName: 'Ada',
    });
    expect(response.body).not.toHaveProperty('passwordHash');
    const cookies = response.headers['set-cookie'] as unknown as string[];
    expect(cookies.find((c) => c.startsWith('wattsup_access='))).toMatch(
      /HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/,
    );
    expect(cookies.find((c) => c.startsWith('wattsup_refresh='))).toMatch(/Path=\/api\/v1\/auth/);
    const me = await agent.get('/api/v1/auth/me').expect(200);
    expect(me.body.email).toBe('ada@example.org');
  });

  it('refuses a duplicate email with 409, whatever its case', async () => {
    await registeredDriver(hub.url, 'twice@wattsup.test');
    const response = await request(hub.url)
      .post('/api/v1/auth/register')
      .send({ email: 'TWICE@wattsup.test', password: 'another long password' })
      .expect(409);
    expect(response.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'An account with this email already exists. Sign in instead.',
    });
  });

  it('answers bad input with a 400 naming each field', async () => {
    const response = await request(hub.url)
      .post('/api/v1/auth/register')
      .send({ email: 'not-an-email', password: 'short' })
      .expect(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.message).toMatch(/email/);
    expect(response.body.message).toMatch(/password/);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'email',
      'password',
    ]);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    await registeredDriver(hub.url, 'known@wattsup.test');
    const wrongPassword = await request(hub.url)
      .post('/api/v1/auth/login')
      .send({ email: 'known@wattsup.test', password: 'not the password' })
      .expect(401);
    const unknownEmail = await request(hub.url)
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@wattsup.test', password: 'not the password' })
      .expect(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.message).toBe('Email or password is incorrect.');
  });

  it('logs in with the right password', async () => {
    await registeredDriver(hub.url, 'right@wattsup.test');
    const agent = browserSession(hub.url);
    await agent
      .post('/api/v1/auth/login')
      .send({ email: 'right@wattsup.test', password: 'correct horse battery' })
      .expect(200);
    await agent.get('/api/v1/auth/me').expect(200);
  });

  it('is 401 at /me without a session or with a forged token', async () => {
    await request(hub.url).get('/api/v1/auth/me').expect(401);
    await request(hub.url)
      .get('/api/v1/auth/me')
      .set('Cookie', 'wattsup_access=eyJhbGciOiJub25lIn0.e30.')
      .expect(401);
  });

  it('rotates the refresh token and revokes the family when an old one is replayed', async () => {
    const { agent } = await registeredDriver(hub.url);
    const first = await agent.post('/api/v1/auth/refresh').expect(200);
    const firstToken = refreshCookie(first.headers['set-cookie'] as unknown as string[]);
    await agent.post('/api/v1/auth/refresh').expect(200);
    // A thief replays the token that was already rotated: the whole family is revoked.
    await request(hub.url)
      .post('/api/v1/auth/refresh')
      .set('Cookie', `wattsup_refresh=${firstToken}`)
      .expect(401);
    await agent.post('/api/v1/auth/refresh').expect(401);
  });

  it('logs out: the refresh token stops working and the cookies are cleared', async () => {
    const { agent } = await registeredDriver(hub.url);
    const logout = await agent.post('/api/v1/auth/logout').expect(204);
    expect((logout.headers['set-cookie'] as unknown as string[]).join(';')).toMatch(
      /wattsup_access=;/,
    );
    await agent.post('/api/v1/auth/refresh').expect(401);
  });

  it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD', async () => {
    const agent = browserSession(hub.url);
    await agent
      .post('/api/v1/auth/login')
      .send({ email: 'admin@wattsup.test', password: 'admin-password-1' })
      .expect(200);
    expect((await agent.get('/api/v1/auth/me').expect(200)).body.role).toBe('ADMIN');
  });

  it('stores Argon2id hashes, never the password', async () => {
    await registeredDriver(hub.url, 'hashed@wattsup.test');
    const rows = await hub.orm.em
      .fork()
      .getConnection()
      .execute<{ password_hash: string }[]>(
        `select password_hash from users where email = 'hashed@wattsup.test'`,
      );
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('login rate limits', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '1000', AUTH_RATE_LIMIT_PER_ACCOUNT: '3' });
  });
  afterAll(() => hub.close());

  it('locks an account after repeated failures, even with the right password, and says when to retry', async () => {
    await registeredDriver(hub.url, 'target@wattsup.test');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(hub.url)
        .post('/api/v1/auth/login')
        .send({ email: 'target@wattsup.test', password: 'guess guess' })
        .expect(401);
    }
    const locked = await request(hub.url)
      .post('/api/v1/auth/login')
      .send({ email: 'target@wattsup.test', password: 'correct horse battery' })
      .expect(429);
    expect(locked.body.message).toMatch(/Too many failed sign-ins/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits attempts per IP', async () => {
    const strict = await startTestApp({ AUTH_RATE_LIMIT_PER_IP: '2' });
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        await request(strict.url)
          .post('/api/v1/auth/login')
          .send({ email: `x${attempt}@wattsup.test`, password: 'whatever1' })
          .expect(401);
      }
      await request(strict.url)
        .post('/api/v1/auth/login')
        .send({ email: 'y@wattsup.test', password: 'whatever1' })
        .expect(429);
    } finally {
      await strict.close();
    }
  });
});

function refreshCookie(cookies: string[]): string {
  const cookie = cookies.find((c) => c.startsWith('wattsup_refresh='));
  if (!cookie) throw new Error('no refresh cookie');
  return cookie.split(';')[0].slice('wattsup_refresh='.length);
}
