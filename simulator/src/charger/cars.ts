import type { Random } from '@wattsup/contracts';

export interface CarModel {
  readonly name: string;
  readonly batteryKwh: number;
  /** On-board charger limit, used on AC terminals. */
  readonly maxAcKw: number;
  /** Peak DC acceptance. */
  readonly maxDcKw: number;
}

/** A few common European models, weighted roughly by how often they turn up at chargers. */
export const CAR_MODELS: readonly (readonly [CarModel, number])[] = [
  [{ name: 'Renault Zoe', batteryKwh: 52, maxAcKw: 22, maxDcKw: 50 }, 20],
  [{ name: 'Tesla Model 3', batteryKwh: 60, maxAcKw: 11, maxDcKw: 170 }, 20],
  [{ name: 'Peugeot e-208', batteryKwh: 50, maxAcKw: 7.4, maxDcKw: 100 }, 18],
  [{ name: 'Volkswagen ID.3', batteryKwh: 58, maxAcKw: 11, maxDcKw: 120 }, 14],
  [{ name: 'Dacia Spring', batteryKwh: 27, maxAcKw: 7.4, maxDcKw: 30 }, 12],
  [{ name: 'Hyundai Ioniq 5', batteryKwh: 77, maxAcKw: 11, maxDcKw: 230 }, 10],
  [{ name: 'Kia e-Niro', batteryKwh: 64, maxAcKw: 11, maxDcKw: 77 }, 6],
];

/** Above this, a terminal is taken to be DC; at or below, the car's on-board charger sets the pace. */
export const AC_MAX_KW = 43;

/** What a driver arriving at a terminal brings and intends. */
export interface Visit {
  readonly car: CarModel;
  readonly arrivalSocPct: number;
  /** The driver unplugs when the car reaches this, or at `stayLimitS`, whichever comes first. */
  readonly targetSocPct: number;
  /** Simulated seconds the driver is willing to stay plugged in. */
  readonly stayLimitS: number;
}

/** A new visit: DC stops are short and aim at 80 %; AC stays are long and fill up. */
export function newVisit(random: Random, terminalMaxKw: number): Visit {
  const dc = terminalMaxKw > AC_MAX_KW;
  return {
    car: random.weighted(CAR_MODELS),
    arrivalSocPct: random.between(8, 55),
    targetSocPct: dc ? random.between(70, 90) : random.between(85, 100),
    stayLimitS: dc ? random.between(15, 50) * 60 : random.between(45, 300) * 60,
  };
}

/** What the car accepts on this terminal. */
export function carMaxKw(car: CarModel, terminalMaxKw: number): number {
  return terminalMaxKw > AC_MAX_KW ? car.maxDcKw : car.maxAcKw;
}
