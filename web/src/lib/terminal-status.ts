import { TERMINAL_STATUSES, type TerminalStatus } from '@wattsup/contracts';
import { english, type Translate } from './i18n';

/** How a status looks: free, taken, out of order, or not known. */
export type StatusTone = 'free' | 'busy' | 'down' | 'unknown';

const STATUS_TONES: Record<TerminalStatus, StatusTone> = {
  AVAILABLE: 'free',
  OCCUPIED: 'busy',
  RESERVED: 'busy',
  UNAVAILABLE: 'down',
  FAULTED: 'down',
  OFFLINE: 'unknown',
  UNKNOWN: 'unknown',
};

const isTerminalStatus = (status: string): status is TerminalStatus =>
  (TERMINAL_STATUSES as readonly string[]).includes(status);

/**
 * Display of a status as the hub sends it, in the language of `t` (English unless given); a
 * status this app does not know reads as unknown.
 */
export function statusDisplay(
  status: string,
  t: Translate = english,
): { label: string; tone: StatusTone } {
  const known = isTerminalStatus(status) ? status : 'UNKNOWN';
  return { label: t(`status.${known}`), tone: STATUS_TONES[known] };
}

/** What the panel knows about a terminal's status: what it is, who said so, and when. */
export interface TerminalStatusFacts {
  status: string;
  statusSource: string;
  statusConfirmedAt: string | null;
}

/**
 * A status nothing keeps up to date (demo data, an operator's file, the hub's own marks) is not
 * trusted past this age. A charger connected over OCPP or MQTT keeps its statuses true for as long
 * as it is connected: the hub turns a silent one OFFLINE, so its statuses never go stale by age.
 */
export const UNCONFIRMED_AFTER_MS = 30 * 60_000;
const LIVE_SOURCES = new Set(['OCPP', 'MQTT']);

const SOURCE_KEYS = {
  OCPP: 'source.charger',
  MQTT: 'source.charger',
  IRVE: 'source.IRVE',
  HUB: 'source.HUB',
  SUPPORT: 'source.SUPPORT',
} as const;

const sourceName = (source: string, t: Translate): string =>
  source in SOURCE_KEYS ? t(SOURCE_KEYS[source as keyof typeof SOURCE_KEYS]) : source;

/** "just now", "5 min ago", "3 h ago", "2 days ago" (or as `t` says it). */
export function timeAgo(at: Date, now: Date, t: Translate = english): string {
  const minutes = Math.floor(Math.max(0, now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return t('ago.now');
  if (minutes < 60) return t('ago.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('ago.hours', { n: hours });
  return t('ago.days', { n: Math.floor(hours / 24) });
}

const KNOWN_STATUSES = new Set<string>(
  TERMINAL_STATUSES.filter((s) => s !== 'UNKNOWN' && s !== 'OFFLINE'),
);

/** A status stated without a live connection to back it, and too long ago to trust. */
export function isStale(terminal: TerminalStatusFacts, now: Date): boolean {
  if (LIVE_SOURCES.has(terminal.statusSource) || !KNOWN_STATUSES.has(terminal.status)) return false;
  if (terminal.statusConfirmedAt === null) return true;
  return now.getTime() - Date.parse(terminal.statusConfirmedAt) > UNCONFIRMED_AFTER_MS;
}

/**
 * The note under a terminal whose status is doubtful, or null: a driver's fault report makes it
 * UNKNOWN (source SUPPORT) until its charger says otherwise; an old status from a source without a
 * live connection is shown for what it was, not as what it is.
 */
export function statusDoubt(
  terminal: TerminalStatusFacts,
  now: Date,
  t: Translate = english,
): string | null {
  if (terminal.status === 'UNKNOWN' && terminal.statusSource === 'SUPPORT')
    return t('status.reportedBroken');
  if (!isStale(terminal, now)) return null;
  const was = statusDisplay(terminal.status, t).label.toLowerCase();
  const by = sourceName(terminal.statusSource, t);
  return terminal.statusConfirmedAt === null
    ? t('status.neverConfirmed', { was, by })
    : t('status.lastReported', {
        was,
        by,
        ago: timeAgo(new Date(terminal.statusConfirmedAt), now, t),
      });
}

/** Who last confirmed a trusted status, and when: "Confirmed by the charger 3 min ago". */
export function statusFreshness(
  terminal: TerminalStatusFacts,
  now: Date,
  t: Translate = english,
): string | null {
  if (terminal.statusConfirmedAt === null || statusDoubt(terminal, now, t)) return null;
  return t('status.confirmed', {
    by: sourceName(terminal.statusSource, t),
    ago: timeAgo(new Date(terminal.statusConfirmedAt), now, t),
  });
}

/**
 * A terminal's badge: a driver's unconfirmed fault report reads as doubtful, and an old status no
 * connected charger backs reads as not confirmed, never as free.
 */
export function terminalStatusDisplay(
  terminal: TerminalStatusFacts,
  now: Date,
  t: Translate = english,
): { label: string; tone: StatusTone } {
  if (terminal.status === 'UNKNOWN' && terminal.statusSource === 'SUPPORT')
    return { label: t('status.doubtful'), tone: 'unknown' };
  if (isStale(terminal, now)) return { label: t('status.notConfirmed'), tone: 'unknown' };
  return statusDisplay(terminal.status, t);
}
