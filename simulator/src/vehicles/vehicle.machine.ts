import type { Bbox, Random } from '@wattsup/contracts';
import type { CarModel } from '../charger/cars';

/**
 * A connected car, pure: where it is, how full its battery is, what it is doing. The driver side
 * (vehicle-driver.ts) turns its needs into API calls and plugs it into simulated chargers.
 */
export type VehiclePhase =
  /** Driving to an ordinary destination. */
  | 'driving'
  | 'parked'
  /** Low: the driver is looking for a charger (the API call is in flight). */
  | 'seeking'
  /** Driving to the terminal it found (and usually reserved). */
  | 'toCharger'
  | 'plugged';

export interface Position {
  lon: number;
  lat: number;
}

export interface Vehicle {
  readonly id: string;
  readonly model: CarModel;
  /** kWh per 100 km, at urban speeds. */
  readonly consumption: number;
  socPct: number;
  position: Position;
  odometerKm: number;
  speedKmh: number;
  phase: VehiclePhase;
  destination: Position | null;
  /** Simulated seconds left parked. */
  parkedS: number;
}

/** Below this the driver looks for a charger. */
export const LOW_SOC_PCT = 25;
const KM_PER_DEGREE = 111.32;

export function distanceKm(a: Position, b: Position): number {
  const dLat = (b.lat - a.lat) * KM_PER_DEGREE;
  const dLon = (b.lon - a.lon) * KM_PER_DEGREE * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

export function randomPlace(random: Random, area: Bbox): Position {
  return {
    lon: random.between(area.minLon, area.maxLon),
    lat: random.between(area.minLat, area.maxLat),
  };
}

export function newVehicle(id: string, model: CarModel, random: Random, area: Bbox): Vehicle {
  return {
    id,
    model,
    consumption: random.between(14, 20),
    socPct: random.between(20, 90),
    position: randomPlace(random, area),
    odometerKm: Math.round(random.between(2_000, 80_000)),
    speedKmh: 0,
    phase: 'parked',
    destination: null,
    parkedS: random.between(0, 1800),
  };
}

export type VehicleEvent = 'needsCharger' | 'arrivedAtCharger';

/**
 * Moves the vehicle dtS simulated seconds on: drives in a straight line at town speed, drains the
 * battery, parks a while at each destination, and says when it needs a charger or has reached
 * the one it was heading for.
 */
export function advanceVehicle(
  vehicle: Vehicle,
  dtS: number,
  random: Random,
  area: Bbox,
): VehicleEvent | null {
  switch (vehicle.phase) {
    case 'parked':
      vehicle.parkedS -= dtS;
      if (vehicle.parkedS > 0) return null;
      if (vehicle.socPct < LOW_SOC_PCT) return seek(vehicle);
      vehicle.destination = randomPlace(random, area);
      vehicle.phase = 'driving';
      vehicle.speedKmh = random.between(25, 50);
      return null;
    case 'driving':
    case 'toCharger': {
      const arrived = drive(vehicle, dtS);
      if (vehicle.phase === 'toCharger') return arrived ? 'arrivedAtCharger' : null;
      if (vehicle.socPct < LOW_SOC_PCT) return seek(vehicle);
      if (arrived) park(vehicle, random.between(10, 90) * 60);
      return null;
    }
    case 'seeking':
    case 'plugged':
      return null;
  }
}

function seek(vehicle: Vehicle): VehicleEvent {
  vehicle.phase = 'seeking';
  vehicle.speedKmh = 0;
  return 'needsCharger';
}

export function park(vehicle: Vehicle, forS: number): void {
  vehicle.phase = 'parked';
  vehicle.destination = null;
  vehicle.speedKmh = 0;
  vehicle.parkedS = forS;
}

/** The driver heads for a charger at `place`. */
export function headFor(vehicle: Vehicle, place: Position, random: Random): void {
  vehicle.phase = 'toCharger';
  vehicle.destination = place;
  vehicle.speedKmh = random.between(25, 50);
}

/** Returns true on arrival. Energy follows distance; an empty battery still limps home. */
function drive(vehicle: Vehicle, dtS: number): boolean {
  const target = vehicle.destination!;
  const left = distanceKm(vehicle.position, target);
  const step = Math.min(left, (vehicle.speedKmh * dtS) / 3600);
  const fraction = left > 0 ? step / left : 1;
  vehicle.position = {
    lon: vehicle.position.lon + (target.lon - vehicle.position.lon) * fraction,
    lat: vehicle.position.lat + (target.lat - vehicle.position.lat) * fraction,
  };
  vehicle.odometerKm += step;
  const usedKwh = (step * vehicle.consumption) / 100;
  vehicle.socPct = Math.max(0, vehicle.socPct - (usedKwh / vehicle.model.batteryKwh) * 100);
  return step >= left;
}
