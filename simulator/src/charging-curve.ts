export interface ChargingPoint {
  /** Battery state of charge, 0-100. */
  readonly socPct: number;
  /** What the terminal can deliver, kW. */
  readonly terminalMaxKw: number;
  /** What the car accepts at best, kW. */
  readonly vehicleMaxKw: number;
}

/**
 * Above this state of charge the battery management system cuts the current (the constant-voltage
 * phase of CC-CV charging); below it the car draws its peak.
 */
export const TAPER_START_PCT = 50;

/**
 * Power drawn at a state of charge. The taper belongs to the car's battery: it accepts its peak
 * until TAPER_START_PCT, then linearly less down to zero at 100 %; the terminal caps what is left.
 */
export function chargingPowerKw({ socPct, terminalMaxKw, vehicleMaxKw }: ChargingPoint): number {
  const soc = Math.min(100, Math.max(0, socPct));
  const taper = soc <= TAPER_START_PCT ? 1 : (100 - soc) / (100 - TAPER_START_PCT);
  return Math.max(0, Math.min(terminalMaxKw, vehicleMaxKw * taper));
}
