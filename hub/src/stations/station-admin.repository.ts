import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  LIVE_RESERVATION_STATUSES,
  type AdminStationPage,
  type AdminStationsQuery,
  type AdminStationView,
  type AdminTerminalView,
  type RecordOrigin,
  type ReservationStatus,
  type TerminalRequest,
  type UpdateStationRequest,
  type UpdateTerminalRequest,
} from '@wattsup/contracts';
import { ConflictError } from '../common/domain-errors';
import { arrayLiteral } from '../database/array-literal';
import { containsPattern } from '../database/like-pattern';

/** The station fields an admin writes, as stored. */
export type StationFields = Omit<
  AdminStationView,
  'id' | 'origin' | 'retiredAt' | 'createdAt' | 'updatedAt' | 'terminals'
>;

/** A reservation that holds a terminal now: it must end before the terminal is retired. */
export interface LiveHold {
  pdcId: string;
  reservationId: string;
  status: ReservationStatus;
}

/** A PDC id already given to a terminal, live or retired (ids stay unique for good). */
export interface PdcOwner {
  pdcId: string;
  stationName: string;
  retired: boolean;
}

const LIVE_SQL = LIVE_RESERVATION_STATUSES.map((status) => `'${status}'`).join(', ');

const COLUMNS: Record<keyof Omit<StationFields, 'lon' | 'lat'>, string> = {
  irveId: 'irve_id',
  name: 'name',
  operator: 'operator',
  brand: 'brand',
  address: 'address',
  inseeCode: 'insee_code',
  implantation: 'implantation',
  openingHours: 'opening_hours',
  pmrAccessibility: 'pmr_accessibility',
  accessCondition: 'access_condition',
  pricing: 'pricing',
  free: 'free',
};

interface StationRow {
  id: string;
  irve_id: string;
  name: string;
  operator: string | null;
  brand: string | null;
  address: string | null;
  insee_code: string | null;
  lon: number;
  lat: number;
  implantation: string | null;
  opening_hours: string | null;
  pmr_accessibility: string | null;
  access_condition: string | null;
  pricing: string | null;
  free: boolean | null;
  origin: RecordOrigin;
  retired_at: Date | null;
  created_at: Date;
  updated_at: Date;
  terminals: (Omit<AdminTerminalView, 'powerKw' | 'retiredAt'> & {
    powerKw: number | string;
    retiredAt: string | null;
  })[];
}

const SEARCH = `(?::text is null or s.name ilike ? or s.irve_id ilike ? or s.operator ilike ? or s.address ilike ?)`;

const iso = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString();

/** Station and terminal writes of the admin console, and what it reads to show them. */
@Injectable()
export class StationAdminRepository {
  constructor(private readonly em: EntityManager) {}

  async search(query: AdminStationsQuery): Promise<AdminStationPage> {
    const pattern = query.q ? containsPattern(query.q) : null;
    const where = `${SEARCH} and (s.retired_at is not null) = ?`;
    const params = [pattern, pattern, pattern, pattern, pattern, query.retired];
    const connection = this.em.getConnection();
    const [stations, [count]] = await Promise.all([
      connection.execute<
        {
          id: string;
          irve_id: string;
          name: string;
          operator: string | null;
          address: string | null;
          lon: number;
          lat: number;
          origin: RecordOrigin;
          terminals: number;
          retired_at: Date | null;
        }[]
      >(
        `select s.id, s.irve_id, s.name, s.operator, s.address, st_x(s.location) as lon,
                st_y(s.location) as lat, s.origin, s.terminal_count as terminals, s.retired_at
         from stations s where ${where}
         order by s.updated_at desc, s.id limit ? offset ?`,
        [...params, query.limit, query.offset],
      ),
      connection.execute<{ total: number }[]>(
        `select count(*)::int as total from stations s where ${where}`,
        params,
      ),
    ]);
    return {
      stations: stations.map((row) => ({
        id: row.id,
        irveId: row.irve_id,
        name: row.name,
        operator: row.operator,
        address: row.address,
        lon: Number(row.lon),
        lat: Number(row.lat),
        origin: row.origin,
        terminals: row.terminals,
        retiredAt: iso(row.retired_at),
      })),
      total: count.total,
    };
  }

  async view(id: string): Promise<AdminStationView | null> {
    const [row] = await this.em.getConnection().execute<StationRow[]>(
      `select s.id, s.irve_id, s.name, s.operator, s.brand, s.address, s.insee_code,
              st_x(s.location) as lon, st_y(s.location) as lat, s.implantation, s.opening_hours,
              s.pmr_accessibility, s.access_condition, s.pricing, s.free, s.origin, s.retired_at,
              s.created_at, s.updated_at,
              coalesce((
                select json_agg(json_build_object(
                  'id', t.id, 'pdcId', t.pdc_id, 'powerKw', t.power_kw, 'plugs', t.plugs,
                  'status', t.status, 'statusSource', t.status_source,
                  'chargerIdentity', c.identity, 'connectorId', t.connector_id,
                  'origin', t.origin, 'retiredAt', t.retired_at,
                  'liveReservation', (
                    select json_build_object('id', r.id, 'status', r.status) from reservations r
                    where r.terminal_id = t.id and r.status in (${LIVE_SQL}) limit 1))
                  order by t.retired_at is not null, t.pdc_id)
                from terminals t left join chargers c on c.id = t.charger_id
                where t.station_id = s.id), '[]') as terminals
       from stations s where s.id = ?`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      irveId: row.irve_id,
      name: row.name,
      operator: row.operator,
      brand: row.brand,
      address: row.address,
      inseeCode: row.insee_code,
      lon: Number(row.lon),
      lat: Number(row.lat),
      implantation: row.implantation,
      openingHours: row.opening_hours,
      pmrAccessibility: row.pmr_accessibility,
      accessCondition: row.access_condition,
      pricing: row.pricing,
      free: row.free,
      origin: row.origin,
      retiredAt: iso(row.retired_at),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      terminals: row.terminals.map((terminal) => ({
        ...terminal,
        powerKw: Number(terminal.powerKw),
        retiredAt: iso(terminal.retiredAt),
      })),
    };
  }

  /** Which of these PDC ids a terminal (other than `exceptTerminalId`) already has. */
  pdcOwners(pdcIds: string[], exceptTerminalId: string | null = null): Promise<PdcOwner[]> {
    return this.em.getConnection().execute<PdcOwner[]>(
      `select t.pdc_id as "pdcId", s.name as "stationName", t.retired_at is not null as retired
       from terminals t join stations s on s.id = t.station_id
       where t.pdc_id = any(?::text[])
         and t.id is distinct from ?::uuid
       order by t.pdc_id`,
      [arrayLiteral(pdcIds), exceptTerminalId],
    );
  }

  /** The name of the station (other than `exceptStationId`) that has this IRVE id, if any. */
  async irveIdOwner(irveId: string, exceptStationId: string | null = null): Promise<string | null> {
    const [row] = await this.em
      .getConnection()
      .execute<{ name: string }[]>(
        `select name from stations where irve_id = ? and id is distinct from ?::uuid`,
        [irveId, exceptStationId],
      );
    return row?.name ?? null;
  }

  /** Creates the station with its terminals; returns their ids. */
  insertStation(
    id: string,
    fields: StationFields,
    terminals: readonly (TerminalRequest & { id: string })[],
  ): Promise<void> {
    return this.unique(() =>
      this.em.transactional(async (tx) => {
        const connection = tx.getConnection();
        const context = tx.getTransactionContext();
        const columns = Object.values(COLUMNS);
        await connection.execute(
          `insert into stations (id, location, origin, ${columns.join(', ')})
           values (?, st_setsrid(st_makepoint(?, ?), 4326), 'HUB', ${columns.map(() => '?').join(', ')})`,
          [
            id,
            fields.lon,
            fields.lat,
            ...Object.keys(COLUMNS).map((key) => fields[key as keyof typeof COLUMNS]),
          ],
          'run',
          context,
        );
        for (const terminal of terminals) await this.insertTerminalIn(tx, id, terminal);
      }),
    );
  }

  /** Writes the fields given; false when the station is not there or retired. */
  async updateStation(id: string, patch: UpdateStationRequest): Promise<boolean> {
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [];
    for (const [key, column] of Object.entries(COLUMNS)) {
      const value = patch[key as keyof UpdateStationRequest];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(value);
    }
    if (patch.lon !== undefined && patch.lat !== undefined) {
      sets.push('location = st_setsrid(st_makepoint(?, ?), 4326)');
      params.push(patch.lon, patch.lat);
    }
    const rows = await this.unique(() =>
      this.em
        .getConnection()
        .execute<{ id: string }[]>(
          `update stations set ${sets.join(', ')} where id = ? and retired_at is null returning id`,
          [...params, id],
        ),
    );
    return rows.length > 0;
  }

  insertTerminal(stationId: string, terminal: TerminalRequest & { id: string }): Promise<void> {
    return this.unique(() =>
      this.em.transactional((tx) => this.insertTerminalIn(tx, stationId, terminal)),
    );
  }

  /** False when the terminal is not a live one of this live station. */
  async updateTerminal(
    stationId: string,
    terminalId: string,
    patch: UpdateTerminalRequest,
  ): Promise<boolean> {
    const rows = await this.unique(() =>
      this.em.getConnection().execute<{ id: string }[]>(
        `update terminals t set pdc_id = coalesce(?, t.pdc_id), power_kw = coalesce(?, t.power_kw),
           plugs = coalesce(?::text[], t.plugs),
           updated_at = now()
         from stations s
         where t.id = ? and t.station_id = ? and s.id = t.station_id
           and t.retired_at is null and s.retired_at is null
         returning t.id`,
        [
          patch.pdcId ?? null,
          patch.powerKw ?? null,
          patch.plugs ? arrayLiteral(patch.plugs) : null,
          terminalId,
          stationId,
        ],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Retires the live terminals given (all of the station's with `terminalIds` null) and, with
   * `withStation`, the station itself, unless a live reservation holds one of them: then nothing
   * changes and the holds are returned. The terminals keep their rows and history, and let go of
   * their charger connectors so that new terminals can take them.
   */
  retire(
    stationId: string,
    terminalIds: string[] | null,
    withStation: boolean,
  ): Promise<{ holds: LiveHold[]; retired: string[] }> {
    return this.em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      // Locked first: a reservation claimed meanwhile waits on its foreign key, then is seen.
      const terminals = await connection.execute<{ id: string }[]>(
        `select id from terminals
         where station_id = ? and retired_at is null
           and (?::uuid[] is null or id = any(?::uuid[]))
         order by id for update`,
        [stationId, ...Array(2).fill(terminalIds ? arrayLiteral(terminalIds) : null)],
        'all',
        context,
      );
      const ids = arrayLiteral(terminals.map((terminal) => terminal.id));
      const holds = await connection.execute<LiveHold[]>(
        `select t.pdc_id as "pdcId", r.id as "reservationId", r.status
         from reservations r join terminals t on t.id = r.terminal_id
         where r.terminal_id = any(?::uuid[])
           and r.status in (${LIVE_SQL})
         order by t.pdc_id`,
        [ids],
        'all',
        context,
      );
      if (holds.length > 0) return { holds, retired: [] };
      await connection.execute(
        `update terminals set retired_at = now(), charger_id = null, connector_id = null,
           updated_at = now()
         where id = any(?::uuid[])`,
        [ids],
        'run',
        context,
      );
      if (withStation) {
        await connection.execute(
          `update stations set retired_at = now(), updated_at = now() where id = ?`,
          [stationId],
          'run',
          context,
        );
      }
      return { holds, retired: terminals.map((terminal) => terminal.id) };
    });
  }

  private async insertTerminalIn(
    tx: EntityManager,
    stationId: string,
    terminal: TerminalRequest & { id: string },
  ): Promise<void> {
    await tx.getConnection().execute(
      `insert into terminals (id, station_id, pdc_id, power_kw, plugs, origin, status, status_source)
       values (?, ?, ?, ?, ?::text[], 'HUB', 'UNKNOWN', 'HUB')`,
      [terminal.id, stationId, terminal.pdcId, terminal.powerKw, arrayLiteral(terminal.plugs)],
      'run',
      tx.getTransactionContext(),
    );
  }

  /** The service checks ids before writing; two admins racing for one id meet the index. */
  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new ConflictError(
          'Another station or charge point took this IRVE id or PDC id meanwhile. Check and try again.',
        );
      }
      throw error;
    }
  }
}
