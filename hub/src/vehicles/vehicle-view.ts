import { topics, type VehicleTrack, type VehicleView } from '@wattsup/contracts';
import type { TrackPoint } from './telemetry.repository';
import type { Vehicle } from './vehicle.entity';

export function toVehicleView(vehicle: Vehicle): VehicleView {
  const { lastTelemetryAt, lastLocation, socPct, pluggedIn, charging, odometerKm } = vehicle;
  return {
    id: vehicle.id,
    ownerId: vehicle.owner.id,
    name: vehicle.name,
    batteryKwh: Number(vehicle.batteryKwh),
    plugs: vehicle.plugs,
    mqtt: {
      username: vehicle.mqttUsername,
      clientId: vehicle.mqttUsername,
      telemetryTopic: topics.vehicleTelemetry(vehicle.id),
    },
    state:
      lastTelemetryAt && lastLocation && socPct !== null && odometerKm !== null
        ? {
            at: lastTelemetryAt.toISOString(),
            lon: lastLocation.lon,
            lat: lastLocation.lat,
            socPct: Number(socPct),
            pluggedIn: pluggedIn ?? false,
            charging: charging ?? false,
            odometerKm: Number(odometerKm),
          }
        : null,
    createdAt: vehicle.createdAt.toISOString(),
  };
}

/** A GeoJSON LineString needs two positions (RFC 7946 §3.1.4): fewer give a null geometry. */
export function toVehicleTrack(
  vehicleId: string,
  from: Date,
  to: Date,
  points: readonly TrackPoint[],
  truncated: boolean,
): VehicleTrack {
  return {
    type: 'Feature',
    geometry:
      points.length >= 2
        ? { type: 'LineString', coordinates: points.map((point) => [point.lon, point.lat]) }
        : null,
    properties: {
      vehicleId,
      from: from.toISOString(),
      to: to.toISOString(),
      times: points.map((point) => point.ts.toISOString()),
      truncated,
    },
  };
}
