import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

describe('operations endpoints', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await startTestApp();
  });
  afterAll(() => hub.close());

  it('reports database, Redis and MQTT at /health', async () => {
    const response = await request(hub.url).get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      checks: { database: 'up', redis: 'up', mqtt: 'disabled' },
    });
  });

  it('serves Prometheus metrics, including HTTP timings by route', async () => {
    await request(hub.url).get('/api/v1/stations?bbox=1,43,2,44').expect(200);
    const response = await request(hub.url).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /wattsup_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/stations",status="200"\} 1/,
    );
    expect(response.text).toMatch(/wattsup_process_cpu_seconds_total/);
  });

  it('publishes the OpenAPI document', async () => {
    const response = await request(hub.url).get('/api/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/stations',
        '/api/v1/stations/nearest',
        '/api/v1/auth/login',
      ]),
    );
  });

  it('sends security headers with a strict CSP and no CORS by default', async () => {
    const response = await request(hub.url)
      .get('/health')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers unknown routes with the error shape of the brief', async () => {
    const response = await request(hub.url).get('/api/v1/nothing-here').expect(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /api/v1/nothing-here',
    });
  });

  it('answers malformed JSON with a 400', async () => {
    const response = await request(hub.url)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(response.body.statusCode).toBe(400);
  });
});

describe('CORS when origins are configured', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await startTestApp({ CORS_ORIGINS: 'https://app.wattsup.example' });
  });
  afterAll(() => hub.close());

  it('allows only the listed origins', async () => {
    const allowed = await request(hub.url)
      .get('/health')
      .set('Origin', 'https://app.wattsup.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.wattsup.example');
    const other = await request(hub.url).get('/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
