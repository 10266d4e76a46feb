import type { CreateSupportTicketRequest, SupportTicketView } from '@wattsup/contracts';
import { apiRequest } from '../lib/http';

const ticketPath = (id: string) => `/support/tickets/${encodeURIComponent(id)}`;

/** Writes to customer service; a FAULT marks its terminal doubtful. 409 for a second report. */
export function openTicket(request: CreateSupportTicketRequest): Promise<SupportTicketView> {
  return apiRequest('/support/tickets', { method: 'POST', body: request });
}

/** The signed-in user's requests with their threads, latest activity first. */
export function fetchMyTickets(): Promise<SupportTicketView[]> {
  return apiRequest('/support/tickets/mine');
}

/** Adds to the thread: a driver's message reopens it, an admin's answers it. */
export function replyToTicket(id: string, message: string): Promise<SupportTicketView> {
  return apiRequest(`${ticketPath(id)}/messages`, { method: 'POST', body: { message } });
}

export function closeTicket(id: string): Promise<SupportTicketView> {
  return apiRequest(`${ticketPath(id)}/close`, { method: 'POST' });
}
