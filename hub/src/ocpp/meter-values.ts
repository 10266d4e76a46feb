import type { Ocpp16, Ocpp201 } from '@wattsup/contracts';

/** What the hub keeps of a meter sample, in base units. */
export interface MeterReading {
  at: Date;
  energyWh?: number;
  powerW?: number;
  socPct?: number;
}

const ENERGY = 'Energy.Active.Import.Register';
const POWER = 'Power.Active.Import';
const SOC = 'SoC';

/** kWh and kW are scaled to Wh and W; other units pass as they are. */
const TO_BASE_UNIT: Record<string, number> = { kWh: 1000, kW: 1000, Wh: 1, W: 1, Percent: 1 };

function scale(value: number, unit: string | undefined, multiplier = 0): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const factor = unit === undefined ? 1 : TO_BASE_UNIT[unit];
  if (factor === undefined) return undefined;
  return value * factor * 10 ** multiplier;
}

/** Puts a sample in the reading unless a phase sample would overwrite a total already there. */
function assign(
  reading: MeterReading,
  measurand: string,
  value: number | undefined,
  phase?: string,
) {
  if (value === undefined) return;
  const key =
    measurand === ENERGY
      ? 'energyWh'
      : measurand === POWER
        ? 'powerW'
        : measurand === SOC
          ? 'socPct'
          : null;
  if (!key) return;
  // A total (no phase) is what we want; per-phase values only stand in when no total came.
  if (phase && reading[key] !== undefined) return;
  reading[key] = value;
}

/**
 * OCPP 1.6 §7.31 SampledValue: value is a string, measurand defaults to the energy register and
 * unit to Wh. Signed data cannot be read here and is skipped.
 */
export function readOcpp16MeterValues(values: readonly Ocpp16.MeterValue[]): MeterReading[] {
  return values.map((meterValue) => {
    const reading: MeterReading = { at: new Date(meterValue.timestamp) };
    for (const sample of meterValue.sampledValue) {
      if (sample.format === 'SignedData') continue;
      const measurand = sample.measurand ?? ENERGY;
      const unit = sample.unit ?? (measurand === ENERGY ? 'Wh' : undefined);
      assign(reading, measurand, scale(Number(sample.value), unit), sample.phase);
    }
    return reading;
  });
}

/** OCPP 2.0.1 SampledValueType: value is a number, unitOfMeasure has a power-of-ten multiplier. */
export function readOcpp201MeterValues(values: readonly Ocpp201.MeterValue[]): MeterReading[] {
  return values.map((meterValue) => {
    const reading: MeterReading = { at: new Date(meterValue.timestamp) };
    for (const sample of meterValue.sampledValue) {
      const measurand = sample.measurand ?? ENERGY;
      const unit = sample.unitOfMeasure?.unit ?? (measurand === ENERGY ? 'Wh' : undefined);
      assign(
        reading,
        measurand,
        scale(sample.value, unit, sample.unitOfMeasure?.multiplier),
        sample.phase,
      );
    }
    return reading;
  });
}
