import request from 'supertest';
import WebSocket from 'ws';
import type { LiveServerFrame } from '@wattsup/contracts';

/** A `/live` client that records every frame it receives. */
export interface LiveTestClient {
  socket: WebSocket;
  frames: LiveServerFrame[];
  send(message: unknown): void;
  next(
    predicate: (frame: LiveServerFrame) => boolean,
    timeoutMs?: number,
  ): Promise<LiveServerFrame>;
  close(): void;
}

export async function liveClient(baseUrl: string, cookie?: string): Promise<LiveTestClient> {
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/live`, {
    headers: cookie ? { cookie } : {},
  });
  const frames: LiveServerFrame[] = [];
  // Events come in arrays, one per coalescing window; control frames come alone.
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as LiveServerFrame | LiveServerFrame[];
    frames.push(...(Array.isArray(message) ? message : [message]));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    frames,
    send: (message) => socket.send(JSON.stringify(message)),
    async next(predicate, timeoutMs = 5000) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const found = frames.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no matching frame; got ${JSON.stringify(frames)}`);
    },
    close: () => socket.close(),
  };
}

/**
 * A `/live` client that has sent `message` as its subscribe and been answered (a snapshot, or an
 * error for a refused subscription).
 */
export async function subscribedClient(
  baseUrl: string,
  cookie: string | undefined,
  message: object,
): Promise<LiveTestClient> {
  const client = await liveClient(baseUrl, cookie);
  client.send({ type: 'subscribe', ...message });
  await client.next((frame) => frame.type === 'snapshot' || frame.type === 'error');
  return client;
}

/** The `wattsup_access=...` pair of a signed-in user, for a socket's Cookie header. */
export async function accessCookie(
  baseUrl: string,
  email: string,
  password: string,
): Promise<string> {
  const response = await request(baseUrl)
    .post('/api/v1/auth/login')
    .send({ email, password })
    .expect(200);
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const access = cookies.find((cookie) => cookie.startsWith('wattsup_access='));
  if (!access) throw new Error('no access cookie');
  return access.split(';')[0];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
