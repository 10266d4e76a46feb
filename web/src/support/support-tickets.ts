import type { SupportTicketKind, SupportTicketStatus, SupportTicketView } from '@wattsup/contracts';
import type { StatusTone } from '../lib/terminal-status';

const STATUS_DISPLAY: Record<SupportTicketStatus, { label: string; tone: StatusTone }> = {
  OPEN: { label: 'Open', tone: 'busy' },
  ANSWERED: { label: 'Answered', tone: 'free' },
  CLOSED: { label: 'Closed', tone: 'unknown' },
};

export function ticketStatusDisplay(status: SupportTicketStatus): {
  label: string;
  tone: StatusTone;
} {
  return STATUS_DISPLAY[status];
}

export const TICKET_KIND_LABELS: Record<SupportTicketKind, string> = {
  QUESTION: 'Question',
  FAULT: 'Fault report',
};

/** A fault report's first subject (`Charge point FR… is not working`); the driver may change it. */
export const faultReportSubject = (chargePointName: string): string =>
  `${chargePointName} is not working`;

/** What a request is about, in one line: `Fault report · Parc Victor Hugo`. */
export function ticketTopic(ticket: SupportTicketView): string {
  const kind = TICKET_KIND_LABELS[ticket.kind];
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
