import { meterReading, sessionStepOnMeter, sessionStepOnStatus } from './mqtt-charging';

describe('MQTT charging sessions', () => {
  it.each([
    ['OCCUPIED', false, 'start'],
    ['OCCUPIED', true, null],
    ['AVAILABLE', true, 'stop'],
    ['FAULTED', true, 'stop'],
    ['UNAVAILABLE', true, 'stop'],
    ['AVAILABLE', false, null],
    ['RESERVED', true, null],
    ['RESERVED', false, null],
  ] as const)('status %s with a session open: %p → %p', (status, open, step) => {
    expect(sessionStepOnStatus(status, open)).toBe(step);
  });

  it.each([
    [11, false, 'start'],
    [0, false, null],
    [11, true, null],
  ] as const)('meter of %p kW, session open %p → %p', (powerKw, open, step) => {
    expect(sessionStepOnMeter({ powerKw, energyKwh: 1, ts: '2026-11-22T10:00:00Z' }, open)).toBe(
      step,
    );
  });

  it('reads kW and kWh in base units', () => {
    const at = new Date('2026-11-22T10:00:00Z');
    expect(
      meterReading({ powerKw: 7.4, energyKwh: 2.5, socPct: 60, ts: at.toISOString() }, at),
    ).toEqual({
      at,
      powerW: 7400,
      energyWh: 2500,
      socPct: 60,
    });
  });
});
