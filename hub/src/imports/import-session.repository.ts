import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportCounts, ImportHeaderReport, ImportPhase } from '@wattsup/contracts';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine } from './copy-text';
import type { RowProblem, StagedRow } from './row-cleaner';

export interface RejectedRow {
  line: number;
  stationKey: string | null;
  pdcKey: string | null;
  problems: RowProblem[];
}

/** What the imports row records; saved with each batch, in the batch's own transaction. */
export interface ImportState {
  phase: ImportPhase;
  header: ImportHeaderReport | null;
  bytesRead: number;
  rowsRead: number;
  /** Rows the writing phase has to write, known once reading is done. */
  rowsToWrite: number;
  rowsAccepted: number;
  rowsRejected: number;
  stations: number;
  terminals: number;
  counts: ImportCounts;
  corrections: Record<string, number>;
}

export interface BatchCounts {
  rows: number;
  stationsCreated: number;
  stationsUpdated: number;
  stationsUnchanged: number;
  terminalsCreated: number;
  terminalsUpdated: number;
  terminalsUnchanged: number;
  /** Rows the database refused when the batch was retried row by row. */
  refused: RejectedRow[];
}

export interface Resolution {
  duplicateRows: number;
  conflicts: number;
  stations: number;
  rows: number;
  batches: number;
}

const STAGED_COLUMNS = `line, station_key, pdc_key, updated_on, name, operator, brand, address, insee_code,
  lon, lat, implantation, opening_hours, pmr_accessibility, access_condition, pricing, free,
  two_wheelers_only, commissioned_on, network, open_to_all_vehicles, declared_pdc_count, power_kw, plugs`;

/** Station fields compared between the rows of one station; PDC-level fields may differ. */
const STATION_FIELDS: readonly (readonly [string, (table: string) => string])[] = [
  ['nom_station', (t) => `${t}.name`],
  ['nom_operateur', (t) => `${t}.operator`],
  ['nom_enseigne', (t) => `${t}.brand`],
  ['adresse_station', (t) => `${t}.address`],
  ['code_insee_commune', (t) => `${t}.insee_code`],
  ['coordonneesXY', (t) => `format('[%s, %s]', ${t}.lon, ${t}.lat)`],
  ['implantation_station', (t) => `${t}.implantation`],
  ['nbre_pdc', (t) => `${t}.declared_pdc_count::text`],
  ['condition_acces', (t) => `${t}.access_condition`],
  ['horaires', (t) => `${t}.opening_hours`],
  ['station_deux_roues', (t) => `${t}.two_wheelers_only::text`],
  ['date_mise_en_service', (t) => `${t}.commissioned_on::text`],
];

/** The same fields as {@link STATION_FIELDS}, from a staged row: equal strings, equal fields. */
function stationFieldsOf(row: StagedRow): string {
  return [
    row.name,
    row.operator,
    row.brand,
    row.address,
    row.inseeCode,
    row.lon,
    row.lat,
    row.implantation,
    row.declaredPdcCount,
    row.accessCondition,
    row.openingHours,
    row.twoWheelersOnly,
    row.commissionedOn,
  ].join('\u0000');
}

const STATION_COLUMNS = [
  'name',
  'operator',
  'brand',
  'address',
  'insee_code',
  'location',
  'implantation',
  'opening_hours',
  'pmr_accessibility',
  'access_condition',
  'pricing',
  'free',
  'two_wheelers_only',
  'commissioned_on',
  'network',
  'open_to_all_vehicles',
  'irve_updated_on',
];

const TERMINAL_COLUMNS = ['station_id', 'power_kw', 'plugs', 'irve_updated_on'];

const changed = (table: string, columns: readonly string[]) =>
  `(${columns.map((c) => `${table}.${c}`).join(', ')}, ${table}.origin, ${table}.retired_at)
   is distinct from (${columns.map((c) => `excluded.${c}`).join(', ')}, 'IRVE', null::timestamptz)`;

/**
 * What the terminals' trigger (refresh_station_offers) will compute for a new station whose
 * terminals are exactly its staged rows, all UNKNOWN (doubtful, none available): inserting the station with these already
 * lets the trigger find nothing to change, instead of rewriting every new station (its indexes,
 * two GiST, and its generated Mercator point) a second time in the same batch. The trigger still
 * recomputes every station from its terminals, so a station these do not describe (a terminal
 * moved in with a live status, a row refused) is corrected there as before. Existing stations
 * keep theirs: the trigger owns them.
 */
const STATION_SUMMARY_COLUMNS = [
  'offer_mask',
  'terminal_count',
  'doubtful_count',
  'max_power_kw',
  'plugs',
];

/**
 * Upserts the canonical row of each selected station. Only a real change is written (and counted
 * as an update): re-importing the same file leaves every row as it was. A retired station that
 * comes back is brought back.
 */
const UPSERT_STATIONS = (where: string) => `
  with upserted as (
    insert into stations as st (id, irve_id, ${STATION_COLUMNS.join(', ')}, ${STATION_SUMMARY_COLUMNS.join(', ')}, origin, created_at, updated_at)
    select gen_random_uuid(), s.station_key, s.name, s.operator, s.brand, s.address, s.insee_code,
           st_setsrid(st_makepoint(s.lon, s.lat), 4326), s.implantation, s.opening_hours,
           s.pmr_accessibility, s.access_condition, s.pricing, s.free, s.two_wheelers_only,
           s.commissioned_on, s.network, s.open_to_all_vehicles, s.updated_on,
           s.offer_mask, s.row_count, s.row_count, s.max_power_kw, s.plugs, 'IRVE', now(), now()
    from import_stations s
    where ${where}
    on conflict (irve_id) do update set
      ${STATION_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
      origin = 'IRVE', retired_at = null, updated_at = now()
    where ${changed('st', STATION_COLUMNS)}
    returning xmax = 0 as created
  )
  select (count(*) filter (where created))::int as created,
         (count(*) filter (where not created))::int as updated
  from upserted`;

/** Static data only: a terminal's live status is never touched; new ones start UNKNOWN from IRVE. */
const UPSERT_TERMINALS = (where: string) => `
  with upserted as (
    insert into terminals as t (id, pdc_id, ${TERMINAL_COLUMNS.join(', ')}, origin, status, status_source, created_at, updated_at)
    select gen_random_uuid(), r.pdc_key, st.id, r.power_kw, r.plugs, r.updated_on, 'IRVE', 'UNKNOWN', 'IRVE', now(), now()
    from import_rows r
    join import_stations s on s.station_key = r.station_key
    join stations st on st.irve_id = r.station_key
    where ${where}
    on conflict (pdc_id) do update set
      ${TERMINAL_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
      origin = 'IRVE', retired_at = null, updated_at = now()
    where ${changed('t', TERMINAL_COLUMNS)}
    returning xmax = 0 as created
  )
  select (count(*) filter (where created))::int as created,
         (count(*) filter (where not created))::int as updated
  from upserted`;

/**
 * SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the rows are at
 * fault, so retrying them one by one isolates the bad ones. Anything else (connection lost,
 * server shutting down) ends the import instead of rejecting good rows.
 */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

interface UpsertCounts {
  created: number;
  updated: number;
}

/**
 * One import's own database session: accepted rows are COPYed into session-private staging tables,
 * resolved there (duplicates, canonical station rows, conflicts) and merged into stations and
 * terminals batch by batch, each batch one transaction that also records the import's progress,
 * so what the imports row says is exactly what was committed.
 */
export class ImportSession {
  /** Station fields of the first row seen of each station, to spot stations whose rows disagree. */
  private readonly stationFields = new Map<string, string>();
  private readonly disagreeingStations = new Set<string>();
  /** Rows the batches write, known once resolved. */
  private rowsToWrite = 0;
  private statisticsChecked = false;

  private constructor(
    private readonly client: Client,
    private readonly importId: string,
  ) {}

  static async open(databaseUrl: string, importId: string): Promise<ImportSession> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    // Bulk-load settings for this session only: sorts of the staged rows stay in memory, ANALYZE
    // of the staging tables samples less, and a commit does not wait for its WAL flush (a crash
    // may lose the last batches, never part of one).
    await client.query(
      `set work_mem = '64MB'; set default_statistics_target = 10; set synchronous_commit = off`,
    );
    const session = new ImportSession(client, importId);
    await session.createStagingTables();
    return session;
  }

  /** Closing the connection drops the staging tables with it. */
  async close(): Promise<void> {
    await this.client.end();
  }

  private async createStagingTables(): Promise<void> {
    await this.client.query(`
      create temp table import_rows (
        line integer not null,
        station_key text not null,
        pdc_key text not null,
        updated_on date not null,
        name text not null,
        operator text, brand text, address text, insee_code text,
        lon float8 not null, lat float8 not null,
        implantation text, opening_hours text, pmr_accessibility text, access_condition text,
        pricing text, free boolean, two_wheelers_only boolean, commissioned_on date,
        network text, open_to_all_vehicles boolean not null, declared_pdc_count integer,
        power_kw numeric not null,
        plugs text[] not null
      )`);
  }

  async stageRows(rows: readonly StagedRow[]): Promise<void> {
    if (rows.length === 0) return;
    let text = '';
    for (const row of rows) {
      this.noteStationFields(row);
      text += copyLine([
        row.line,
        row.stationKey,
        row.pdcKey,
        row.updatedOn,
        row.name,
        row.operator,
        row.brand,
        row.address,
        row.inseeCode,
        row.lon,
        row.lat,
        row.implantation,
        row.openingHours,
        row.pmrAccessibility,
        row.accessCondition,
        row.pricing,
        row.free,
        row.twoWheelersOnly,
        row.commissionedOn,
        row.network,
        row.openToAllVehicles,
        row.declaredPdcCount,
        row.powerKw,
        row.plugs,
      ]);
    }
    await this.copy(`copy import_rows (${STAGED_COLUMNS}) from stdin`, text);
  }

  private noteStationFields(row: StagedRow): void {
    const fields = stationFieldsOf(row);
    const first = this.stationFields.get(row.stationKey);
    if (first === undefined) this.stationFields.set(row.stationKey, fields);
    else if (first !== fields) this.disagreeingStations.add(row.stationKey);
  }

  async saveRejects(rejects: readonly RejectedRow[]): Promise<void> {
    let text = '';
    for (const reject of rejects) {
      for (const problem of reject.problems) {
        text += copyLine([
          this.importId,
          reject.line,
          reject.stationKey,
          reject.pdcKey,
          problem.field,
          problem.value,
          problem.reason,
        ]);
      }
    }
    if (text) {
      await this.copy(
        `copy import_rejects (import_id, line, station_id, pdc_id, field, value, reason) from stdin`,
        text,
      );
    }
  }

  private async copy(statement: string, text: string): Promise<void> {
    await pipeline(Readable.from([text]), this.client.query(copyFrom(statement)));
  }

  async saveState(state: ImportState): Promise<void> {
    await this.client.query(
      `update imports set phase = $2, header = $3, rows_read = $4, rows_accepted = $5,
         rows_rejected = $6, stations = $7, terminals = $8, counts = $9, corrections = $10,
         bytes_read = $11, rows_to_write = $12, heartbeat_at = now(), updated_at = now()
       where id = $1`,
      [
        this.importId,
        state.phase,
        state.header === null ? null : JSON.stringify(state.header),
        state.rowsRead,
        state.rowsAccepted,
        state.rowsRejected,
        state.stations,
        state.terminals,
        JSON.stringify(state.counts),
        JSON.stringify(state.corrections),
        state.bytesRead,
        state.rowsToWrite,
      ],
    );
  }

  /**
   * Set-based resolution of the staged rows:
   * - duplicate charge points (FIELDS.md pitfalls 1 and 6): the newest `date_maj` wins, then the
   *   later line; the others are rejected with the line that won;
   * - one canonical row per station, chosen by the same rule (pitfall 5), its disagreeing rows
   *   reported as conflicts;
   * - stations numbered into batches of about `batchSize` rows, a station never split.
   */
  async resolve(batchSize: number): Promise<Resolution> {
    const duplicates = await this.client.query(
      `
      with ranked as (
        select line, station_key, pdc_key,
               first_value(line) over same_point as kept_line,
               first_value(updated_on) over same_point as kept_updated_on,
               row_number() over same_point as rank
        from import_rows
        where pdc_key in (select pdc_key from import_rows group by pdc_key having count(*) > 1)
        window same_point as (partition by pdc_key order by updated_on desc, line desc)
      ),
      rejected as (
        insert into import_rejects (import_id, line, station_id, pdc_id, field, value, reason)
        select $1::uuid, line, station_key, pdc_key, 'id_pdc_itinerance', pdc_key,
               format('duplicate: line %s describes the same charge point with a date_maj as recent or newer (%s) and is kept', kept_line, kept_updated_on)
        from ranked where rank > 1
        returning line
      )
      delete from import_rows r using rejected where r.line = rejected.line
      returning 1`,
      [this.importId],
    );
    await this.client.query(`
      create temp table import_stations as
      with canonical as (
        select distinct on (station_key) station_key, line as kept_line, updated_on, name, operator,
               brand, address, insee_code, lon, lat, implantation, opening_hours, pmr_accessibility,
               access_condition, pricing, free, two_wheelers_only, commissioned_on, network,
               open_to_all_vehicles, declared_pdc_count
        from import_rows
        order by station_key, updated_on desc, line desc
      ),
      staged_terminals as materialized (
        select station_key, power_kw, plugs, count(*) as rows
        from import_rows group by station_key, power_kw, plugs
      ),
      offers as materialized (
        select power_kw, plugs, offer_bits(power_kw, plugs) as bits
        from (select distinct power_kw, plugs from staged_terminals) p
      ),
      sizes as (
        select t.station_key, sum(t.rows)::int as row_count,
               coalesce(bit_or(o.bits), 0) as offer_mask, max(t.power_kw) as max_power_kw
        from staged_terminals t join offers o on o.power_kw = t.power_kw and o.plugs = t.plugs
        group by t.station_key
      ),
      plugs as (
        select station_key, array_agg(distinct p order by p) as plugs
        from staged_terminals cross join unnest(plugs) as p
        group by station_key
      )
      select canonical.*, sizes.row_count, sizes.offer_mask, sizes.max_power_kw,
             coalesce(plugs.plugs, '{}') as plugs,
             ((sum(sizes.row_count) over (order by canonical.station_key) - sizes.row_count) / ${Number(batchSize)})::int as batch
      from canonical join sizes using (station_key) left join plugs using (station_key)`);
    await this.client.query(`create index on import_stations (batch)`);
    await this.client.query(`create index on import_stations (station_key)`);
    await this.client.query(`create index on import_rows (station_key)`);
    await this.client.query(`analyze import_rows`);
    await this.client.query(`analyze import_stations`);
    await this.client.query(`create temp table import_disagreeing (station_key text primary key)`);
    await this.copy(
      `copy import_disagreeing from stdin`,
      [...this.disagreeingStations].map((key) => copyLine([key])).join(''),
    );
    const conflicts = await this.client.query(
      `
      insert into import_conflicts (import_id, station_id, field, kept_value, kept_line, other_values, other_lines)
      select $1::uuid, s.station_key, f.field, f.kept_value, s.kept_line,
             array_agg(distinct f.row_value), array_agg(r.line order by r.line)
      from import_disagreeing d
      join import_stations s on s.station_key = d.station_key
      join import_rows r on r.station_key = s.station_key
      cross join lateral (values ${STATION_FIELDS.map(
        ([field, expression]) => `('${field}', ${expression('r')}, ${expression('s')})`,
      ).join(', ')}) as f(field, row_value, kept_value)
      where f.row_value is distinct from f.kept_value
      group by s.station_key, s.kept_line, f.field, f.kept_value`,
      [this.importId],
    );
    const [totals] = (
      await this.client.query<{ stations: number; rows: number; batches: number }>(
        `select count(*)::int as stations, coalesce(sum(row_count), 0)::int as rows,
                coalesce(max(batch) + 1, 0)::int as batches
         from import_stations`,
      )
    ).rows;
    this.rowsToWrite = totals.rows;
    return {
      duplicateRows: duplicates.rowCount ?? 0,
      conflicts: conflicts.rowCount ?? 0,
      ...totals,
    };
  }

  /**
   * Writes one batch in one transaction, with the import's state after it. If the database refuses
   * anything, the batch is rolled back whole and retried row by row, each row its own transaction,
   * so good rows still land and each refused one is reported.
   */
  async writeBatch(
    batch: number,
    stateAfter: (counts: BatchCounts) => ImportState,
  ): Promise<BatchCounts> {
    if (batch > 0) await this.refreshStatisticsOnce();
    try {
      return await this.transaction(async () => {
        const stations = await this.upsert(UPSERT_STATIONS('s.batch = $1'), [batch]);
        const terminals = await this.upsert(UPSERT_TERMINALS('s.batch = $1'), [batch]);
        const { rows, stationCount } = await this.batchSize(batch);
        const counts: BatchCounts = {
          rows,
          stationsCreated: stations.created,
          stationsUpdated: stations.updated,
          stationsUnchanged: stationCount - stations.created - stations.updated,
          terminalsCreated: terminals.created,
          terminalsUpdated: terminals.updated,
          terminalsUnchanged: rows - terminals.created - terminals.updated,
          refused: [],
        };
        await this.saveState(stateAfter(counts));
        return counts;
      });
    } catch (error) {
      if (!isDataError(error)) throw error;
      return this.writeBatchRowByRow(batch, stateAfter);
    }
  }

  private async writeBatchRowByRow(
    batch: number,
    stateAfter: (counts: BatchCounts) => ImportState,
  ): Promise<BatchCounts> {
    const { rows } = await this.client.query<{
      line: number;
      station_key: string;
      pdc_key: string;
    }>(
      `select r.line, r.station_key, r.pdc_key from import_rows r
       join import_stations s on s.station_key = r.station_key
       where s.batch = $1 order by r.station_key, r.line`,
      [batch],
    );
    const counts: BatchCounts = {
      rows: 0,
      stationsCreated: 0,
      stationsUpdated: 0,
      stationsUnchanged: 0,
      terminalsCreated: 0,
      terminalsUpdated: 0,
      terminalsUnchanged: 0,
      refused: [],
    };
    const landedStations = new Set<string>();
    const stationsCounted = new Set<string>();
    for (const row of rows) {
      try {
        await this.transaction(async () => {
          const station = await this.upsert(UPSERT_STATIONS('s.station_key = $1'), [
            row.station_key,
          ]);
          const terminal = await this.upsert(UPSERT_TERMINALS('r.line = $1'), [row.line]);
          const rowCounts: BatchCounts = {
            ...counts,
            rows: counts.rows + 1,
            stationsCreated: counts.stationsCreated + station.created,
            stationsUpdated: counts.stationsUpdated + station.updated,
            terminalsCreated: counts.terminalsCreated + terminal.created,
            terminalsUpdated: counts.terminalsUpdated + terminal.updated,
            terminalsUnchanged: counts.terminalsUnchanged + 1 - terminal.created - terminal.updated,
          };
          await this.saveState(stateAfter(rowCounts));
          Object.assign(counts, rowCounts);
          if (station.created + station.updated > 0) stationsCounted.add(row.station_key);
        });
        landedStations.add(row.station_key);
      } catch (error) {
        if (!isDataError(error)) throw error;
        const refused: RejectedRow = {
          line: row.line,
          stationKey: row.station_key,
          pdcKey: row.pdc_key,
          problems: [
            {
              field: null,
              value: null,
              reason: `the database refused the row: ${error instanceof Error ? error.message : String(error)}`,
            },
          ],
        };
        await this.saveRejects([refused]);
        counts.refused.push(refused);
      }
    }
    counts.stationsUnchanged = [...landedStations].filter(
      (key) => !stationsCounted.has(key),
    ).length;
    return counts;
  }

  /**
   * Once the first batch is in, gives the planner statistics on the two join keys when the ones it
   * has describe far smaller tables than this import makes (a first import into a fresh database,
   * where nothing analyzes them in time): without them the join of each batch, and the offers
   * trigger's join of each batch's stations to their terminals, scan the whole growing table
   * instead of an index. The distinct-value ratios it records stay right as the tables grow.
   * Skipped rather than waited for if an (auto)vacuum or analyze holds a table; with the server's
   * statistics target, not this session's sampling one.
   */
  private async refreshStatisticsOnce(): Promise<void> {
    if (this.statisticsChecked) return;
    this.statisticsChecked = true;
    const { rows } = await this.client.query<{ terminals: number }>(
      `select reltuples::float8 as terminals from pg_class where oid = 'terminals'::regclass`,
    );
    if (rows[0].terminals * 2 >= this.rowsToWrite) return;
    await this.transaction(async () => {
      await this.client.query(`set local default_statistics_target to default`);
      await this.client.query(`analyze (skip_locked) stations (irve_id), terminals (station_id)`);
    });
  }

  private async batchSize(batch: number): Promise<{ rows: number; stationCount: number }> {
    const { rows } = await this.client.query<{ rows: number; station_count: number }>(
      `select coalesce(sum(row_count), 0)::int as rows, count(*)::int as station_count
       from import_stations where batch = $1`,
      [batch],
    );
    return { rows: rows[0].rows, stationCount: rows[0].station_count };
  }

  private async upsert(statement: string, params: unknown[]): Promise<UpsertCounts> {
    const { rows } = await this.client.query<UpsertCounts>(statement, params);
    return rows[0];
  }

  /**
   * Soft-deletes (retired_at) the imported stations and terminals that the file does not mention,
   * neither as kept nor as rejected rows: nothing is deleted, so reservations and status history
   * stay whole. Hub-made records are never touched.
   */
  async prune(): Promise<{ stationsRetired: number; terminalsRetired: number }> {
    return this.transaction(async () => {
      const terminals = await this.client.query(
        `update terminals t set retired_at = now(), updated_at = now()
         where t.origin = 'IRVE' and t.retired_at is null
           and not exists (select 1 from import_rows r where r.pdc_key = t.pdc_id)
           and not exists (select 1 from import_rejects j where j.import_id = $1 and j.pdc_id = t.pdc_id)`,
        [this.importId],
      );
      const stations = await this.client.query(
        `update stations st set retired_at = now(), updated_at = now()
         where st.origin = 'IRVE' and st.retired_at is null
           and not exists (select 1 from import_stations s where s.station_key = st.irve_id)
           and not exists (select 1 from import_rejects j where j.import_id = $1 and j.station_id = st.irve_id)`,
        [this.importId],
      );
      return { stationsRetired: stations.rowCount ?? 0, terminalsRetired: terminals.rowCount ?? 0 };
    });
  }

  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query('begin');
    try {
      const result = await work();
      await this.client.query('commit');
      return result;
    } catch (error) {
      await this.client.query('rollback');
      throw error;
    }
  }
}
