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

/** Shorter sessions say nothing about a terminal's speed: clock skew alone dwarfs them. */
const MIN_SESSION_MS = 60_000;
/** Meters and clocks are not exact; more than this over the rating is a faulty reading. */
const RATING_TOLERANCE = 1.1;

/**
 * Mean power of a finished session in watts, or null when it cannot be known or cannot be true:
 * a very short session, or more power than the terminal is rated for (a meter glitch, a charger
 * clock jumping, a time-accelerated simulator).
 */
export function meanPowerW(
  energyWh: number | null,
  startedAt: Date,
  stoppedAt: Date,
  ratedPowerKw: number,
): number | null {
  const durationMs = stoppedAt.getTime() - startedAt.getTime();
  if (energyWh === null || energyWh < 0 || durationMs < MIN_SESSION_MS) return null;
  const mean = energyWh / (durationMs / 3_600_000);
  return mean <= ratedPowerKw * 1000 * RATING_TOLERANCE ? mean : null;
}
