import type { ChargerProtocol, ReservationKind } from '@wattsup/contracts';

/**
 * MQTT chargers have no presence on the topic contract (no connection of their own to the hub,
 * no last will): one that spoke within this window counts as connected.
 */
export const MQTT_CHARGER_PRESENCE_MS = 15 * 60_000;

/** Whether a charger can be reached now: OCPP by its socket, MQTT by its recent messages. */
export function chargerConnected(
  charger: { protocol: ChargerProtocol; online: boolean; lastSeenAt: Date | null },
  now: Date,
): boolean {
  if (charger.protocol !== 'mqtt') return charger.online;
  return (
    charger.lastSeenAt !== null &&
    now.getTime() - charger.lastSeenAt.getTime() <= MQTT_CHARGER_PRESENCE_MS
  );
}

/** What decides how a terminal can be held, whatever its status at the moment. */
export interface HoldableTerminal {
  chargerId: string | null;
  chargerOnline: boolean;
  chargerAccepted: boolean;
  operator: string | null;
}

/**
 * CHARGER when a connected, accepted charger can hold the connector; SOFT for a terminal with no
 * charger whose operator allows map-only holds; null when it cannot be reserved now.
 */
export function reservationKind(
  terminal: HoldableTerminal,
  softHoldOperators: string[] | 'all',
): ReservationKind | null {
  if (terminal.chargerId) {
    return terminal.chargerOnline && terminal.chargerAccepted ? 'CHARGER' : null;
  }
  const allowed =
    softHoldOperators === 'all' ||
    (terminal.operator !== null && softHoldOperators.includes(terminal.operator));
  return allowed ? 'SOFT' : null;
}
