import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  AdminSupportTicketsQuery,
  SupportMessageView,
  SupportTicketKind,
  SupportTicketStatus,
  SupportTicketView,
} from '@wattsup/contracts';

interface TicketRow {
  id: string;
  kind: SupportTicketKind;
  status: SupportTicketStatus;
  subject: string;
  user_id: string;
  email: string;
  display_name: string | null;
  station_id: string | null;
  station_name: string | null;
  terminal_id: string | null;
  reservation_id: string | null;
  created_at: string;
  updated_at: string;
  messages: { from_staff: boolean; author: string | null; body: string; at: string }[];
}

const TICKET_SELECT = `
  select t.id, t.kind, t.status, t.subject, t.user_id, u.email, u.display_name,
         t.station_id, s.name as station_name, t.terminal_id, t.reservation_id,
         t.created_at, t.updated_at,
         coalesce((
           select json_agg(json_build_object(
                    'from_staff', m.from_staff,
                    'author', coalesce(a.display_name, a.email),
                    'body', m.body,
                    'at', m.created_at) order by m.id)
           from support_messages m left join users a on a.id = m.author_id
           where m.ticket_id = t.id), '[]') as messages
  from support_tickets t
  join users u on u.id = t.user_id
  left join stations s on s.id = t.station_id`;

function toView(row: TicketRow): SupportTicketView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    subject: row.subject,
    user: { id: row.user_id, email: row.email, displayName: row.display_name },
    station: row.station_id ? { id: row.station_id, name: row.station_name ?? '' } : null,
    terminalId: row.terminal_id,
    reservationId: row.reservation_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    messages: row.messages.map((message): SupportMessageView => ({
      fromStaff: message.from_staff,
      author: message.from_staff ? (message.author ?? 'Watts Up') : (message.author ?? 'Driver'),
      body: message.body,
      at: new Date(message.at).toISOString(),
    })),
  };
}

export interface NewTicket {
  userId: string;
  kind: SupportTicketKind;
  subject: string;
  message: string;
  stationId: string | null;
  terminalId: string | null;
  reservationId: string | null;
}

const UNIQUE_VIOLATION = '23505';

/** Support tickets and their threads in PostgreSQL. */
@Injectable()
export class SupportRepository {
  constructor(private readonly orm: MikroORM) {}

  private connection() {
    return this.orm.em.fork().getConnection();
  }

  /** The station of a terminal, and whether the reservation is the driver's, for a new ticket. */
  async references(ticket: {
    userId: string;
    stationId: string | null;
    terminalId: string | null;
    reservationId: string | null;
  }) {
    const [row] = await this.connection().execute<
      {
        station_exists: boolean;
        terminal_station_id: string | null;
        charger_id: string | null;
        connector_id: number | null;
        reservation_terminal_id: string | null;
      }[]
    >(
      `select exists (select 1 from stations where id = ?::uuid) as station_exists,
              (select station_id from terminals where id = ?::uuid) as terminal_station_id,
              (select charger_id from terminals where id = ?::uuid) as charger_id,
              (select connector_id from terminals where id = ?::uuid) as connector_id,
              (select terminal_id from reservations where id = ?::uuid and user_id = ?) as reservation_terminal_id`,
      [
        ticket.stationId,
        ticket.terminalId,
        ticket.terminalId,
        ticket.terminalId,
        ticket.reservationId,
        ticket.userId,
      ],
    );
    return {
      stationExists: row.station_exists,
      terminalStationId: row.terminal_station_id,
      chargerId: row.charger_id,
      connectorId: row.connector_id,
      reservationTerminalId: row.reservation_terminal_id,
    };
  }

  /** Null when the driver already has an open fault report on this terminal. */
  async create(ticket: NewTicket): Promise<string | null> {
    try {
      const [row] = await this.connection().execute<{ id: string }[]>(
        `with ticket as (
           insert into support_tickets (id, user_id, kind, subject, station_id, terminal_id, reservation_id)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?) returning id, user_id
         ), first_message as (
           insert into support_messages (ticket_id, author_id, from_staff, body)
           select id, user_id, false, ? from ticket
         )
         select id from ticket`,
        [
          ticket.userId,
          ticket.kind,
          ticket.subject,
          ticket.stationId,
          ticket.terminalId,
          ticket.reservationId,
          ticket.message,
        ],
      );
      return row.id;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  /** Adds a message and sets the status it implies, in one statement. */
  async reply(
    ticketId: string,
    authorId: string,
    fromStaff: boolean,
    body: string,
    status: SupportTicketStatus,
  ): Promise<void> {
    await this.connection().execute(
      `with message as (
         insert into support_messages (ticket_id, author_id, from_staff, body) values (?, ?, ?, ?)
       )
       update support_tickets set status = ?, updated_at = now() where id = ?`,
      [ticketId, authorId, fromStaff, body, status, ticketId],
    );
  }

  async setStatus(ticketId: string, status: SupportTicketStatus): Promise<void> {
    await this.connection().execute(
      `update support_tickets set status = ?, updated_at = now() where id = ?`,
      [status, ticketId],
    );
  }

  async find(id: string): Promise<SupportTicketView | null> {
    const [row] = await this.connection().execute<TicketRow[]>(`${TICKET_SELECT} where t.id = ?`, [
      id,
    ]);
    return row ? toView(row) : null;
  }

  async mine(userId: string): Promise<SupportTicketView[]> {
    const rows = await this.connection().execute<TicketRow[]>(
      `${TICKET_SELECT} where t.user_id = ? order by t.updated_at desc limit 100`,
      [userId],
    );
    return rows.map(toView);
  }

  /** The admin inbox: open tickets first, then answered, then closed; oldest waiting first. */
  async inbox(query: AdminSupportTicketsQuery): Promise<SupportTicketView[]> {
    const rows = await this.connection().execute<TicketRow[]>(
      `${TICKET_SELECT}
       where (?::text is null or t.status = ?) and (?::text is null or t.kind = ?)
       order by case t.status when 'OPEN' then 0 when 'ANSWERED' then 1 else 2 end,
                case when t.status = 'OPEN' then t.updated_at end asc,
                t.updated_at desc
       limit ? offset ?`,
      [
        query.status ?? null,
        query.status ?? null,
        query.kind ?? null,
        query.kind ?? null,
        query.limit,
        query.offset,
      ],
    );
    return rows.map(toView);
  }
}
