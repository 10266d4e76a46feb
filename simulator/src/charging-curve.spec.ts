import { TAPER_START_PCT, chargingPowerKw } from './charging-curve';

describe('chargingPowerKw', () => {
  it.each([
    // socPct, terminal kW, car kW → kW
    [10, 150, 100, 100], // the car is the limit
    [10, 50, 100, 50], // the terminal is the limit
    [10, 22, 11, 11], // AC: the on-board charger is the limit
    [TAPER_START_PCT, 150, 100, 100],
    [75, 150, 100, 50],
    [90, 50, 100, 20], // past the taper the car, not the terminal, sets the pace
    [60, 50, 100, 50], // tapered car acceptance (80) still above the terminal
    [100, 150, 100, 0],
    [-5, 50, 100, 50], // out-of-range readings are clamped
    [120, 50, 100, 0],
    [30, 0, 100, 0], // a terminal delivering nothing
  ])(
    'at %p %% on %p kW terminal with a %p kW car → %p kW',
    (socPct, terminalMaxKw, vehicleMaxKw, expected) => {
      expect(chargingPowerKw({ socPct, terminalMaxKw, vehicleMaxKw })).toBeCloseTo(expected, 9);
    },
  );

  it('never rises as the battery fills', () => {
    let previous = Infinity;
    for (let socPct = 0; socPct <= 100; socPct += 0.5) {
      const power = chargingPowerKw({ socPct, terminalMaxKw: 300, vehicleMaxKw: 250 });
      expect(power).toBeLessThanOrEqual(previous);
      previous = power;
    }
  });
});
