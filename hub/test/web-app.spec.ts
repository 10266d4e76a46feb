import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

describe('the web app served by the hub', () => {
  let hub: TestApp;
  let webDist: string;

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'wattsup-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Watts Up</title>');
    // Files named like the hub's own paths must never answer in their place.
    writeFileSync(join(webDist, 'health'), 'a file, not the hub');
    mkdirSync(join(webDist, 'api', 'v1'), { recursive: true });
    writeFileSync(join(webDist, 'api', 'v1', 'stations'), 'a file, not the hub');
    hub = await startTestApp({ WEB_DIST_DIR: webDist });
  });

  afterAll(async () => {
    await hub.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('serves the app at the root, with a cache lifetime', async () => {
    const page = await request(hub.url).get('/').expect(200);
    expect(page.text).toContain('<title>Watts Up</title>');
    expect(page.headers['cache-control']).toBe('public, max-age=3600');
  });

  it("leaves the hub's own paths to the hub", async () => {
    const health = await request(hub.url).get('/health').expect(200);
    expect(health.text).not.toContain('a file');
    const api = await request(hub.url).get('/api/v1/stations').expect(400);
    expect(api.body).toMatchObject({ statusCode: 400 });
    await request(hub.url).get('/no-such-file.js').expect(404);
  });
});
