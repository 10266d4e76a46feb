import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/** `wattsup/v1/chargers/{chargerId}/connectors/{connectorId}/status` */
export const connectorStatusMessage = z.strictObject({
  status: z.string().min(1).max(32),
  errorCode: z.string().max(64).optional(),
  ts: isoTime,
});
export type ConnectorStatusMessage = z.infer<typeof connectorStatusMessage>;

/** `wattsup/v1/chargers/{chargerId}/connectors/{connectorId}/meter` */
export const connectorMeterMessage = z.strictObject({
  powerKw: z.number().min(0).max(1000),
  energyKwh: z.number().min(0),
  socPct: z.number().min(0).max(100).optional(),
  ts: isoTime,
});
export type ConnectorMeterMessage = z.infer<typeof connectorMeterMessage>;

/**
 * `wattsup/v1/chargers/{chargerId}/availability`, retained, QoS 1: the charger's presence. A
 * charger publishes `online: true` once connected, and sets the same topic as its Last Will with
 * `online: false`, so the broker announces a connection lost without DISCONNECT (MQTT 3.1.1
 * §3.1.2.5). A will is written at CONNECT: its `ts` is when that connection began. Republished at
 * least every `heartbeatSeconds` (default: the charger's heartbeat interval, 300 s) unless other
 * messages go out; silent past twice that, plus a grace, the charger counts as offline.
 */
export const chargerAvailabilityMessage = z.strictObject({
  online: z.boolean(),
  ts: isoTime,
  heartbeatSeconds: z.number().int().min(1).max(86_400).optional(),
});
export type ChargerAvailabilityMessage = z.infer<typeof chargerAvailabilityMessage>;

/** `wattsup/v1/vehicles/{vehicleId}/telemetry` */
export const vehicleTelemetryMessage = z.strictObject({
  ts: isoTime,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  socPct: z.number().min(0).max(100),
  pluggedIn: z.boolean(),
  charging: z.boolean(),
  odometerKm: z.number().min(0).max(99_999_999),
  speedKmh: z.number().min(0).max(400).optional(),
  batteryKwh: z.number().positive().max(500).optional(),
  terminalId: z.uuid().optional(),
});
export type VehicleTelemetryMessage = z.infer<typeof vehicleTelemetryMessage>;

export const MQTT_CHARGER_COMMANDS = ['reserve', 'cancel', 'start', 'stop'] as const;
export type MqttChargerCommand = (typeof MQTT_CHARGER_COMMANDS)[number];

/** hub → device: `wattsup/v1/chargers/{chargerId}/commands` */
export const chargerCommandMessage = z.strictObject({
  command: z.enum(MQTT_CHARGER_COMMANDS),
  connectorId: z.number().int().min(0),
  reservationId: z.uuid().optional(),
  idTag: z.string().max(36).optional(),
  expiresAt: isoTime.optional(),
  ts: isoTime,
});
export type ChargerCommandMessage = z.infer<typeof chargerCommandMessage>;

/**
 * Broker → hub: `POST /api/v1/internal/mqtt/authenticate` (bearer MQTT_AUTH_TOKEN). The hub
 * checks a device's CONNECT credentials against the ones it issued (stored hashed).
 */
export const mqttAuthenticateRequest = z.strictObject({
  username: z.string().min(1).max(128),
  password: z.string().max(256),
});
export type MqttAuthenticateRequest = z.infer<typeof mqttAuthenticateRequest>;

export const MQTT_DEVICE_KINDS = ['charger', 'vehicle'] as const;
export type MqttDeviceKind = (typeof MQTT_DEVICE_KINDS)[number];

/** Wrong credentials are `{ allowed: false }`; a 401 means the broker's own token is wrong. */
export type MqttAuthenticateResponse = { allowed: true; kind: MqttDeviceKind } | { allowed: false };
