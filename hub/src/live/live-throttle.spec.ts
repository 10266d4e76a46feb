import type { LiveFrame } from '@wattsup/contracts';
import { coalesceKey, LiveThrottle } from './live-throttle';

const status = (
  terminalId: string,
  value: 'AVAILABLE' | 'OCCUPIED' | 'FAULTED',
  { stationId = 's', available = 0 } = {},
): LiveFrame => ({
  type: 'terminal.status',
  at: 'x',
  data: {
    terminalId,
    stationId,
    status: value,
    source: 'OCPP',
    confirmedAt: 'x',
    lon: 0,
    lat: 0,
    station: { available, total: 4, doubtful: 0 },
  },
});

const shown = (frames: LiveFrame[]) =>
  frames.map((f) =>
    f.type === 'terminal.status'
      ? `${f.data.terminalId}:${f.data.status}:${f.data.station.available}`
      : f.type,
  );

describe('LiveThrottle', () => {
  const WINDOW = 250;

  it.each([
    ['nothing', [], []],
    ['one frame', [status('a', 'AVAILABLE')], ['a:AVAILABLE:0']],
    [
      'two terminals kept apart',
      [status('a', 'AVAILABLE'), status('b', 'OCCUPIED')],
      ['a:AVAILABLE:0', 'b:OCCUPIED:0'],
    ],
    [
      'the newest state of a terminal wins',
      [status('a', 'AVAILABLE'), status('a', 'OCCUPIED')],
      ['a:OCCUPIED:0'],
    ],
    [
      'a replaced frame moves behind the frames that arrived before it',
      [status('a', 'AVAILABLE'), status('b', 'AVAILABLE'), status('a', 'OCCUPIED')],
      ['b:AVAILABLE:0', 'a:OCCUPIED:0'],
    ],
  ])('takes frames that arrive together at once: %s', (_name, frames, expected) => {
    const throttle = new LiveThrottle(WINDOW);
    frames.forEach((frame) => throttle.add(frame, 0));
    expect(throttle.readyCount).toBe(expected.length);
    expect(shown(throttle.take(0))).toEqual(expected);
    expect(throttle.readyCount).toBe(0);
    expect(throttle.nextDueIn(0)).toBeUndefined();
  });

  it('holds a terminal heard of within the window until the window ends, in its newest state', () => {
    const throttle = new LiveThrottle(WINDOW);
    throttle.add(status('a', 'AVAILABLE'), 1000);
    expect(shown(throttle.take(1000))).toEqual(['a:AVAILABLE:0']);

    throttle.add(status('a', 'OCCUPIED'), 1010);
    throttle.add(status('b', 'OCCUPIED'), 1020);
    throttle.add(status('a', 'FAULTED'), 1030);
    expect(throttle.nextDueIn(1030)).toBe(220);
    expect(shown(throttle.take(1030))).toEqual(['b:OCCUPIED:0']);
    expect(shown(throttle.take(1249))).toEqual([]);
    expect(shown(throttle.take(1250))).toEqual(['a:FAULTED:0']);
    expect(throttle.nextDueIn(1250)).toBeUndefined();

    // Taken at 1250: the next change waits until 1500; one after that goes out at once.
    throttle.add(status('a', 'AVAILABLE'), 1400);
    expect(shown(throttle.take(1400))).toEqual([]);
    expect(shown(throttle.take(1500))).toEqual(['a:AVAILABLE:0']);
    throttle.add(status('a', 'OCCUPIED'), 1800);
    expect(shown(throttle.take(1800))).toEqual(['a:OCCUPIED:0']);
  });

  it('gives a waiting frame the newest counts of its station, so they never go back in time', () => {
    const throttle = new LiveThrottle(WINDOW);
    throttle.add(status('a', 'AVAILABLE', { available: 1 }), 0);
    throttle.take(0);
    throttle.add(status('a', 'OCCUPIED', { available: 0 }), 10);
    // Another terminal of the station goes out first, with counts newer than the waiting frame's.
    throttle.add(status('b', 'AVAILABLE', { available: 1 }), 20);
    throttle.add(status('z', 'AVAILABLE', { stationId: 'elsewhere', available: 3 }), 20);
    expect(shown(throttle.take(20))).toEqual(['b:AVAILABLE:1', 'z:AVAILABLE:3']);
    expect(shown(throttle.take(WINDOW))).toEqual(['a:OCCUPIED:1']);
  });

  it('sends every change when the window is 0', () => {
    const throttle = new LiveThrottle(0);
    throttle.add(status('a', 'AVAILABLE'), 0);
    expect(shown(throttle.take(0))).toEqual(['a:AVAILABLE:0']);
    throttle.add(status('a', 'OCCUPIED'), 0);
    expect(shown(throttle.take(0))).toEqual(['a:OCCUPIED:0']);
  });

  it('keys each event by what it is about', () => {
    expect(coalesceKey(status('a', 'AVAILABLE'))).toBe('t:a');
    expect(
      coalesceKey({
        type: 'charger.connection',
        at: 'x',
        data: { chargerId: 'c', identity: 'CP', online: true },
      }),
    ).toBe('c:c');
    expect(
      coalesceKey({
        type: 'reservation.updated',
        at: 'x',
        data: {
          reservationId: 'r',
          userId: 'u',
          terminalId: 't',
          status: 'ACTIVE',
          expiresAt: null,
          cause: 'Reserved',
          estimatedEndAt: null,
          alternatives: [],
        },
      }),
    ).toBe('r:r');
    expect(
      coalesceKey({
        type: 'vehicle.updated',
        at: 'x',
        data: {
          vehicleId: 'v',
          userId: 'u',
          name: 'Car',
          ts: 'x',
          lat: 0,
          lon: 0,
          socPct: 50,
          pluggedIn: false,
          charging: false,
          odometerKm: 0,
        },
      }),
    ).toBe('v:v');
  });
});
