import type { LiveFrame } from '@wattsup/contracts';
import { Coalescer, coalesceKey } from './live-coalescer';

const status = (terminalId: string, value: 'AVAILABLE' | 'OCCUPIED', at = 'x'): LiveFrame => ({
  type: 'terminal.status',
  at,
  data: {
    terminalId,
    stationId: 's',
    status: value,
    source: 'OCPP',
    confirmedAt: at,
    lon: 0,
    lat: 0,
    station: { available: 0, total: 1, doubtful: 0 },
  },
});

describe('Coalescer', () => {
  it.each([
    ['nothing', [], []],
    ['one frame', [status('a', 'AVAILABLE')], ['a:AVAILABLE']],
    [
      'two terminals kept apart',
      [status('a', 'AVAILABLE'), status('b', 'OCCUPIED')],
      ['a:AVAILABLE', 'b:OCCUPIED'],
    ],
    [
      'the newest state of a terminal wins',
      [status('a', 'AVAILABLE'), status('a', 'OCCUPIED')],
      ['a:OCCUPIED'],
    ],
    [
      'a replaced frame moves behind the frames that arrived before it',
      [status('a', 'AVAILABLE'), status('b', 'AVAILABLE'), status('a', 'OCCUPIED')],
      ['b:AVAILABLE', 'a:OCCUPIED'],
    ],
  ])('%s', (_name, frames, expected) => {
    const coalescer = new Coalescer();
    frames.forEach((frame) => coalescer.add(frame));
    expect(
      coalescer
        .drain()
        .map((f) => (f.type === 'terminal.status' ? `${f.data.terminalId}:${f.data.status}` : '')),
    ).toEqual(expected);
    expect(coalescer.size).toBe(0);
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
