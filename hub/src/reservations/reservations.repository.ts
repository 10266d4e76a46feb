import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  AdminReservationsQuery,
  ChargerProtocol,
  ReservationAlternative,
  ReservationKind,
  ReservationStatus,
  ReservationTransitionView,
  ReservationView,
  TerminalStatus,
} from '@wattsup/contracts';
import { arrayLiteral } from '../database/array-literal';
import {
  type ReservationEvent,
  initialStatus,
  statusAfter,
  statusesAccepting,
} from './reservation-machine';

type Connection = ReturnType<MikroORM['em']['getConnection']>;

/** What deciding whether a terminal can be reserved needs to know about it. */
export interface ReservableTerminal {
  terminalId: string;
  status: TerminalStatus;
  operator: string | null;
  chargerId: string | null;
  chargerIdentity: string | null;
  connectorId: number | null;
  protocol: ChargerProtocol | null;
  reserveConnectorZero: boolean;
  chargerOnline: boolean;
  chargerAccepted: boolean;
  place: ReservationPlace;
}

/** Where a reservation is, as its view shows it. */
export interface ReservationPlace {
  stationId: string;
  stationName: string;
  address: string | null;
  lon: number;
  lat: number;
  powerKw: number;
  plugs: string[];
}

/** A reservation row with what its events and side effects need. */
export interface ReservationRecord {
  id: string;
  userId: string;
  terminalId: string;
  status: ReservationStatus;
  kind: ReservationKind;
  ocppId: number;
  expiresAt: Date;
  softPreviousStatus: TerminalStatus | null;
  estimatedEndAt: Date | null;
  alternatives: ReservationAlternative[];
  endCause: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  energyWh: number | null;
  costEstimateEur: number | null;
}

export interface TransitionPatch {
  startedAt?: Date;
  estimatedEndAt?: Date | null;
  energyWh?: number | null;
  costEstimateEur?: number | null;
  alternatives?: ReservationAlternative[];
}

export type ClaimResult =
  | { claimed: ReservationRecord; idTag: string }
  | { conflict: 'terminal' }
  | { conflict: 'user'; held: HeldReservation };

/** The live reservation a driver already has, for the 409 that refuses a second one. */
export interface HeldReservation {
  id: string;
  stationName: string;
  status: ReservationStatus;
  expiresAt: Date;
}

const UNIQUE_VIOLATION = '23505';
const FINAL_STATUSES = ['COMPLETED', 'EXPIRED', 'CANCELLED', 'INTERRUPTED', 'REJECTED'];
const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(',');
/** Live states, taken from the state machine so the SQL cannot drift from it. */
const LIVE_SQL = sqlList(['PENDING', 'ACTIVE', 'IN_USE']);

const RECORD_COLUMNS = `r.id, r.user_id, r.terminal_id, r.status, r.kind, r.ocpp_id, r.expires_at,
  r.soft_previous_status, r.estimated_end_at, r.alternatives, r.end_cause, r.created_at,
  r.started_at, r.ended_at, r.energy_wh, r.cost_estimate_eur`;

interface RecordRow {
  id: string;
  user_id: string;
  terminal_id: string;
  status: ReservationStatus;
  kind: ReservationKind;
  ocpp_id: number;
  expires_at: string;
  soft_previous_status: TerminalStatus | null;
  estimated_end_at: string | null;
  alternatives: ReservationAlternative[];
  end_cause: string | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  energy_wh: string | null;
  cost_estimate_eur: string | null;
}

/** The driver hands timestamps and numerics over as text; they are parsed here, once. */
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));
const numberOrNull = (value: string | null) => (value === null ? null : Number(value));

const toRecord = (row: RecordRow): ReservationRecord => ({
  id: row.id,
  userId: row.user_id,
  terminalId: row.terminal_id,
  status: row.status,
  kind: row.kind,
  ocppId: row.ocpp_id,
  expiresAt: new Date(row.expires_at),
  softPreviousStatus: row.soft_previous_status,
  estimatedEndAt: dateOrNull(row.estimated_end_at),
  alternatives: row.alternatives,
  endCause: row.end_cause,
  createdAt: new Date(row.created_at),
  startedAt: dateOrNull(row.started_at),
  endedAt: dateOrNull(row.ended_at),
  energyWh: numberOrNull(row.energy_wh),
  costEstimateEur: numberOrNull(row.cost_estimate_eur),
});

const PLACE_COLUMNS = `t.station_id, s.name as station_name, s.address, st_x(s.location) as lon,
  st_y(s.location) as lat, t.power_kw, t.plugs`;

interface PlaceRow {
  station_id: string;
  station_name: string;
  address: string | null;
  lon: number;
  lat: number;
  power_kw: string;
  plugs: string[];
}

const toPlace = (row: PlaceRow): ReservationPlace => ({
  stationId: row.station_id,
  stationName: row.station_name,
  address: row.address,
  lon: row.lon,
  lat: row.lat,
  powerKw: Number(row.power_kw),
  plugs: row.plugs,
});

const VIEW_SELECT = `
  select ${RECORD_COLUMNS}, ${PLACE_COLUMNS}
  from reservations r
  join terminals t on t.id = r.terminal_id
  join stations s on s.id = t.station_id`;

const viewOf = (row: RecordRow & PlaceRow) => reservationView(toRecord(row), toPlace(row));

export const SOFT_HOLD_NOTICE =
  'This charge point has no live connection to Watts Up: your hold is shown to other drivers, but the charge point itself does not keep it for you.';

const isoOrNull = (value: Date | null) => value?.toISOString() ?? null;

/** The API's view of a reservation, from its row and where it is. */
export function reservationView(
  record: ReservationRecord,
  place: ReservationPlace,
): ReservationView {
  return {
    id: record.id,
    userId: record.userId,
    status: record.status,
    kind: record.kind,
    terminalId: record.terminalId,
    ...place,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt.toISOString(),
    startedAt: isoOrNull(record.startedAt),
    endedAt: isoOrNull(record.endedAt),
    endCause: record.endCause,
    estimatedEndAt: isoOrNull(record.estimatedEndAt),
    energyKwh: record.energyWh === null ? null : record.energyWh / 1000,
    costEstimateEur: record.costEstimateEur,
    alternatives: record.alternatives,
    notice: record.kind === 'SOFT' ? SOFT_HOLD_NOTICE : null,
  };
}

/** Reservations in PostgreSQL. Every status change goes through the state machine and the log. */
@Injectable()
export class ReservationsRepository {
  constructor(private readonly orm: MikroORM) {}

  private connection(): Connection {
    return this.orm.em.fork().getConnection();
  }

  async reservableTerminal(terminalId: string): Promise<ReservableTerminal | null> {
    return (await this.reservableTerminals([terminalId])).get(terminalId) ?? null;
  }

  /** `reservableTerminal` for many terminals in one query (expiries come in thousands). */
  async reservableTerminals(terminalIds: string[]): Promise<Map<string, ReservableTerminal>> {
    const rows = await this.connection().execute<
      (PlaceRow & {
        id: string;
        status: TerminalStatus;
        operator: string | null;
        charger_id: string | null;
        identity: string | null;
        connector_id: number | null;
        protocol: ChargerProtocol | null;
        online: boolean | null;
        registration_status: string | null;
        reserve_connector_zero: boolean | null;
      })[]
    >(
      `select t.id, t.status, ${PLACE_COLUMNS}, s.operator, t.charger_id, c.identity,
              t.connector_id, c.protocol, c.online, c.registration_status,
              c.reserve_connector_zero
       from terminals t
       join stations s on s.id = t.station_id
       left join chargers c on c.id = t.charger_id
       where t.id = any(?::uuid[])
         and t.retired_at is null and s.retired_at is null`,
      [arrayLiteral(terminalIds)],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          terminalId: row.id,
          status: row.status,
          operator: row.operator,
          chargerId: row.charger_id,
          chargerIdentity: row.identity,
          connectorId: row.connector_id,
          protocol: row.protocol,
          chargerOnline: row.online === true,
          chargerAccepted: row.registration_status === 'Accepted',
          reserveConnectorZero: row.reserve_connector_zero === true,
          place: toPlace(row),
        },
      ]),
    );
  }

  /**
   * Inserts the reservation in its first state. The partial unique indexes decide races: of many
   * drivers claiming one terminal at once, exactly one insert succeeds. Answers with the
   * driver's idTag, which the charger is told.
   */
  async claim(claim: {
    userId: string;
    terminalId: string;
    kind: ReservationKind;
    expiresAt: Date;
    softPreviousStatus: TerminalStatus | null;
    cause: string;
  }): Promise<ClaimResult> {
    const status = initialStatus(claim.kind);
    try {
      const [row] = await this.connection().execute<(RecordRow & { id_tag: string })[]>(
        `with claimed as (
           insert into reservations (id, user_id, terminal_id, status, kind, expires_at, soft_previous_status)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)
           returning ${RECORD_COLUMNS.replaceAll('r.', '')}
         ), logged as (
           insert into reservation_transitions (reservation_id, from_status, to_status, cause)
           select id, null, status, ? from claimed
         )
         select claimed.*, u.id_tag from claimed join users u on u.id = claimed.user_id`,
        [
          claim.userId,
          claim.terminalId,
          status,
          claim.kind,
          claim.expiresAt,
          claim.softPreviousStatus,
          claim.cause,
        ],
      );
      return { claimed: toRecord(row), idTag: row.id_tag };
    } catch (error) {
      const violation = error as { code?: string; constraint?: string };
      if (violation.code !== UNIQUE_VIOLATION) throw error;
      if (violation.constraint === 'reservations_one_live_per_terminal')
        return { conflict: 'terminal' };
      const held = await this.liveReservationOf(claim.userId);
      // The other reservation may have ended in between: let the driver simply try again.
      if (!held) return { conflict: 'terminal' };
      return { conflict: 'user', held };
    }
  }

  private async liveReservationOf(userId: string): Promise<HeldReservation | null> {
    const [row] = await this.connection().execute<
      { id: string; station_name: string; status: ReservationStatus; expires_at: string }[]
    >(
      `select r.id, s.name as station_name, r.status, r.expires_at
       from reservations r join terminals t on t.id = r.terminal_id join stations s on s.id = t.station_id
       where r.user_id = ? and r.status in (${LIVE_SQL})`,
      [userId],
    );
    return row
      ? {
          id: row.id,
          stationName: row.station_name,
          status: row.status,
          expiresAt: new Date(row.expires_at),
        }
      : null;
  }

  /**
   * Applies `event` if the state machine allows it from the current state (row locked), storing
   * the transition with its cause. Returns null when the event does not apply: handlers are
   * idempotent, and a late expiry after IN_USE changes nothing.
   */
  async transition(
    id: string,
    event: ReservationEvent,
    cause: string,
    patch: TransitionPatch = {},
  ): Promise<{ record: ReservationRecord; from: ReservationStatus } | null> {
    const to = statusAfter(event);
    const ends = FINAL_STATUSES.includes(to);
    // One statement: the row is locked, checked against the state machine, changed and logged.
    const [row] = await this.connection().execute<
      (RecordRow & { from_status: ReservationStatus })[]
    >(
      `with current as (select id, status from reservations where id = ? for update),
       changed as (
         update reservations r set status = ?, updated_at = now(),
           ended_at = case when ? then now() else r.ended_at end,
           end_cause = case when ? then ? else r.end_cause end,
           started_at = coalesce(?, r.started_at),
           estimated_end_at = case when ? then ? else r.estimated_end_at end,
           energy_wh = case when ? then ? else r.energy_wh end,
           cost_estimate_eur = case when ? then ? else r.cost_estimate_eur end,
           alternatives = coalesce(?::jsonb, r.alternatives)
         from current
         where r.id = current.id and current.status in (${sqlList(statusesAccepting(event))})
         returning ${RECORD_COLUMNS}, current.status as from_status
       ), logged as (
         insert into reservation_transitions (reservation_id, from_status, to_status, cause)
         select id, from_status, status, ? from changed
       )
       select * from changed`,
      [
        id,
        to,
        ends,
        ends,
        cause,
        patch.startedAt ?? null,
        'estimatedEndAt' in patch,
        patch.estimatedEndAt ?? null,
        'energyWh' in patch,
        patch.energyWh ?? null,
        'costEstimateEur' in patch,
        patch.costEstimateEur ?? null,
        patch.alternatives ? JSON.stringify(patch.alternatives) : null,
        cause,
      ],
    );
    return row ? { record: toRecord(row), from: row.from_status } : null;
  }

  /**
   * Expires, in one statement, up to `limit` ACTIVE reservations due by `dueBy`. Rows another
   * instance is expiring are skipped, and the transition log's unique (reservation, state)
   * refuses a second EXPIRED: one expiry never fires twice.
   */
  async expireDue(dueBy: Date, cause: string, limit: number): Promise<ReservationRecord[]> {
    const from = statusesAccepting('expired');
    const rows = await this.connection().execute<RecordRow[]>(
      `with due as (
         select id, status from reservations
         where status in (${sqlList(from)}) and expires_at <= greatest(now(), ?::timestamptz)
         order by expires_at limit ? for update skip locked
       ), expired as (
         update reservations r set status = 'EXPIRED', ended_at = now(), end_cause = ?, updated_at = now()
         from due where r.id = due.id
         returning ${RECORD_COLUMNS}, due.status as from_status
       ), logged as (
         insert into reservation_transitions (reservation_id, from_status, to_status, cause)
         select id, from_status, 'EXPIRED', ? from expired
       )
       select * from expired`,
      [dueBy, limit, cause, cause],
    );
    return rows.map(toRecord);
  }

  /** A new end-of-charge estimate; only an IN_USE reservation has one. */
  async updateEstimate(id: string, estimatedEndAt: Date | null): Promise<ReservationRecord | null> {
    const [row] = await this.connection().execute<RecordRow[]>(
      `update reservations r set estimated_end_at = ?, updated_at = now()
       where r.id = ? and r.status = 'IN_USE' and r.estimated_end_at is distinct from ?
       returning ${RECORD_COLUMNS}`,
      [estimatedEndAt, id, estimatedEndAt],
    );
    return row ? toRecord(row) : null;
  }

  async find(id: string): Promise<ReservationRecord | null> {
    const [row] = await this.connection().execute<RecordRow[]>(
      `select ${RECORD_COLUMNS} from reservations r where r.id = ?`,
      [id],
    );
    return row ? toRecord(row) : null;
  }

  /**
   * The ACTIVE reservation a charging session fulfils: the one the charger names, or one on this
   * terminal held by the driver the charger identified. MQTT chargers identify nobody: a plug-in on
   * their reserved terminal is the reservation's car.
   */
  async activeForCharging(
    ocppReservationId: number | null,
    terminalId: string | null,
    userId: string | null,
  ): Promise<string | null> {
    const [row] = await this.connection().execute<{ id: string }[]>(
      `select r.id from reservations r
       where r.status = 'ACTIVE'
         and (r.ocpp_id = ?
              or (r.terminal_id = ? and (r.user_id = ? or exists (
                    select 1 from terminals t join chargers c on c.id = t.charger_id
                    where t.id = r.terminal_id and c.protocol = 'mqtt'))))
       limit 1`,
      [ocppReservationId ?? -1, terminalId, userId],
    );
    return row?.id ?? null;
  }

  /** The ACTIVE reservation a charger knows by its OCPP id, if that charger holds it. */
  async activeAtCharger(
    chargerId: string,
    ocppReservationId: number,
  ): Promise<{ id: string; terminalId: string } | null> {
    const [row] = await this.connection().execute<{ id: string; terminal_id: string }[]>(
      `select r.id, r.terminal_id from reservations r join terminals t on t.id = r.terminal_id
       where r.ocpp_id = ? and t.charger_id = ? and r.status = 'ACTIVE'`,
      [ocppReservationId, chargerId],
    );
    return row ? { id: row.id, terminalId: row.terminal_id } : null;
  }

  async linkChargingSession(sessionId: string, reservationId: string): Promise<void> {
    await this.connection().execute(
      'update charging_sessions set reservation_id = ? where id = ?',
      [reservationId, sessionId],
    );
  }

  async liveOnTerminals(terminalIds: string[]): Promise<string[]> {
    if (terminalIds.length === 0) return [];
    const rows = await this.connection().execute<{ id: string }[]>(
      `select id from reservations
       where terminal_id = any(?::uuid[])
         and status in (${sqlList(statusesAccepting('terminal-broke'))})`,
      [arrayLiteral(terminalIds)],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Up to `limit` AVAILABLE terminals near `terminalId` that a driver of the same car can use
   * (a shared plug, at least half the power) and can reserve now, nearest first (PostGIS KNN).
   */
  async alternatives(
    terminalId: string,
    radiusKm: number,
    softHoldOperators: string[] | 'all',
    limit = 3,
  ): Promise<ReservationAlternative[]> {
    const rows = await this.connection().execute<
      {
        terminal_id: string;
        station_id: string;
        station_name: string;
        address: string | null;
        distance_m: number;
        power_kw: string;
        plugs: string[];
      }[]
    >(
      `with origin as (
         select t.power_kw, t.plugs, s.location from terminals t join stations s on s.id = t.station_id
         where t.id = ?
       )
       select t.id as terminal_id, s.id as station_id, s.name as station_name, s.address,
              round(st_distance(s.location::geography, o.location::geography))::int as distance_m,
              t.power_kw, t.plugs
       from origin o
       join stations s on st_dwithin(s.location::geography, o.location::geography, ?)
       join terminals t on t.station_id = s.id
       left join chargers c on c.id = t.charger_id
       where s.retired_at is null and t.retired_at is null and t.id <> ?
         and t.status = 'AVAILABLE' and t.plugs && o.plugs and t.power_kw >= o.power_kw / 2
         and ((c.online and c.registration_status = 'Accepted')
              or (t.charger_id is null and (? or s.operator = any(?::text[]))))
         and not exists (select 1 from reservations r where r.terminal_id = t.id and r.status in (${LIVE_SQL}))
       order by s.location <-> o.location, t.power_kw desc
       limit ?`,
      [
        terminalId,
        radiusKm * 1000,
        terminalId,
        softHoldOperators === 'all',
        arrayLiteral(softHoldOperators === 'all' ? [] : softHoldOperators),
        limit,
      ],
    );
    return rows.map((row) => ({
      terminalId: row.terminal_id,
      stationId: row.station_id,
      stationName: row.station_name,
      address: row.address,
      distanceM: row.distance_m,
      powerKw: Number(row.power_kw),
      plugs: row.plugs,
    }));
  }

  async view(id: string): Promise<ReservationView | null> {
    const [row] = await this.connection().execute<(RecordRow & PlaceRow)[]>(
      `${VIEW_SELECT} where r.id = ?`,
      [id],
    );
    return row ? viewOf(row) : null;
  }

  /** The user's reservations: live ones first, then the most recent. */
  async mine(userId: string, limit: number): Promise<ReservationView[]> {
    const rows = await this.connection().execute<(RecordRow & PlaceRow)[]>(
      `${VIEW_SELECT} where r.user_id = ?
       order by (r.status in (${LIVE_SQL})) desc, r.created_at desc limit ?`,
      [userId, limit],
    );
    return rows.map(viewOf);
  }

  async list(query: AdminReservationsQuery): Promise<ReservationView[]> {
    const rows = await this.connection().execute<(RecordRow & PlaceRow)[]>(
      `${VIEW_SELECT}
       where (?::text is null or r.status = ?) and (?::uuid is null or r.user_id = ?)
         and (?::uuid is null or r.terminal_id = ?) and (?::uuid is null or t.station_id = ?)
         and (?::timestamptz is null or r.created_at >= ?) and (?::timestamptz is null or r.created_at < ?)
       order by r.created_at desc limit ? offset ?`,
      [
        ...[query.status, query.userId, query.terminalId, query.stationId, query.from, query.to]
          .map((value) => value ?? null)
          .flatMap((value) => [value, value]),
        query.limit,
        query.offset,
      ],
    );
    return rows.map(viewOf);
  }

  async transitions(id: string): Promise<ReservationTransitionView[]> {
    const rows = await this.connection().execute<
      {
        from_status: ReservationStatus | null;
        to_status: ReservationStatus;
        cause: string;
        occurred_at: string;
      }[]
    >(
      `select from_status, to_status, cause, occurred_at from reservation_transitions
       where reservation_id = ? order by id`,
      [id],
    );
    return rows.map((row) => ({
      from: row.from_status,
      to: row.to_status,
      cause: row.cause,
      at: new Date(row.occurred_at).toISOString(),
    }));
  }

  /** For the reconciler: what the event-driven paths may have missed after a crash. */
  async strayReservations(pendingBefore: Date): Promise<{
    stalePending: string[];
    onBrokenTerminals: { id: string; terminalId: string; status: TerminalStatus }[];
    chargingStarted: { id: string; sessionId: string; startedAt: Date }[];
    chargingEnded: { id: string; sessionId: string }[];
  }> {
    const connection = this.connection();
    const [stalePending, onBrokenTerminals, chargingStarted, chargingEnded] = await Promise.all([
      connection.execute<{ id: string }[]>(
        `select id from reservations where status = 'PENDING' and created_at < ?`,
        [pendingBefore],
      ),
      connection.execute<{ id: string; terminal_id: string; status: TerminalStatus }[]>(
        `select r.id, r.terminal_id, t.status from reservations r join terminals t on t.id = r.terminal_id
         where r.status in (${sqlList(statusesAccepting('terminal-broke'))})
           and t.status in ('FAULTED','UNAVAILABLE','OFFLINE')`,
      ),
      connection.execute<{ id: string; session_id: string; started_at: string }[]>(
        `select r.id, cs.id as session_id, cs.started_at from reservations r
         join charging_sessions cs on cs.terminal_id = r.terminal_id and cs.user_id = r.user_id
           and cs.stopped_at is null and cs.started_at >= r.created_at
         where r.status = 'ACTIVE'`,
      ),
      connection.execute<{ id: string; session_id: string }[]>(
        `select r.id, cs.id as session_id from reservations r
         join charging_sessions cs on cs.reservation_id = r.id and cs.stopped_at is not null
         where r.status = 'IN_USE'`,
      ),
    ]);
    return {
      stalePending: stalePending.map((row) => row.id),
      onBrokenTerminals: onBrokenTerminals.map((row) => ({
        id: row.id,
        terminalId: row.terminal_id,
        status: row.status,
      })),
      chargingStarted: chargingStarted.map((row) => ({
        id: row.id,
        sessionId: row.session_id,
        startedAt: new Date(row.started_at),
      })),
      chargingEnded: chargingEnded.map((row) => ({ id: row.id, sessionId: row.session_id })),
    };
  }

  /** ACTIVE reservations due before `before`, whose expiry jobs the reconciler checks. */
  async activeDueBefore(before: Date): Promise<{ id: string; expiresAt: Date }[]> {
    const rows = await this.connection().execute<{ id: string; expires_at: string }[]>(
      `select id, expires_at from reservations where status = 'ACTIVE' and expires_at < ?`,
      [before],
    );
    return rows.map((row) => ({ id: row.id, expiresAt: new Date(row.expires_at) }));
  }

  /** What a finished charge needs for its outcome. */
  async chargeContext(sessionId: string) {
    const [row] = await this.connection().execute<
      {
        energy_wh: string | null;
        started_at: string;
        stopped_at: string | null;
        last_power_w: string | null;
        soc_pct: string | null;
        power_kw: string;
        observed_power_kw: string | null;
        pricing: string | null;
        free: boolean | null;
        battery_kwh: string | null;
        vehicle_soc_pct: string | null;
      }[]
    >(
      `select cs.energy_wh, cs.started_at, cs.stopped_at, cs.last_power_w, cs.soc_pct,
              t.power_kw, t.observed_power_kw, s.pricing, s.free, v.battery_kwh, v.soc_pct as vehicle_soc_pct
       from charging_sessions cs
       join terminals t on t.id = cs.terminal_id
       join stations s on s.id = t.station_id
       left join lateral (
         select battery_kwh, soc_pct from vehicles
         where owner_id = cs.user_id order by last_telemetry_at desc nulls last limit 1
       ) v on true
       where cs.id = ?`,
      [sessionId],
    );
    if (!row) return null;
    return {
      energyWh: numberOrNull(row.energy_wh),
      startedAt: new Date(row.started_at),
      stoppedAt: dateOrNull(row.stopped_at),
      powerW: numberOrNull(row.last_power_w),
      socPct: numberOrNull(row.soc_pct) ?? numberOrNull(row.vehicle_soc_pct),
      batteryKwh: numberOrNull(row.battery_kwh),
      nominalPowerKw: Number(row.power_kw),
      observedPowerKw: numberOrNull(row.observed_power_kw),
      pricing: row.pricing,
      free: row.free,
    };
  }
}
