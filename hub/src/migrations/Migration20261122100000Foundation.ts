import { Migration } from '@mikro-orm/migrations';

const TERMINAL_STATUSES = `'AVAILABLE','OCCUPIED','RESERVED','UNAVAILABLE','FAULTED','OFFLINE','UNKNOWN'`;
const STATUS_SOURCES = `'OCPP','MQTT','IRVE','HUB','SUPPORT'`;
const RESERVATION_STATUSES = `'ACTIVE','IN_USE','COMPLETED','EXPIRED','CANCELLED','INTERRUPTED'`;
const LIVE_RESERVATION = `status in ('ACTIVE','IN_USE')`;

/** The foundation schema: stations and terminals on PostGIS, chargers, accounts, vehicles, reservations. */
export class Migration20261122100000Foundation extends Migration {
  override up(): void {
    this.addSql(`create extension if not exists postgis;`);

    this.addSql(`
      create function forbid_mutation() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only', tg_table_name;
      end $$;`);

    this.addSql(`
      create table users (
        id uuid primary key,
        email text not null check (email = lower(email) and position('@' in email) > 1),
        password_hash text not null,
        display_name text,
        role text not null default 'DRIVER' check (role in ('DRIVER','ADMIN')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create unique index users_email_unique on users (email);`);

    this.addSql(`
      create table refresh_tokens (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        family_id uuid not null,
        token_hash text not null unique,
        expires_at timestamptz not null,
        created_at timestamptz not null default now(),
        used_at timestamptz,
        revoked_at timestamptz
      );`);
    this.addSql(`create index refresh_tokens_family on refresh_tokens (family_id);`);
    this.addSql(`create index refresh_tokens_user on refresh_tokens (user_id);`);

    this.addSql(`
      create table stations (
        id uuid primary key,
        irve_id text not null unique,
        name text not null,
        operator text,
        brand text,
        address text,
        insee_code text,
        location geometry(Point, 4326) not null,
        implantation text,
        opening_hours text,
        pmr_accessibility text,
        access_condition text,
        pricing text,
        free boolean,
        retired_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    // Bounding boxes, tiles and nearest-station KNN all use this planar index.
    this.addSql(`create index stations_location_gist on stations using gist (location);`);

    this.addSql(`
      create table chargers (
        id uuid primary key,
        identity text not null unique check (identity ~ '^[A-Za-z0-9._:*+|@-]{1,48}$'),
        protocol text not null check (protocol in ('ocpp1.6','ocpp2.0.1','mqtt')),
        password_hash text,
        station_id uuid references stations (id) on delete set null,
        vendor text,
        model text,
        firmware_version text,
        accepted boolean not null default true,
        online boolean not null default false,
        last_seen_at timestamptz,
        heartbeat_interval_seconds integer not null default 300 check (heartbeat_interval_seconds > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index chargers_station on chargers (station_id);`);

    this.addSql(`
      create table terminals (
        id uuid primary key,
        station_id uuid not null references stations (id) on delete restrict,
        pdc_id text not null unique,
        power_kw numeric(7,2) not null check (power_kw > 0),
        plugs text[] not null default '{}',
        status text not null default 'UNKNOWN' check (status in (${TERMINAL_STATUSES})),
        status_source text not null default 'IRVE' check (status_source in (${STATUS_SOURCES})),
        status_changed_at timestamptz,
        status_confirmed_at timestamptz,
        charger_id uuid references chargers (id) on delete set null,
        connector_id integer check (connector_id >= 0),
        retired_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (charger_id, connector_id)
      );`);
    this.addSql(`create index terminals_station on terminals (station_id);`);

    this.addSql(`
      create table terminal_status_history (
        id bigint generated always as identity primary key,
        terminal_id uuid not null references terminals (id) on delete restrict,
        status text not null check (status in (${TERMINAL_STATUSES})),
        source text not null check (source in (${STATUS_SOURCES})),
        source_status text,
        error_code text,
        occurred_at timestamptz not null,
        recorded_at timestamptz not null default now()
      );`);
    this.addSql(
      `create index terminal_status_history_terminal_time on terminal_status_history (terminal_id, occurred_at desc);`,
    );
    this.addSql(`
      create trigger terminal_status_history_append_only
      before update or delete on terminal_status_history
      for each row execute function forbid_mutation();`);

    this.addSql(`
      create table vehicles (
        id uuid primary key,
        owner_id uuid not null references users (id) on delete cascade,
        name text not null,
        battery_kwh numeric(6,2) not null check (battery_kwh > 0),
        plugs text[] not null default '{}',
        mqtt_username text not null unique,
        mqtt_password_hash text not null,
        last_telemetry_at timestamptz,
        last_location geometry(Point, 4326),
        soc_pct numeric(5,2) check (soc_pct between 0 and 100),
        plugged_in boolean,
        charging boolean,
        odometer_km numeric(9,1),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index vehicles_owner on vehicles (owner_id);`);

    this.addSql(`
      create table vehicle_telemetry (
        id bigint generated always as identity primary key,
        vehicle_id uuid not null references vehicles (id) on delete cascade,
        ts timestamptz not null,
        location geometry(Point, 4326) not null,
        soc_pct numeric(5,2) not null check (soc_pct between 0 and 100),
        plugged_in boolean not null,
        charging boolean not null,
        odometer_km numeric(9,1) not null,
        speed_kmh numeric(5,1),
        terminal_id uuid
      );`);
    this.addSql(
      `create index vehicle_telemetry_vehicle_time on vehicle_telemetry (vehicle_id, ts);`,
    );
    this.addSql(`create index vehicle_telemetry_time_brin on vehicle_telemetry using brin (ts);`);

    this.addSql(`
      create table reservations (
        id uuid primary key,
        user_id uuid not null references users (id) on delete restrict,
        terminal_id uuid not null references terminals (id) on delete restrict,
        status text not null default 'ACTIVE' check (status in (${RESERVATION_STATUSES})),
        expires_at timestamptz not null,
        started_at timestamptz,
        ended_at timestamptz,
        end_cause text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(
      `create unique index reservations_one_live_per_terminal on reservations (terminal_id) where ${LIVE_RESERVATION};`,
    );
    this.addSql(
      `create unique index reservations_one_live_per_user on reservations (user_id) where ${LIVE_RESERVATION};`,
    );
  }

  override down(): void {
    for (const table of [
      'reservations',
      'vehicle_telemetry',
      'vehicles',
      'terminal_status_history',
      'terminals',
      'chargers',
      'stations',
      'refresh_tokens',
      'users',
    ]) {
      this.addSql(`drop table if exists ${table};`);
    }
    this.addSql(`drop function if exists forbid_mutation();`);
  }
}
