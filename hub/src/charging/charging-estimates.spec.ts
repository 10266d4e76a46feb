import { foldReadings, meanPowerW } from './charging-estimates';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 10, minutes));

describe('foldReadings', () => {
  it('keeps the peak power and the latest values, in time order', () => {
    const folded = foldReadings({ meterStartWh: 1000, peakPowerW: 5000 }, [
      { at: at(10), powerW: 22000, energyWh: 4000 },
      { at: at(5), powerW: 11000, energyWh: 2000, socPct: 40 },
      { at: at(15), energyWh: 6000 },
    ]);
    expect(folded.peakPowerW).toBe(22000);
    expect(folded.last).toEqual({ at: at(15), powerW: 22000, energyWh: 6000, socPct: 40 });
    expect(folded.energyWh).toBe(5000);
  });

  it('starts a session without a start register from its first register reading', () => {
    const folded = foldReadings({ meterStartWh: null, peakPowerW: null }, [
      { at: at(2), energyWh: 1500 },
      { at: at(1), powerW: 7000 },
      { at: at(3), energyWh: 1800 },
    ]);
    expect([folded.meterStartWh, folded.energyWh]).toEqual([1500, 300]);
    expect(
      foldReadings({ meterStartWh: null, peakPowerW: null }, [{ at: at(1), powerW: 10 }]).energyWh,
    ).toBeUndefined();
  });
});

describe('meanPowerW', () => {
  it('divides energy by duration', () => {
    expect(meanPowerW(11000, at(0), at(30), 22)).toBe(22000);
  });
  it.each([
    [null, at(0), at(30)],
    [-5, at(0), at(30)],
    [1000, at(30), at(30)],
    [10, at(0), new Date(at(0).getTime() + 30_000)],
  ])('is null for %p over an empty, negative or too short span', (energy, start, stop) => {
    expect(meanPowerW(energy, start, stop, 22)).toBeNull();
  });
  it('refuses more power than the terminal is rated for, within meter tolerance', () => {
    expect(meanPowerW(11500, at(0), at(60), 11)).toBe(11500);
    expect(meanPowerW(50_000, at(0), at(60), 22)).toBeNull();
  });
});
