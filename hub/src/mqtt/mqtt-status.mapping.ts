import type { TerminalStatus } from '@wattsup/contracts';

/**
 * What an MQTT charger may say in `status`, case-insensitive: the canonical statuses it can know
 * of itself, and the OCPP 1.6 / 2.0.1 words that device makers reuse. OFFLINE and UNKNOWN are the
 * hub's to decide, never a device's.
 */
const MQTT_STATUSES: Record<string, TerminalStatus> = {
  available: 'AVAILABLE',
  occupied: 'OCCUPIED',
  reserved: 'RESERVED',
  unavailable: 'UNAVAILABLE',
  faulted: 'FAULTED',
  // OCPP 1.6 §7.7: every in-session state is OCCUPIED.
  preparing: 'OCCUPIED',
  charging: 'OCCUPIED',
  suspendedev: 'OCCUPIED',
  suspendedevse: 'OCCUPIED',
  finishing: 'OCCUPIED',
};

/** The canonical status of an MQTT status word, or null when the hub does not know the word. */
export function mapMqttStatus(status: string): TerminalStatus | null {
  return MQTT_STATUSES[status.toLowerCase()] ?? null;
}
