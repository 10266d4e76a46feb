import {
  chargerAvailabilityMessage,
  connectorMeterMessage,
  connectorStatusMessage,
  parseTopic,
  vehicleTelemetryMessage,
  type ChargerAvailabilityMessage,
  type ConnectorMeterMessage,
  type TerminalStatus,
  type VehicleTelemetryMessage,
} from '@wattsup/contracts';
import type { z } from 'zod';
import { mapMqttStatus } from './mqtt-status.mapping';

/** Device messages are a few hundred bytes; anything this large is refused before parsing. */
export const MAX_DEVICE_PAYLOAD_BYTES = 16 * 1024;

export type DeviceMessage =
  | {
      kind: 'connectorStatus';
      chargerId: string;
      connectorId: number;
      at: Date;
      status: TerminalStatus;
      sourceStatus: string;
      errorCode: string | null;
    }
  | {
      kind: 'connectorMeter';
      chargerId: string;
      connectorId: number;
      at: Date;
      meter: ConnectorMeterMessage;
    }
  | {
      kind: 'chargerAvailability';
      chargerId: string;
      at: Date;
      availability: ChargerAvailabilityMessage;
    }
  | { kind: 'vehicleTelemetry'; vehicleId: string; at: Date; telemetry: VehicleTelemetryMessage };

export type DeviceMessageKind = DeviceMessage['kind'] | 'unknown';

/** Why a device message was refused; the label of `wattsup_mqtt_rejected_messages_total`. */
export type RejectionReason =
  | 'unknown-topic'
  | 'too-large'
  | 'not-json'
  | 'invalid'
  | 'unknown-status'
  | 'future-timestamp'
  | 'too-old'
  | 'unknown-charger'
  | 'not-mqtt-charger'
  | 'charger-not-accepted'
  | 'unbound-connector'
  | 'unknown-vehicle'
  /** Valid, but the database kept refusing it (see the hub's error log). */
  | 'not-stored';

export interface Rejection {
  kind: DeviceMessageKind;
  reason: RejectionReason;
  detail: string;
}

export type Decoded = { ok: true; message: DeviceMessage } | ({ ok: false } & Rejection);

export interface DecodeLimits {
  now: Date;
  /** Device clocks drift a little; a message stamped further ahead than this is refused. */
  maxClockAheadMs: number;
  /** A message older than this is refused (0: no limit), e.g. telemetry past its retention. */
  maxAgeMs: number;
}

/** The shared schema of each device topic. */
const SCHEMAS: Record<DeviceMessage['kind'], z.ZodType<{ ts: string }>> = {
  connectorStatus: connectorStatusMessage,
  connectorMeter: connectorMeterMessage,
  chargerAvailability: chargerAvailabilityMessage,
  vehicleTelemetry: vehicleTelemetryMessage,
};

const reject = (kind: DeviceMessageKind, reason: RejectionReason, detail: string): Decoded => ({
  ok: false,
  kind,
  reason,
  detail,
});

/**
 * Topic → JSON → shared schema → time checks, without I/O. Whether the charger or vehicle exists
 * is for the services to say.
 */
export function decodeDeviceMessage(topic: string, payload: Buffer, limits: DecodeLimits): Decoded {
  const parsed = parseTopic(topic);
  if (!parsed || parsed.kind === 'chargerCommands') {
    return reject('unknown', 'unknown-topic', 'not a device topic of wattsup/v1');
  }
  const { kind } = parsed;
  if (payload.length > MAX_DEVICE_PAYLOAD_BYTES) {
    return reject(kind, 'too-large', `${payload.length} bytes > ${MAX_DEVICE_PAYLOAD_BYTES}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    return reject(kind, 'not-json', (error as Error).message);
  }
  const result = SCHEMAS[kind].safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`,
    );
    return reject(kind, 'invalid', issues.join('; '));
  }
  const at = new Date(result.data.ts);
  if (at.getTime() > limits.now.getTime() + limits.maxClockAheadMs) {
    return reject(kind, 'future-timestamp', `ts ${result.data.ts} is ahead of the hub's clock`);
  }
  // A will's `ts` is when its connection began, which may be any time ago.
  const ageless = kind === 'chargerAvailability';
  if (!ageless && limits.maxAgeMs > 0 && at.getTime() < limits.now.getTime() - limits.maxAgeMs) {
    return reject(kind, 'too-old', `ts ${result.data.ts} is older than the retention`);
  }
  switch (parsed.kind) {
    case 'connectorStatus': {
      const message = result.data as z.output<typeof connectorStatusMessage>;
      const status = mapMqttStatus(message.status);
      if (!status) return reject(kind, 'unknown-status', `status "${message.status}"`);
      return {
        ok: true,
        message: {
          kind: parsed.kind,
          chargerId: parsed.chargerId,
          connectorId: parsed.connectorId,
          at,
          status,
          sourceStatus: message.status,
          // OCPP's NoError, reused by device makers, is no error.
          errorCode:
            message.errorCode && message.errorCode !== 'NoError' ? message.errorCode : null,
        },
      };
    }
    case 'connectorMeter':
      return {
        ok: true,
        message: {
          kind: parsed.kind,
          chargerId: parsed.chargerId,
          connectorId: parsed.connectorId,
          at,
          meter: result.data as ConnectorMeterMessage,
        },
      };
    case 'chargerAvailability':
      return {
        ok: true,
        message: {
          kind: parsed.kind,
          chargerId: parsed.chargerId,
          at,
          availability: result.data as ChargerAvailabilityMessage,
        },
      };
    case 'vehicleTelemetry':
      return {
        ok: true,
        message: {
          kind: parsed.kind,
          vehicleId: parsed.vehicleId,
          at,
          telemetry: result.data as VehicleTelemetryMessage,
        },
      };
  }
}
