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
