import { Migration } from '@mikro-orm/migrations';

/** OCPP central system: id tags, charging sessions, charger events, observed charging speed. */
export class Migration20261122110000Ocpp extends Migration {
  override up(): void {
    // OCPP 1.6 idTag is CiString20: each user gets a random one, sent to chargers on their behalf.
    this.addSql(`
      alter table users add column id_tag text not null
        default upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 20));`);
    this.addSql(`create unique index users_id_tag_unique on users (id_tag);`);

    this.addSql(`alter table chargers add column serial_number text;`);
    this.addSql(`alter table chargers add column last_boot_at timestamptz;`);
    this.addSql(`
      alter table chargers add column registration_status text not null default 'Accepted'
        check (registration_status in ('Accepted','Pending','Rejected'));`);
    this.addSql(`alter table chargers drop column accepted;`);

    // The speed a terminal really delivers, learnt from its charging sessions.
    this.addSql(`alter table terminals add column observed_power_kw numeric(7,2);`);

    // OCPP 1.6 transaction ids are integers the central system assigns.
    this.addSql(`create sequence ocpp16_transaction_id_seq as integer;`);

    this.addSql(`
      create table charging_sessions (
        id uuid primary key,
        charger_id uuid not null references chargers (id) on delete restrict,
        terminal_id uuid references terminals (id) on delete restrict,
        connector_id integer not null check (connector_id >= 0),
        transaction_id text not null,
        id_tag text,
        user_id uuid references users (id) on delete set null,
        reservation_id uuid references reservations (id) on delete set null,
        started_at timestamptz not null,
        stopped_at timestamptz,
        meter_start_wh numeric(14,1),
        meter_stop_wh numeric(14,1),
        energy_wh numeric(14,1),
        peak_power_w numeric(10,1),
        last_power_w numeric(10,1),
        last_meter_at timestamptz,
        soc_pct numeric(5,2),
        stop_reason text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (charger_id, transaction_id)
      );`);
    this.addSql(
      `create index charging_sessions_terminal_time on charging_sessions (terminal_id, started_at desc);`,
    );
    this.addSql(
      `create unique index charging_sessions_one_open_per_connector on charging_sessions (charger_id, connector_id) where stopped_at is null;`,
    );

    this.addSql(`
      create table charger_events (
        id bigint generated always as identity primary key,
        charger_id uuid not null references chargers (id) on delete cascade,
        kind text not null,
        payload jsonb not null,
        occurred_at timestamptz not null,
        recorded_at timestamptz not null default now()
      );`);
    this.addSql(
      `create index charger_events_charger_time on charger_events (charger_id, occurred_at desc);`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists charger_events;`);
    this.addSql(`drop table if exists charging_sessions;`);
    this.addSql(`drop sequence if exists ocpp16_transaction_id_seq;`);
    this.addSql(`alter table terminals drop column observed_power_kw;`);
    this.addSql(`alter table chargers add column accepted boolean not null default true;`);
    this.addSql(`alter table chargers drop column registration_status;`);
    this.addSql(`alter table chargers drop column last_boot_at;`);
    this.addSql(`alter table chargers drop column serial_number;`);
    this.addSql(`drop index if exists users_id_tag_unique;`);
    this.addSql(`alter table users drop column id_tag;`);
  }
}
