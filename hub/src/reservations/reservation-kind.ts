import type { ReservationKind } from '@wattsup/contracts';

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
