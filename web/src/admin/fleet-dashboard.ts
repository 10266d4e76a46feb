import {
  TERMINAL_STATUSES,
  type FleetEvent,
  type FleetSummary,
  type TerminalStatus,
} from '@wattsup/contracts';
import { statusDisplay, type StatusTone } from '../lib/terminal-status';

/** One status's part of the terminals bar. */
export interface StatusSegment {
  status: TerminalStatus;
  label: string;
  tone: StatusTone;
  count: number;
  /** Of all terminals in service, 0 when there are none. */
  share: number;
}

/** Every canonical status in the contract's order, with its count and share. */
export function statusSegments(terminals: FleetSummary['terminals']): StatusSegment[] {
  return TERMINAL_STATUSES.map((status) => ({
    status,
    ...statusDisplay(status),
    count: terminals.byStatus[status],
    share: terminals.total === 0 ? 0 : terminals.byStatus[status] / terminals.total,
  }));
}

/**
 * The newer of two summaries: a summary read again after a reconnect and one from `/live` may
 * cross, and the older must not replace the newer.
 */
export function newerSummary(current: FleetSummary | null, next: FleetSummary): FleetSummary {
  return current && Date.parse(current.at) > Date.parse(next.at) ? current : next;
}

/** What happened, in a line: `Faulted (GroundFailure)`, `Disconnected`. */
export function fleetEventTitle(event: FleetEvent): string {
  if (event.kind === 'DISCONNECT') return 'Disconnected';
  return event.errorCode && event.errorCode !== 'NoError'
    ? `Faulted (${event.errorCode})`
    : 'Faulted';
}

/** The chargers tab with one charger's detail open. */
export const chargerHref = (chargerId: string): string =>
  `#/admin/chargers?charger=${encodeURIComponent(chargerId)}`;

/** The charger `chargerHref` asks the chargers tab to open, or null. */
export const chargerInHash = (hash: string): string | null =>
  new URLSearchParams(hash.split('?')[1] ?? '').get('charger');
