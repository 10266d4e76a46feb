import type { Ocpp16, Ocpp201, TerminalStatus } from '@wattsup/contracts';

/** OCPP 1.6 §7.7 ChargePointStatus → canonical status. Every in-session state is OCCUPIED. */
const OCPP16: Record<Ocpp16.ChargePointStatus, TerminalStatus> = {
  Available: 'AVAILABLE',
  Preparing: 'OCCUPIED',
  Charging: 'OCCUPIED',
  SuspendedEV: 'OCCUPIED',
  SuspendedEVSE: 'OCCUPIED',
  Finishing: 'OCCUPIED',
  Reserved: 'RESERVED',
  Unavailable: 'UNAVAILABLE',
  Faulted: 'FAULTED',
};

/** OCPP 2.0.1 ConnectorStatusEnumType → canonical status. */
const OCPP201: Record<Ocpp201.ConnectorStatus, TerminalStatus> = {
  Available: 'AVAILABLE',
  Occupied: 'OCCUPIED',
  Reserved: 'RESERVED',
  Unavailable: 'UNAVAILABLE',
  Faulted: 'FAULTED',
};

export function mapOcpp16Status(status: Ocpp16.ChargePointStatus): TerminalStatus {
  return OCPP16[status] ?? 'UNKNOWN';
}

export function mapOcpp201Status(status: Ocpp201.ConnectorStatus): TerminalStatus {
  return OCPP201[status] ?? 'UNKNOWN';
}

/**
 * OCPP 1.6 §4.9: connectorId 0 is the charge point as a whole. Its Unavailable or Faulted
 * takes every connector down; any other status of connector 0 says nothing about them.
 */
export function wholeChargerStatus(status: Ocpp16.ChargePointStatus): TerminalStatus | null {
  const mapped = mapOcpp16Status(status);
  return mapped === 'UNAVAILABLE' || mapped === 'FAULTED' ? mapped : null;
}
