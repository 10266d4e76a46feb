import { describe, expect, it } from '@jest/globals';
import { LIVE_MAX_SUBSCRIBED_STATIONS, liveSubscribeMessage } from '@wattsup/contracts';
import {
  MAX_SUBSCRIBED_STATIONS,
  liveUrl,
  parseLiveMessage,
  readFrames,
  reconnectDelayMs,
  subscribeMessage,
} from './live-frames';

const STATION = '4b1f7a2e-9c1d-4f0a-8e3b-2d6c5a7e9f10';
const OTHER = '0a9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c';

const statusFrame = (stationId: string, available: number, total: number, doubtful = 0) => ({
  type: 'terminal.status',
  at: '2026-11-22T12:00:00Z',
  data: {
    terminalId: 't',
    stationId,
    status: available > 0 ? 'AVAILABLE' : 'OCCUPIED',
    source: 'OCPP',
    confirmedAt: '2026-11-22T12:00:00Z',
    lon: 1.44,
    lat: 43.6,
    station: { available, total, doubtful },
  },
});

describe('parseLiveMessage', () => {
  it('reads an array of event frames', () => {
    const frames = parseLiveMessage(JSON.stringify([statusFrame(STATION, 1, 2)]));
    expect(frames.map((frame) => frame.type)).toEqual(['terminal.status']);
  });

  it('reads a control frame sent alone', () => {
    const snapshot = {
      type: 'snapshot',
      at: 'now',
      data: { bbox: null, stations: [], terminals: [], truncated: false },
    };
    expect(parseLiveMessage(JSON.stringify(snapshot))).toEqual([snapshot]);
  });

  it.each(['not json', '42', 'null', '[1, {"type": 3}]'])('drops what is not a frame: %s', (text) =>
    expect(parseLiveMessage(text)).toEqual([]),
  );
});

describe('readFrames', () => {
  it('turns a snapshot into station counts and its size', () => {
    const batch = readFrames(
      parseLiveMessage(
        JSON.stringify({
          type: 'snapshot',
          at: 'now',
          data: {
            bbox: [0, 42, 2, 44],
            stations: [
              { stationId: STATION, lon: 1, lat: 43, available: 2, total: 4, doubtful: 1 },
            ],
            terminals: [
              {
                terminalId: 't',
                stationId: OTHER,
                status: 'AVAILABLE',
                source: 'HUB',
                confirmedAt: null,
              },
            ],
            truncated: true,
          },
        }),
      ),
    );
    expect(batch.snapshot).toEqual({
      bbox: [0, 42, 2, 44],
      count: 1,
      truncated: true,
      terminalStationIds: new Set([OTHER]),
    });
    expect(batch.updates).toEqual([
      { stationId: STATION, lon: 1, lat: 43, available: 2, total: 4, doubtful: 1 },
    ]);
    expect(batch.changedStationIds.size).toBe(0);
  });

  it('keeps status events in order and names the stations that changed', () => {
    const batch = readFrames(
      parseLiveMessage(
        JSON.stringify([
          statusFrame(STATION, 1, 2),
          statusFrame(OTHER, 0, 3, 1),
          statusFrame(STATION, 0, 2),
        ]),
      ),
    );
    expect(batch.snapshot).toBeNull();
    expect(batch.updates).toEqual([
      { stationId: STATION, lon: 1.44, lat: 43.6, available: 1, total: 2, doubtful: 0 },
      { stationId: OTHER, lon: 1.44, lat: 43.6, available: 0, total: 3, doubtful: 1 },
      { stationId: STATION, lon: 1.44, lat: 43.6, available: 0, total: 2, doubtful: 0 },
    ]);
    expect([...batch.changedStationIds].sort()).toEqual([OTHER, STATION].sort());
  });

  it('collects errors and ignores events the map does not draw', () => {
    const batch = readFrames(
      parseLiveMessage(
        JSON.stringify([
          { type: 'charger.connection', at: 'now', data: { chargerId: 'c' } },
          { type: 'error', at: 'now', data: { message: 'bad bbox' } },
        ]),
      ),
    );
    expect(batch.errors).toEqual(['bad bbox']);
    expect(batch.updates).toEqual([]);
  });
});

describe('subscribeMessage', () => {
  it('is valid for the hub, with the view and the opened stations', () => {
    const message = subscribeMessage([1.3, 43.5, 1.6, 43.7], [STATION, STATION]);
    expect(message).toEqual({
      type: 'subscribe',
      bbox: [1.3, 43.5, 1.6, 43.7],
      stationIds: [STATION],
    });
    expect(liveSubscribeMessage.safeParse(message).success).toBe(true);
  });

  it('leaves out what is not known', () => {
    const message = subscribeMessage(null, []);
    expect(message).toEqual({ type: 'subscribe' });
    expect(liveSubscribeMessage.safeParse(message).success).toBe(true);
  });

  it('sends no more stations than the hub accepts', () => {
    expect(MAX_SUBSCRIBED_STATIONS).toBe(LIVE_MAX_SUBSCRIBED_STATIONS);
    const ids = Array.from(
      { length: 150 },
      (_, i) => `${String(i).padStart(8, '0')}-${OTHER.slice(9)}`,
    );
    const message = subscribeMessage(null, ids);
    expect(message.stationIds).toHaveLength(MAX_SUBSCRIBED_STATIONS);
    expect(liveSubscribeMessage.safeParse(message).success).toBe(true);
  });
});

describe('reconnectDelayMs', () => {
  const options = { baseMs: 500, maxMs: 30_000 };

  it('doubles at each attempt up to its cap', () => {
    const full = (attempt: number) => reconnectDelayMs(attempt, { ...options, random: () => 1 });
    expect([0, 1, 2, 3, 6, 7, 20].map(full)).toEqual([
      500, 1000, 2000, 4000, 30_000, 30_000, 30_000,
    ]);
  });

  it('waits at least half of it, whatever the jitter', () => {
    expect(reconnectDelayMs(2, { ...options, random: () => 0 })).toBe(1000);
    expect(reconnectDelayMs(2, { ...options, random: () => 0.5 })).toBe(1500);
  });
});

describe('liveUrl', () => {
  it('uses the page host, over TLS when the page is', () => {
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:3000' })).toBe('ws://127.0.0.1:3000/live');
    expect(liveUrl({ protocol: 'https:', host: 'wattsup.example' })).toBe(
      'wss://wattsup.example/live',
    );
  });
});
