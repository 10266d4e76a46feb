import { Migration } from '@mikro-orm/migrations';

/** Customer service: tickets from drivers (questions and fault reports) and their threads. */
export class Migration20261122152000Support extends Migration {
  override up(): void {
    this.addSql(`
      create table support_tickets (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        kind text not null check (kind in ('QUESTION','FAULT')),
        status text not null default 'OPEN' check (status in ('OPEN','ANSWERED','CLOSED')),
        subject text not null check (char_length(subject) between 1 and 120),
        station_id uuid references stations (id) on delete set null,
        terminal_id uuid references terminals (id) on delete set null,
        reservation_id uuid references reservations (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index support_tickets_inbox on support_tickets (status, updated_at desc);`);
    this.addSql(`create index support_tickets_user on support_tickets (user_id, created_at desc);`);
    // One open fault report per driver and terminal: reporting twice does not double the alarm.
    this.addSql(
      `create unique index support_tickets_one_open_fault on support_tickets (user_id, terminal_id) where kind = 'FAULT' and status <> 'CLOSED';`,
    );
    this.addSql(`
      create table support_messages (
        id bigint generated always as identity primary key,
        ticket_id uuid not null references support_tickets (id) on delete cascade,
        author_id uuid references users (id) on delete set null,
        from_staff boolean not null,
        body text not null check (char_length(body) between 1 and 4000),
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index support_messages_ticket on support_messages (ticket_id, id);`);
  }

  override down(): void {
    this.addSql(`drop table support_messages;`);
    this.addSql(`drop table support_tickets;`);
  }
}
