import type { SupportTicketView } from '@wattsup/contracts';
import { fetchMyTickets } from './support-api';
import { upsertTicket } from './support-tickets';

/**
 * The signed-in driver's requests, latest activity first; null until My requests first reads
 * them. Kept current by `support.updated` from then on.
 */
export const myTickets: { list: SupportTicketView[] | null } = $state({ list: null });

let reads = 0;

/** Reads the list; a slower, older answer never replaces a newer one. */
export async function refreshMyTickets(): Promise<void> {
  const read = ++reads;
  const list = await fetchMyTickets();
  if (read === reads) myTickets.list = list;
}

export function forgetMyTickets(): void {
  reads++;
  myTickets.list = null;
}

/**
 * A request as the hub last answered or announced it (`support.updated`, or the answer to the
 * driver's own message or close) goes first: the list runs latest activity first. A list not read
 * yet is left to its first read.
 */
export function keepTicket(ticket: SupportTicketView): void {
  if (myTickets.list) myTickets.list = upsertTicket(myTickets.list, ticket);
}
