import { Injectable } from '@nestjs/common';
import type { VehicleTelemetryMessage } from '@wattsup/contracts';
import { TelemetryWriter } from './telemetry.writer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Vehicle telemetry from any transport. Whether the vehicle exists is learnt with the batch that
 * writes the sample: one statement for a thousand samples, instead of a lookup for each.
 */
@Injectable()
export class VehicleTelemetryService {
  constructor(private readonly writer: TelemetryWriter) {}

  /** Resolves once the sample is committed, or with 'unknown-vehicle'. */
  async record(
    vehicleId: string,
    telemetry: VehicleTelemetryMessage,
    at: Date,
  ): Promise<'unknown-vehicle' | null> {
    // Vehicle ids are UUIDs (and their MQTT usernames): anything else names no vehicle.
    if (!UUID.test(vehicleId)) return 'unknown-vehicle';
    const outcome = await this.writer.write({
      vehicleId,
      ts: at,
      lon: telemetry.lon,
      lat: telemetry.lat,
      socPct: telemetry.socPct,
      pluggedIn: telemetry.pluggedIn,
      charging: telemetry.charging,
      odometerKm: telemetry.odometerKm,
      speedKmh: telemetry.speedKmh ?? null,
      terminalId: telemetry.terminalId ?? null,
    });
    return outcome === 'unknown-vehicle' ? outcome : null;
  }
}
