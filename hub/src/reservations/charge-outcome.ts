/**
 * What a driver wants to know about a charge: when it will end and what it will cost. Pure: the
 * service feeds it what the hub knows (meter values, the car's telemetry, the station's tariff).
 */

/** Fast chargers taper hard past 80 %, so that is where a DC charge is expected to end. */
const DC_TARGET_SOC_PCT = 80;
const AC_TARGET_SOC_PCT = 100;
const DC_FROM_KW = 50;
/** When the car's battery is unknown: a mid-size European EV. */
const TYPICAL_BATTERY_KWH = 60;
/** When not even the SoC is known: the energy of a typical public charging session. */
const TYPICAL_SESSION_KWH = 30;

export interface ChargeProgress {
  now: Date;
  /** Energy delivered so far. */
  energyWh: number | null;
  /** Last measured power. */
  powerW: number | null;
  socPct: number | null;
  /** From the driver's vehicle, when it sends telemetry. */
  batteryKwh: number | null;
  nominalPowerKw: number;
  /** The terminal's real speed learnt from past sessions. */
  observedPowerKw: number | null;
}

/** When charging should end, or null when nothing sensible can be said. */
export function estimateChargeEnd(progress: ChargeProgress): Date | null {
  const powerKw = chargingPowerKw(progress);
  if (powerKw === null) return null;
  const remainingKwh = remainingEnergyKwh(progress);
  return new Date(progress.now.getTime() + (remainingKwh / powerKw) * 3_600_000);
}

function chargingPowerKw({
  powerW,
  observedPowerKw,
  nominalPowerKw,
}: ChargeProgress): number | null {
  if (powerW !== null && powerW > 0) return powerW / 1000;
  const candidates = [observedPowerKw, nominalPowerKw].filter(
    (kw): kw is number => kw !== null && kw > 0,
  );
  return candidates.length > 0 ? Math.min(...candidates) : null;
}

function remainingEnergyKwh(progress: ChargeProgress): number {
  if (progress.socPct !== null) {
    const target = progress.nominalPowerKw >= DC_FROM_KW ? DC_TARGET_SOC_PCT : AC_TARGET_SOC_PCT;
    const battery = progress.batteryKwh ?? TYPICAL_BATTERY_KWH;
    return (Math.max(0, target - progress.socPct) / 100) * battery;
  }
  return Math.max(0, TYPICAL_SESSION_KWH - (progress.energyWh ?? 0) / 1000);
}

/**
 * The price per kWh stated in an IRVE `tarification` text ("0,35 €/kWh", "0.40 EUR / kWh",
 * "35 cts/kWh"), 0 for a free station, null when the text states no such price (per minute,
 * subscription only, free text).
 */
export function pricePerKwhEur(pricing: string | null, free: boolean | null): number | null {
  if (free === true) return 0;
  if (!pricing) return null;
  const match =
    /(\d+(?:[.,]\d+)?)\s*(€|eur(?:os?)?|c€|cts?|centimes?)\s*(?:ttc\s*)?(?:\/|par|per)\s*kwh/i.exec(
      pricing,
    );
  if (!match) return null;
  const amount = Number(match[1].replace(',', '.'));
  const inCents = /^c/i.test(match[2]);
  return inCents ? amount / 100 : amount;
}

export function costEstimateEur(
  energyWh: number | null,
  pricePerKwh: number | null,
): number | null {
  if (energyWh === null || pricePerKwh === null) return null;
  return Math.round((energyWh / 1000) * pricePerKwh * 100) / 100;
}
