import {
  TERMINAL_STATUSES,
  type FleetEvent,
  type FleetSummary,
  type TerminalStatus,
} from '@wattsup/contracts';
import { english, type Translate } from '../lib/i18n';
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

const isTerminalStatus = (status: string): status is TerminalStatus =>
  (TERMINAL_STATUSES as readonly string[]).includes(status);

/**
 * A terminal status as an operator reads it in the language of `t` (`Faulted`, `En défaut`), with
 * the tone drivers see; a status this app does not know reads as unknown.
 */
export function operatorStatusDisplay(
  status: string,
  t: Translate = english,
): { label: string; tone: StatusTone } {
  const known = isTerminalStatus(status) ? status : 'UNKNOWN';
  return { label: t(`admin.status.${known}`), tone: statusDisplay(known).tone };
}

/**
 * Every canonical status in the contract's order, with its count and share, named as an operator
 * says it in the language of `t` (English unless given).
 */
export function statusSegments(
  terminals: FleetSummary['terminals'],
  t: Translate = english,
): StatusSegment[] {
  return TERMINAL_STATUSES.map((status) => ({
    status,
    ...operatorStatusDisplay(status, t),
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

/** What happened, in a line: `Faulted (GroundFailure)`, `Disconnected` (or as `t` says it). */
export function fleetEventTitle(event: FleetEvent, t: Translate = english): string {
  if (event.kind === 'DISCONNECT') return t('admin.fleet.disconnected');
  // The error code (OCPP 1.6 ChargePointErrorCode) is the protocol's word, kept in every language.
  return event.errorCode && event.errorCode !== 'NoError'
    ? t('admin.fleet.faultedCode', { code: event.errorCode })
    : t('admin.fleet.faultedEvent');
}

/** The chargers tab with one charger's detail open. */
export const chargerHref = (chargerId: string): string =>
  `#/admin/chargers?charger=${encodeURIComponent(chargerId)}`;

/** The charger `chargerHref` asks the chargers tab to open, or null. */
export const chargerInHash = (hash: string): string | null =>
  new URLSearchParams(hash.split('?')[1] ?? '').get('charger');
