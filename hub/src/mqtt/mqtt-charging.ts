import type { ConnectorMeterMessage, TerminalStatus } from '@wattsup/contracts';
import type { MeterReading } from '../ocpp/meter-values';

export type SessionStep = 'start' | 'stop' | null;

/**
 * MQTT chargers have no transactions: a connector that turns OCCUPIED (plug-in) opens a charging
 * session, one that turns AVAILABLE, UNAVAILABLE or FAULTED closes it. RESERVED changes nothing.
 */
export function sessionStepOnStatus(status: TerminalStatus, sessionOpen: boolean): SessionStep {
  if (status === 'OCCUPIED') return sessionOpen ? null : 'start';
  if (status === 'RESERVED') return null;
  return sessionOpen ? 'stop' : null;
}

/** Power flowing on a connector with no open session: its plug-in status was lost or never sent. */
export function sessionStepOnMeter(
  meter: ConnectorMeterMessage,
  sessionOpen: boolean,
): SessionStep {
  return !sessionOpen && meter.powerKw > 0 ? 'start' : null;
}

/** `energyKwh` of an MQTT meter message is the connector's energy register, like OCPP's. */
export function meterReading(meter: ConnectorMeterMessage, at: Date): MeterReading {
  return {
    at,
    powerW: meter.powerKw * 1000,
    energyWh: meter.energyKwh * 1000,
    ...(meter.socPct !== undefined ? { socPct: meter.socPct } : {}),
  };
}
