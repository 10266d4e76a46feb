import { TERMINAL_STATUSES, type TerminalStatus } from '@wattsup/contracts';

/** How a status looks: free, taken, out of order, or not known. */
export type StatusTone = 'free' | 'busy' | 'down' | 'unknown';

const STATUS_DISPLAY: Record<TerminalStatus, { label: string; tone: StatusTone }> = {
  AVAILABLE: { label: 'Available', tone: 'free' },
  OCCUPIED: { label: 'Occupied', tone: 'busy' },
  RESERVED: { label: 'Reserved', tone: 'busy' },
  UNAVAILABLE: { label: 'Unavailable', tone: 'down' },
  FAULTED: { label: 'Faulted', tone: 'down' },
  OFFLINE: { label: 'Offline', tone: 'unknown' },
  UNKNOWN: { label: 'Unknown', tone: 'unknown' },
};

const isTerminalStatus = (status: string): status is TerminalStatus =>
  (TERMINAL_STATUSES as readonly string[]).includes(status);

/** Display of a status as the hub sends it; a status this app does not know reads as unknown. */
export function statusDisplay(status: string): { label: string; tone: StatusTone } {
  return STATUS_DISPLAY[isTerminalStatus(status) ? status : 'UNKNOWN'];
}

/**
 * The note under a terminal whose status is doubtful, or null: a driver's fault report makes it
 * UNKNOWN (source SUPPORT) until its charger says otherwise.
 */
export function statusDoubt(terminal: { status: string; statusSource: string }): string | null {
  return terminal.status === 'UNKNOWN' && terminal.statusSource === 'SUPPORT'
    ? 'Reported broken by a driver, not confirmed'
    : null;
}

/** A terminal's badge: a driver's unconfirmed fault report reads as doubtful, not unknown. */
export function terminalStatusDisplay(terminal: { status: string; statusSource: string }): {
  label: string;
  tone: StatusTone;
} {
  return statusDoubt(terminal)
    ? { label: 'Doubtful', tone: 'unknown' }
    : statusDisplay(terminal.status);
}
