import { Migration } from '@mikro-orm/migrations';

const ORIGINS = `'HUB','IRVE'`;

/** IRVE imports with their reports, and the station and terminal fields imports fill. */
export class Migration20261122130000Imports extends Migration {
  override up(): void {
    this.addSql(`
      create table imports (
        id uuid primary key,
        status text not null default 'QUEUED' check (status in ('QUEUED','RUNNING','COMPLETED','FAILED')),
        phase text not null default 'QUEUED' check (phase in ('QUEUED','READING','WRITING','PRUNING','DONE')),
        source text not null check (source in ('UPLOAD','CLI')),
        file_name text not null,
        file_bytes bigint not null check (file_bytes >= 0),
        file_path text,
        prune boolean not null default false,
        batch_size integer not null check (batch_size > 0),
        created_by uuid references users (id) on delete set null,
        header jsonb,
        bytes_read bigint not null default 0,
        rows_read integer not null default 0,
        rows_to_write integer not null default 0,
        rows_accepted integer not null default 0,
        rows_rejected integer not null default 0,
        stations integer not null default 0,
        terminals integer not null default 0,
        counts jsonb not null default '{}',
        corrections jsonb not null default '{}',
        error text,
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index imports_created on imports (created_at desc);`);

    // One row per problem of a rejected row (a row with two bad fields has two).
    this.addSql(`
      create table import_rejects (
        id bigint generated always as identity primary key,
        import_id uuid not null references imports (id) on delete cascade,
        line integer not null,
        station_id text,
        pdc_id text,
        field text,
        value text,
        reason text not null
      );`);
    this.addSql(`create index import_rejects_import_line on import_rejects (import_id, line);`);

    // Rows of one station that disagree on a station field; the newest date_maj won.
    this.addSql(`
      create table import_conflicts (
        id bigint generated always as identity primary key,
        import_id uuid not null references imports (id) on delete cascade,
        station_id text not null,
        field text not null,
        kept_value text,
        kept_line integer not null,
        other_values text[] not null,
        other_lines integer[] not null
      );`);
    this.addSql(
      `create index import_conflicts_import_station on import_conflicts (import_id, station_id, field);`,
    );

    this.addSql(`
      alter table stations
        add column origin text not null default 'HUB' check (origin in (${ORIGINS})),
        add column network text,
        add column open_to_all_vehicles boolean not null default true,
        add column two_wheelers_only boolean,
        add column commissioned_on date,
        add column irve_updated_on date;`);
    this.addSql(`create index stations_network on stations (network) where retired_at is null;`);
    this.addSql(`
      alter table terminals
        add column origin text not null default 'HUB' check (origin in (${ORIGINS})),
        add column irve_updated_on date;`);
  }

  override down(): void {
    this.addSql(`alter table terminals drop column irve_updated_on, drop column origin;`);
    this.addSql(`drop index if exists stations_network;`);
    this.addSql(`
      alter table stations
        drop column irve_updated_on, drop column commissioned_on, drop column two_wheelers_only,
        drop column open_to_all_vehicles, drop column network, drop column origin;`);
    this.addSql(`drop table if exists import_conflicts;`);
    this.addSql(`drop table if exists import_rejects;`);
    this.addSql(`drop table if exists imports;`);
  }
}
