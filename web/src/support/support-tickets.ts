import type {
  SupportTicketKind,
  SupportTicketStatus,
  SupportTicketUpdate,
  SupportTicketView,
} from '@wattsup/contracts';
import { english, type Translate } from '../lib/i18n';
import type { StatusTone } from '../lib/terminal-status';

const STATUS_TONES: Record<SupportTicketStatus, StatusTone> = {
  OPEN: 'busy',
  ANSWERED: 'free',
  CLOSED: 'unknown',
};

/** A request's status as a badge shows it, in the language of `t` (English unless given). */
export function ticketStatusDisplay(
  status: SupportTicketStatus,
  t: Translate = english,
): {
  label: string;
  tone: StatusTone;
} {
  return { label: t(`ticketStatus.${status}`), tone: STATUS_TONES[status] };
}

export const TICKET_KIND_LABELS: Record<SupportTicketKind, string> = {
  QUESTION: english('ticketKind.QUESTION'),
  FAULT: english('ticketKind.FAULT'),
};

/** A fault report's first subject (`Charge point FR… is not working`); the driver may change it. */
export const faultReportSubject = (chargePointName: string, t: Translate = english): string =>
  t('report.faultSubject', { name: chargePointName });

/** What a request is about, in one line: `Fault report · Parc Victor Hugo`. */
export function ticketTopic(ticket: SupportTicketView, t: Translate = english): string {
  const kind = t(`ticketKind.${ticket.kind}`);
  return ticket.station ? `${kind} · ${ticket.station.name}` : kind;
}

/**
 * `tickets` with `ticket` as the hub last answered it, first: lists run latest activity first,
 * and an answer, a reply or a close is activity.
 */
export function upsertTicket(
  tickets: readonly SupportTicketView[],
  ticket: SupportTicketView,
): SupportTicketView[] {
  return [ticket, ...tickets.filter((known) => known.id !== ticket.id)];
}

/**
 * The admin inbox with a ticket as the hub last answered or announced it, replaced where it is
 * listed: an inbox being read does not reorder itself, and a ticket just answered stays in sight
 * with its new status even under the Open filter, until the next read. Null for a ticket it does
 * not list (a new one, or one that now matches its filter): the inbox is read again.
 */
export function applyInboxUpdate(
  tickets: readonly SupportTicketView[],
  ticket: SupportTicketView,
): SupportTicketView[] | null {
  if (!tickets.some((known) => known.id === ticket.id)) return null;
  return tickets.map((known) => (known.id === ticket.id ? ticket : known));
}

/** What to tell a driver about a change to one of their requests, wherever they are; or nothing. */
export function ticketNotice(
  { change, ticket }: SupportTicketUpdate,
  t: Translate = english,
): string | null {
  return change === 'ANSWERED' ? t('ticket.answered', { subject: ticket.subject }) : null;
}
