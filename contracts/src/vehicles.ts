import { z } from 'zod';
import { PLUG_TYPES, type PlugType } from './domain';
import type { VehicleTelemetryMessage } from './mqtt';

/** `POST /api/v1/vehicles` */
export const createVehicleRequest = z.strictObject({
  name: z.string().trim().min(1).max(80),
  /** Usable battery capacity: with SoC changes it gives the real charging speed. */
  batteryKwh: z.number().positive().max(500),
  plugs: z.array(z.enum(PLUG_TYPES)).max(PLUG_TYPES.length).default([]),
});
export type CreateVehicleRequest = z.output<typeof createVehicleRequest>;

const isoTime = z.iso.datetime({ offset: true });

/** `?from=&to=` of a vehicle's track and charges (each has its own default window). */
export const vehicleHistoryQuery = z
  .object({ from: isoTime.optional(), to: isoTime.optional() })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
  });
export type VehicleHistoryQuery = z.output<typeof vehicleHistoryQuery>;

/** The latest telemetry of a vehicle. */
export interface VehicleState {
  at: string;
  lon: number;
  lat: number;
  socPct: number;
  pluggedIn: boolean;
  charging: boolean;
  odometerKm: number;
}

/**
 * `vehicle.updated` on `/live`: a vehicle's latest state moved forward to the telemetry it sent
 * at `ts` (the newest sample of a committed batch; an older sample replayed later sends nothing).
 */
export type VehicleUpdate = Pick<
  VehicleTelemetryMessage,
  'ts' | 'lat' | 'lon' | 'socPct' | 'pluggedIn' | 'charging' | 'odometerKm' | 'speedKmh'
> & {
  vehicleId: string;
  /** The owner: only this user's sockets receive the event. */
  userId: string;
  name: string;
};

/** How a vehicle connects: username = client id = the `{vehicleId}` of its telemetry topic. */
export interface VehicleMqttAccount {
  username: string;
  clientId: string;
  telemetryTopic: string;
}

export interface VehicleView {
  id: string;
  ownerId: string;
  name: string;
  batteryKwh: number;
  plugs: PlugType[];
  mqtt: VehicleMqttAccount;
  /** Null until the vehicle's first telemetry. */
  state: VehicleState | null;
  createdAt: string;
}

/** A vehicle just created, or whose MQTT password was just replaced. */
export type VehicleWithCredentials = VehicleView & {
  /** Shown once: only its hash is stored. */
  mqttPassword: string;
};

/** `GET /api/v1/vehicles/{id}/track`: a GeoJSON Feature, null geometry under two samples. */
export interface VehicleTrack {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: [number, number][] } | null;
  properties: {
    vehicleId: string;
    from: string;
    to: string;
    /** ISO time of each coordinate, in order. */
    times: string[];
    /** More samples than a track carries were in the window: ask for a shorter one. */
    truncated: boolean;
  };
}

/** `GET /api/v1/vehicles/{id}/charges`: a charge at a known terminal, learnt from telemetry. */
export interface VehicleCharge {
  terminalId: string;
  startedAt: string;
  endedAt: string;
  socFrom: number;
  socTo: number;
  /** SoC gained × battery capacity. */
  energyKwh: number;
  /** The real charging speed: energy over duration. */
  meanPowerKw: number;
}
