import type { ReservationStatus, TerminalStatus } from '@wattsup/contracts';

/** What drivers read: every refusal and every transition explained in their words. */

export const clockTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(at);

export const TERMINAL_TAKEN = 'This charge point was just reserved by someone else.';

export function alreadyHolding(
  held: { stationName: string; status: ReservationStatus; expiresAt: Date },
  timeZone: string,
): string {
  if (held.status === 'IN_USE') return `You are already charging at ${held.stationName}.`;
  if (held.status === 'PENDING')
    return `Your reservation at ${held.stationName} is being confirmed by the charger.`;
  return `You already have a reservation at ${held.stationName} until ${clockTime(held.expiresAt, timeZone)}.`;
}

const NOT_AVAILABLE: Record<Exclude<TerminalStatus, 'AVAILABLE'>, string> = {
  OCCUPIED: 'This charge point is in use right now.',
  RESERVED: 'This charge point is already reserved.',
  UNAVAILABLE: 'This charge point is out of service right now.',
  FAULTED: 'This charge point is out of order.',
  OFFLINE: 'This charge point cannot be reached right now.',
  UNKNOWN: 'The status of this charge point is unknown, so it cannot be reserved.',
};

export const notAvailable = (status: Exclude<TerminalStatus, 'AVAILABLE'>) => NOT_AVAILABLE[status];

export const CHARGER_OFFLINE = 'The charger of this charge point is offline right now.';
export const NO_LIVE_CONNECTION =
  'This charge point has no live connection to Watts Up and its operator does not offer holds, so it cannot be reserved.';

/** OCPP ReserveNow answers (1.6 ReservationStatus, 2.0.1 ReserveNowStatusEnumType). */
const CHARGER_REFUSALS: Record<string, string> = {
  Occupied: 'The charger says this charge point is occupied.',
  Faulted: 'The charger reports a fault on this charge point.',
  Unavailable: 'The charger says this charge point is unavailable.',
  Rejected: 'The charger refused the reservation.',
};

export const chargerRefusal = (answer: string) =>
  CHARGER_REFUSALS[answer] ?? `The charger refused the reservation (${answer}).`;

export const CAUSES = {
  claimed: 'Waiting for the charger to confirm',
  softHold: 'Held on the map (no live connection to the charge point)',
  accepted: 'Held for you by the charger',
  expired: 'Your hold ended before charging started.',
  expiredAtCharger: 'The charger ended your hold: its time was up before charging started.',
  removedByCharger: 'The charger dropped your hold.',
  cancelledByDriver: 'Cancelled by you.',
  cancelledByAdmin: 'Cancelled by an operator.',
  chargingStarted: 'Charging started.',
  pendingLost: 'The charger did not confirm the reservation in time.',
} as const;

const BROKEN: Partial<Record<TerminalStatus, string>> = {
  FAULTED: 'The charge point reported a fault.',
  UNAVAILABLE: 'The charge point was taken out of service.',
  OFFLINE: 'The charge point lost its connection.',
};

export const brokenCause = (status: TerminalStatus) =>
  BROKEN[status] ?? 'The charge point stopped working.';

export function chargingFinished(energyWh: number | null, startedAt: Date, endedAt: Date): string {
  const minutes = Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000));
  const energy = energyWh === null ? '' : `${(energyWh / 1000).toFixed(1)} kWh in `;
  return `Charging finished: ${energy}${minutes} min.`;
}
