import { createRandom } from '@wattsup/contracts';
import { parseArea } from '../provisioning/areas';
import { advanceVehicle, distanceKm, headFor, newVehicle } from './vehicle.machine';

const AREA = parseArea('toulouse');
const MODEL = { name: 'Test car', batteryKwh: 50, maxAcKw: 11, maxDcKw: 100 };

describe('a simulated vehicle', () => {
  it('drives, drains its battery by distance and odometer alike, and parks at destinations', () => {
    const random = createRandom(1);
    const vehicle = newVehicle('car', MODEL, random, AREA);
    vehicle.socPct = 90;
    const start = { soc: vehicle.socPct, odometer: vehicle.odometerKm };
    for (let minute = 0; minute < 600; minute++) advanceVehicle(vehicle, 60, random, AREA);

    const drivenKm = vehicle.odometerKm - start.odometer;
    expect(drivenKm).toBeGreaterThan(20);
    const usedKwh = ((start.soc - vehicle.socPct) / 100) * MODEL.batteryKwh;
    expect(usedKwh / drivenKm).toBeCloseTo(vehicle.consumption / 100, 5);
    expect(vehicle.position.lon).toBeGreaterThanOrEqual(AREA.minLon);
    expect(vehicle.position.lat).toBeLessThanOrEqual(AREA.maxLat);
  });

  it('asks for a charger once when the battery runs low, then waits for its driver', () => {
    const random = createRandom(2);
    const vehicle = newVehicle('car', MODEL, random, AREA);
    vehicle.socPct = 26;
    const events = [];
    for (let minute = 0; minute < 24 * 60; minute++) {
      const event = advanceVehicle(vehicle, 60, random, AREA);
      if (event) events.push(event);
    }
    expect(events).toEqual(['needsCharger']);
    expect(vehicle.phase).toBe('seeking');
    expect(vehicle.socPct).toBeLessThan(25);
  });

  it('reaches the charger it heads for at town speed', () => {
    const random = createRandom(3);
    const vehicle = newVehicle('car', MODEL, random, AREA);
    const charger = { lon: vehicle.position.lon + 0.05, lat: vehicle.position.lat };
    headFor(vehicle, charger, random);
    const minutesAtSlowest = Math.ceil((distanceKm(vehicle.position, charger) / 25) * 60);
    let arrivedAfter = -1;
    for (let minute = 1; minute <= minutesAtSlowest && arrivedAfter < 0; minute++) {
      if (advanceVehicle(vehicle, 60, random, AREA) === 'arrivedAtCharger') arrivedAfter = minute;
    }
    expect(arrivedAfter).toBeGreaterThan(0);
    expect(distanceKm(vehicle.position, charger)).toBeCloseTo(0, 6);
  });
});
