import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { LiveServerFrame } from '@wattsup/contracts';
import { type LiveStatus, LiveSocket, type LiveTransport } from './live-socket';

class FakeTransport implements LiveTransport {
  readyState = 0;
  sent: unknown[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onerror?.();
    this.onclose?.();
  }
  receive(data: unknown) {
    this.onmessage?.({ data: JSON.stringify(data) });
  }
}

describe('LiveSocket', () => {
  let transports: FakeTransport[];
  let frames: LiveServerFrame[][];
  let statuses: LiveStatus[];
  let socket: LiveSocket;

  beforeEach(() => {
    jest.useFakeTimers();
    transports = [];
    frames = [];
    statuses = [];
    socket = new LiveSocket({
      url: 'ws://hub/live',
      onframes: (received) => frames.push(received),
      onstatus: (status) => statuses.push(status),
      connect: () => {
        const transport = new FakeTransport();
        transports.push(transport);
        return transport;
      },
      delayMs: (attempt) => 100 * 2 ** attempt,
    });
  });

  afterEach(() => {
    socket.close();
    jest.useRealTimers();
  });

  it('sends the subscription once connected, and each new one', () => {
    socket.subscribe({ type: 'subscribe', bbox: [0, 0, 1, 1] });
    expect(transports[0].sent).toEqual([]);
    transports[0].open();
    socket.subscribe({ type: 'subscribe', bbox: [0, 0, 2, 2] });
    expect(transports[0].sent).toEqual([
      { type: 'subscribe', bbox: [0, 0, 1, 1] },
      { type: 'subscribe', bbox: [0, 0, 2, 2] },
    ]);
    expect(statuses).toEqual(['connecting', 'connected']);
  });

  it('hands over the frames of each message', () => {
    transports[0].open();
    transports[0].receive([{ type: 'terminal.status', at: 'now', data: {} }]);
    expect(frames).toEqual([[{ type: 'terminal.status', at: 'now', data: {} }]]);
  });

  it('reconnects with growing delays and resubscribes', () => {
    socket.subscribe({ type: 'subscribe', bbox: [0, 0, 1, 1] });
    transports[0].open();
    transports[0].drop();
    expect(statuses.at(-1)).toBe('disconnected');

    jest.advanceTimersByTime(99);
    expect(transports).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(transports).toHaveLength(2);

    transports[1].drop();
    jest.advanceTimersByTime(199);
    expect(transports).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(transports).toHaveLength(3);

    transports[2].open();
    expect(transports[2].sent).toEqual([{ type: 'subscribe', bbox: [0, 0, 1, 1] }]);
  });

  it('starts the backoff over once the hub answers', () => {
    transports[0].open();
    transports[0].drop();
    jest.advanceTimersByTime(100);
    transports[1].open();
    transports[1].receive({ type: 'snapshot', at: 'now', data: {} });
    transports[1].drop();
    jest.advanceTimersByTime(100);
    expect(transports).toHaveLength(3);
  });

  it('reconnects at once when asked, with the same subscription', () => {
    socket.subscribe({ type: 'subscribe' });
    transports[0].open();
    transports[0].drop();
    socket.reconnect();
    expect(transports).toHaveLength(2);
    jest.advanceTimersByTime(60_000);
    expect(transports).toHaveLength(2);
    transports[1].open();
    socket.reconnect();
    expect(transports[1].closed).toBe(true);
    transports[2].open();
    expect(transports[2].sent).toEqual([{ type: 'subscribe' }]);
    expect(statuses.filter((status) => status === 'disconnected')).toHaveLength(1);
  });

  it('stays closed once closed', () => {
    transports[0].open();
    socket.close();
    expect(transports[0].closed).toBe(true);
    transports[0].drop();
    jest.advanceTimersByTime(60_000);
    expect(transports).toHaveLength(1);
  });
});
