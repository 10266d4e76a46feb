import type { MeterReading } from '../ocpp/meter-values';

export interface SessionMeters {
  meterStartWh: number | null;
  peakPowerW: number | null;
}

/** Folds meter readings into a session: peak power, last power, energy, SoC, newest first wins. */
export function foldReadings(session: SessionMeters, readings: readonly MeterReading[]) {
  const ordered = [...readings].sort((a, b) => a.at.getTime() - b.at.getTime());
  const powers = ordered.flatMap((reading) =>
    reading.powerW === undefined ? [] : [reading.powerW],
  );
  const peakPowerW =
    powers.length > 0 ? Math.max(session.peakPowerW ?? 0, ...powers) : session.peakPowerW;
  const last = ordered.reduce<MeterReading | null>(
    (previous, reading) => ({
      at: reading.at,
      powerW: reading.powerW ?? previous?.powerW,
      energyWh: reading.energyWh ?? previous?.energyWh,
      socPct: reading.socPct ?? previous?.socPct,
    }),
    null,
  );
  // A session opened without a register reading (an MQTT plug-in) starts from its first one.
  const meterStartWh =
    session.meterStartWh ?? ordered.find((reading) => reading.energyWh !== undefined)?.energyWh;
  const energyWh =
    last?.energyWh !== undefined && meterStartWh !== undefined
      ? last.energyWh - meterStartWh
      : undefined;
  return { peakPowerW, last, energyWh, meterStartWh };
}

/** Mean power of a finished session in watts, or null when it cannot be known. */
export function meanPowerW(
  energyWh: number | null,
  startedAt: Date,
  stoppedAt: Date,
): number | null {
  const hours = (stoppedAt.getTime() - startedAt.getTime()) / 3_600_000;
  if (energyWh === null || energyWh < 0 || hours <= 0) return null;
  return energyWh / hours;
}
