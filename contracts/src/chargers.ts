import { z } from 'zod';
import { CHARGER_PROTOCOLS, type ChargerProtocol, type TerminalStatus } from './domain';

/** OCPP-J identities travel in the URL path; keep them to a safe, unambiguous alphabet. */
export const chargerIdentity = z
  .string()
  .regex(/^[A-Za-z0-9._:*+|@-]{1,48}$/, 'must be 1-48 letters, digits or . _ : * + | @ -');

export const createChargerRequest = z.strictObject({
  identity: chargerIdentity,
  protocol: z.enum(CHARGER_PROTOCOLS),
  stationId: z.uuid().optional(),
  /** OCPP 1.6 security whitepaper: 16 to 40 characters. Generated when absent. */
  password: z.string().min(16).max(40).optional(),
  /** Explicit bindings; by default the station's terminals take connectors 1, 2, … in id order. */
  connectors: z
    .array(z.strictObject({ connectorId: z.number().int().min(1), terminalId: z.uuid() }))
    .max(64)
    .optional(),
  /**
   * OCPP 1.6 chargers configured with `ReserveConnectorZeroSupported` that hold reservations for
   * the whole charge point: ReserveNow then goes to connector 0.
   */
  reserveConnectorZero: z.boolean().optional(),
});
export type CreateChargerRequest = z.infer<typeof createChargerRequest>;

export interface ChargerConnectorView {
  connectorId: number;
  terminalId: string;
  pdcId: string;
  status: TerminalStatus;
}

export interface ChargerView {
  id: string;
  identity: string;
  protocol: ChargerProtocol;
  registrationStatus: 'Accepted' | 'Pending' | 'Rejected';
  online: boolean;
  lastSeenAt: string | null;
  lastBootAt: string | null;
  vendor: string | null;
  model: string | null;
  serialNumber: string | null;
  firmwareVersion: string | null;
  heartbeatIntervalSeconds: number;
  reserveConnectorZero: boolean;
  station: { id: string; name: string } | null;
  connectors: ChargerConnectorView[];
}

/** One OCPP-J frame of a charger's recent traffic: `GET /api/v1/admin/chargers/{id}/frames`. */
export interface ChargerFrameView {
  at: string;
  direction: 'in' | 'out';
  /** The frame as it went over the socket. */
  frame: string;
}

export type CreatedCharger = ChargerView & {
  /** Shown once: only its hash is stored. */
  password: string;
};

const connectorId = z.number().int().min(0);
const TRIGGERABLE = [
  'BootNotification',
  'Heartbeat',
  'StatusNotification',
  'MeterValues',
  'FirmwareStatusNotification',
  'DiagnosticsStatusNotification',
] as const;

/** Hub → charger commands, in protocol-neutral form; the hub maps each onto the charger's OCPP version. */
export const chargerCommandRequests = {
  'remote-start': z.strictObject({
    connectorId: connectorId.min(1).optional(),
    idTag: z.string().min(1).max(20).optional(),
  }),
  'remote-stop': z.strictObject({ transactionId: z.string().min(1).max(36) }),
  'reserve-now': z.strictObject({
    connectorId,
    expiresAt: z.iso.datetime({ offset: true }),
    idTag: z.string().min(1).max(20),
    reservationId: z.number().int().min(0),
  }),
  'cancel-reservation': z.strictObject({ reservationId: z.number().int().min(0) }),
  'change-availability': z.strictObject({ connectorId, operative: z.boolean() }),
  reset: z.strictObject({ type: z.enum(['soft', 'hard']).default('soft') }),
  'trigger-message': z.strictObject({
    message: z.enum(TRIGGERABLE),
    connectorId: connectorId.optional(),
  }),
  'unlock-connector': z.strictObject({ connectorId: connectorId.min(1) }),
  'get-configuration': z.strictObject({
    keys: z.array(z.string().min(1).max(50)).max(100).optional(),
  }),
  'change-configuration': z.strictObject({
    key: z.string().min(1).max(50),
    value: z.string().max(500),
  }),
} as const;

export type ChargerCommandName = keyof typeof chargerCommandRequests;
export const CHARGER_COMMAND_NAMES = Object.keys(chargerCommandRequests) as ChargerCommandName[];
export type ChargerCommandRequest<C extends ChargerCommandName = ChargerCommandName> = z.output<
  (typeof chargerCommandRequests)[C]
>;

export interface ChargerCommandResult {
  command: ChargerCommandName;
  /** The OCPP action sent, e.g. `RemoteStartTransaction` or `RequestStartTransaction`. */
  action: string;
  /** The charger's verdict, e.g. `Accepted`, `Rejected`, `Occupied`. */
  status: string | null;
  response: unknown;
}
