import { Migration } from '@mikro-orm/migrations';

const STATUSES = `'PENDING','ACTIVE','IN_USE','COMPLETED','EXPIRED','CANCELLED','INTERRUPTED','REJECTED'`;
/** PENDING holds the terminal too: it is claimed before the charger is asked. */
const LIVE = `status in ('PENDING','ACTIVE','IN_USE')`;

/**
 * Reservations enforced with the chargers: a PENDING claim while the charger answers ReserveNow,
 * the integer id OCPP needs, soft holds, the charge's outcome, and an append-only transition log
 * whose unique (reservation, state) makes a double-fired expiry impossible.
 */
export class Migration20261122150000Reservations extends Migration {
  override up(): void {
    this.addSql(`alter table reservations drop constraint reservations_status_check;`);
    this.addSql(
      `alter table reservations add constraint reservations_status_check check (status in (${STATUSES}));`,
    );
    this.addSql(`drop index reservations_one_live_per_terminal;`);
    this.addSql(`drop index reservations_one_live_per_user;`);
    this.addSql(
      `create unique index reservations_one_live_per_terminal on reservations (terminal_id) where ${LIVE};`,
    );
    this.addSql(
      `create unique index reservations_one_live_per_user on reservations (user_id) where ${LIVE};`,
    );
    // OCPP reservation ids are integers (1.6 §7.39, 2.0.1 ReserveNow.id).
    this.addSql(`create sequence reservations_ocpp_id_seq as integer;`);
    this.addSql(`
      alter table reservations
        add column ocpp_id integer not null unique default nextval('reservations_ocpp_id_seq'),
        add column kind text not null default 'CHARGER' check (kind in ('CHARGER','SOFT')),
        add column soft_previous_status text,
        add column estimated_end_at timestamptz,
        add column energy_wh numeric(14,1),
        add column cost_estimate_eur numeric(10,2),
        add column alternatives jsonb not null default '[]';`);
    this.addSql(`alter sequence reservations_ocpp_id_seq owned by reservations.ocpp_id;`);
    this.addSql(`alter table reservations alter column status set default 'PENDING';`);
    this.addSql(`create index reservations_user_time on reservations (user_id, created_at desc);`);
    this.addSql(
      `create index reservations_active_expiry on reservations (expires_at) where status = 'ACTIVE';`,
    );
    this.addSql(`
      create table reservation_transitions (
        id bigint generated always as identity primary key,
        reservation_id uuid not null references reservations (id) on delete restrict,
        from_status text check (from_status in (${STATUSES})),
        to_status text not null check (to_status in (${STATUSES})),
        cause text not null,
        occurred_at timestamptz not null default now(),
        unique (reservation_id, to_status)
      );`);
    this.addSql(`
      create trigger reservation_transitions_append_only
        before update or delete on reservation_transitions
        for each row execute function forbid_mutation();`);
  }

  override down(): void {
    this.addSql(`drop table reservation_transitions;`);
    this.addSql(`delete from reservations where status in ('PENDING','REJECTED');`);
    this.addSql(`drop index reservations_user_time;`);
    this.addSql(`drop index reservations_active_expiry;`);
    this.addSql(`
      alter table reservations
        drop column ocpp_id, drop column kind, drop column soft_previous_status,
        drop column estimated_end_at, drop column energy_wh, drop column cost_estimate_eur,
        drop column alternatives;`);
    this.addSql(`alter table reservations alter column status set default 'ACTIVE';`);
    this.addSql(`drop index reservations_one_live_per_terminal;`);
    this.addSql(`drop index reservations_one_live_per_user;`);
    const live = `status in ('ACTIVE','IN_USE')`;
    this.addSql(
      `create unique index reservations_one_live_per_terminal on reservations (terminal_id) where ${live};`,
    );
    this.addSql(
      `create unique index reservations_one_live_per_user on reservations (user_id) where ${live};`,
    );
    this.addSql(`alter table reservations drop constraint reservations_status_check;`);
    this.addSql(
      `alter table reservations add constraint reservations_status_check check (status in ('ACTIVE','IN_USE','COMPLETED','EXPIRED','CANCELLED','INTERRUPTED'));`,
    );
  }
}
