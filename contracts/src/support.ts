import { z } from 'zod';

/** QUESTION: anything for customer service. FAULT: "this charger is broken", about one terminal. */
export const SUPPORT_TICKET_KINDS = ['QUESTION', 'FAULT'] as const;
export type SupportTicketKind = (typeof SUPPORT_TICKET_KINDS)[number];

export const SUPPORT_TICKET_STATUSES = ['OPEN', 'ANSWERED', 'CLOSED'] as const;
export type SupportTicketStatus = (typeof SUPPORT_TICKET_STATUSES)[number];

export const SUPPORT_MESSAGE_MAX_LENGTH = 4000;
export const SUPPORT_SUBJECT_MAX_LENGTH = 120;

const messageText = z
  .string()
  .trim()
  .min(1, 'write a message')
  .max(SUPPORT_MESSAGE_MAX_LENGTH, `at most ${SUPPORT_MESSAGE_MAX_LENGTH} characters`);

/** `POST /api/v1/support/tickets` */
export const createSupportTicketRequest = z
  .strictObject({
    kind: z.enum(SUPPORT_TICKET_KINDS).default('QUESTION'),
    subject: z
      .string()
      .trim()
      .min(1, 'give a subject')
      .max(SUPPORT_SUBJECT_MAX_LENGTH, `at most ${SUPPORT_SUBJECT_MAX_LENGTH} characters`),
    message: messageText,
    stationId: z.uuid().optional(),
    terminalId: z.uuid().optional(),
    reservationId: z.uuid().optional(),
  })
  .refine((ticket) => ticket.kind !== 'FAULT' || ticket.terminalId !== undefined, {
    message: 'a fault report names the charge point (terminalId)',
    path: ['terminalId'],
  });
export type CreateSupportTicketRequest = z.output<typeof createSupportTicketRequest>;

/** `POST /api/v1/support/tickets/{id}/messages`, by the driver or by staff */
export const supportReplyRequest = z.strictObject({ message: messageText });
export type SupportReplyRequest = z.output<typeof supportReplyRequest>;

/** `GET /api/v1/admin/support/tickets` */
export const adminSupportTicketsQuery = z.strictObject({
  status: z.enum(SUPPORT_TICKET_STATUSES).optional(),
  kind: z.enum(SUPPORT_TICKET_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AdminSupportTicketsQuery = z.output<typeof adminSupportTicketsQuery>;

export interface SupportMessageView {
  fromStaff: boolean;
  author: string;
  body: string;
  at: string;
}

export interface SupportTicketView {
  id: string;
  kind: SupportTicketKind;
  status: SupportTicketStatus;
  subject: string;
  user: { id: string; email: string; displayName: string | null };
  station: { id: string; name: string } | null;
  terminalId: string | null;
  reservationId: string | null;
  createdAt: string;
  updatedAt: string;
  messages: SupportMessageView[];
}

/**
 * What happened to a ticket: opened, answered by staff, a message from its driver (which reopens
 * it), or closed.
 */
export const SUPPORT_TICKET_CHANGES = ['CREATED', 'ANSWERED', 'MESSAGE', 'CLOSED'] as const;
export type SupportTicketChange = (typeof SUPPORT_TICKET_CHANGES)[number];

/**
 * `support.updated` on `/live`: the ticket as it now is, thread included, to its driver's sockets
 * (`ticket.user.id`) and to admins on topic `support`.
 */
export interface SupportTicketUpdate {
  change: SupportTicketChange;
  ticket: SupportTicketView;
}
