/** A telemetry sample as far as charging speed is concerned. */
export interface ChargingSample {
  ts: Date;
  socPct: number;
  terminalId: string;
}

/** One stretch of charging at a known terminal, seen from the car's battery. */
export interface ObservedCharge {
  terminalId: string;
  startedAt: Date;
  endedAt: Date;
  socFrom: number;
  socTo: number;
  energyKwh: number;
  meanPowerKw: number;
}

/** Samples further apart than this belong to two charges (the car was unplugged between). */
export const MAX_SAMPLE_GAP_MS = 10 * 60_000;

/**
 * Charges learnt from telemetry: consecutive charging samples at one terminal, without a long
 * gap, make a charge whose energy is the SoC gained times the battery capacity and whose real
 * speed is that energy over its duration. Stretches without a gain (a car holding at 100 %) or
 * with one sample say nothing and are left out. Samples must be in time order.
 */
export function observedCharges(
  samples: readonly ChargingSample[],
  batteryKwh: number,
  maxGapMs = MAX_SAMPLE_GAP_MS,
): ObservedCharge[] {
  const stretches: ChargingSample[][] = [];
  for (const sample of samples) {
    const current = stretches.at(-1);
    const last = current?.at(-1);
    if (
      current &&
      last &&
      last.terminalId === sample.terminalId &&
      sample.ts.getTime() - last.ts.getTime() <= maxGapMs
    ) {
      current.push(sample);
    } else {
      stretches.push([sample]);
    }
  }
  return stretches.flatMap((stretch) => {
    const first = stretch[0];
    const last = stretch[stretch.length - 1];
    const hours = (last.ts.getTime() - first.ts.getTime()) / 3_600_000;
    const energyKwh = ((last.socPct - first.socPct) / 100) * batteryKwh;
    if (hours <= 0 || energyKwh <= 0) return [];
    return [
      {
        terminalId: first.terminalId,
        startedAt: first.ts,
        endedAt: last.ts,
        socFrom: first.socPct,
        socTo: last.socPct,
        energyKwh: round(energyKwh, 3),
        meanPowerKw: round(energyKwh / hours, 2),
      },
    ];
  });
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
