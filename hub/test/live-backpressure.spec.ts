import net from 'node:net';
import request from 'supertest';
import { LiveEvents } from '../src/live/live-events';
import { startTestApp, type TestApp } from './support/test-app';
import { liveClient, sleep } from './live.helpers';

/** A WebSocket client that subscribes, then never reads again: its kernel buffers fill up. */
async function stalledClient(hub: TestApp, subscribe: unknown): Promise<net.Socket> {
  const { port } = new URL(hub.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  socket.write(
    'GET /live HTTP/1.1\r\nHost: hub\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  await new Promise<void>((resolve) =>
    socket.once('data', (chunk) => {
      expect(String(chunk)).toMatch(/^HTTP\/1.1 101/);
      resolve();
    }),
  );
  // RFC 6455 §5.3: client frames are masked; a zero mask keeps the payload as is.
  const payload = Buffer.from(JSON.stringify(subscribe));
  expect(payload.length).toBeLessThan(126);
  socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0]), payload]));
  await sleep(100);
  socket.pause();
  return socket;
}

describe('/live with a client that stops reading', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await startTestApp({ LIVE_COALESCE_MS: '5', LIVE_MAX_BUFFERED_BYTES: '65536' });
  });

  afterAll(() => hub.close());

  it('drops and counts the stalled client; a healthy one keeps every frame', async () => {
    const bbox = [1, 43, 2, 44];
    const healthy = await liveClient(hub.url);
    healthy.send({ type: 'subscribe', bbox });
    await healthy.next((frame) => frame.type === 'snapshot');
    const stalled = await stalledClient(hub, { type: 'subscribe', bbox });
    const live = hub.app.get(LiveEvents);
    const metric = async () =>
      /wattsup_live_dropped_clients_total (\d+)/.exec(
        (await request(hub.url).get('/metrics')).text,
      )?.[1];
    let published = 0;
    for (let round = 0; round < 200 && (await metric()) === '0'; round++) {
      for (let i = 0; i < 500; i++, published++) {
        live.publish('terminal.status', {
          terminalId: `00000000-0000-4000-8000-${String(published).padStart(12, '0')}`,
          stationId: '00000000-0000-4000-8000-000000000000',
          status: 'AVAILABLE',
          source: 'SUPPORT',
          confirmedAt: new Date().toISOString(),
          lon: 1.5,
          lat: 43.5,
          station: { available: 1, total: 1, doubtful: 0 },
        });
      }
      await sleep(20);
    }
    expect(await metric()).toBe('1');
    await sleep(200);
    const received = healthy.frames.filter((frame) => frame.type === 'terminal.status').length;
    expect(received).toBe(published);
    expect(healthy.socket.readyState).toBe(healthy.socket.OPEN);
    const closed = new Promise((resolve) => stalled.once('close', resolve));
    stalled.resume();
    await closed;
    healthy.close();
  });
});
