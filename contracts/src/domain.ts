/** Canonical terminal status: every protocol (OCPP 1.6, OCPP 2.0.1, MQTT, IRVE-dynamique) maps onto it. */
export const TERMINAL_STATUSES = [
  'AVAILABLE',
  'OCCUPIED',
  'RESERVED',
  'UNAVAILABLE',
  'FAULTED',
  'OFFLINE',
  'UNKNOWN',
] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

/** Where a terminal status came from, so clients can judge how fresh and trustworthy it is. */
export const STATUS_SOURCES = ['OCPP', 'MQTT', 'IRVE', 'HUB', 'SUPPORT'] as const;
export type StatusSource = (typeof STATUS_SOURCES)[number];

export const RESERVATION_STATUSES = [
  /** Claimed in the database while the charger is asked to hold the connector (seconds). */
  'PENDING',
  'ACTIVE',
  'IN_USE',
  'COMPLETED',
  'EXPIRED',
  'CANCELLED',
  'INTERRUPTED',
  /** The charger refused to hold the connector: the reservation never became ACTIVE. */
  'REJECTED',
] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];
/** Reservations in these states hold their terminal; the database allows one per terminal and per user. */
export const LIVE_RESERVATION_STATUSES = [
  'PENDING',
  'ACTIVE',
  'IN_USE',
] as const satisfies readonly ReservationStatus[];

export const PLUG_TYPES = ['TYPE_2', 'CCS_COMBO', 'CHADEMO', 'DOMESTIC_EF', 'OTHER'] as const;
export type PlugType = (typeof PLUG_TYPES)[number];

export const PLUG_LABELS: Record<PlugType, string> = {
  TYPE_2: 'Type 2',
  CCS_COMBO: 'CCS Combo',
  CHADEMO: 'CHAdeMO',
  DOMESTIC_EF: 'Domestic E/F',
  OTHER: 'Other',
};

export const CHARGER_PROTOCOLS = ['ocpp1.6', 'ocpp2.0.1', 'mqtt'] as const;
export type ChargerProtocol = (typeof CHARGER_PROTOCOLS)[number];

export const USER_ROLES = ['DRIVER', 'ADMIN'] as const;
export type UserRole = (typeof USER_ROLES)[number];
