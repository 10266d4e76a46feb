import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  CLUSTER_CELLS_PER_TILE,
  MERCATOR_MAX_LAT,
  normaliseStationFilter,
  type StationFilter,
} from '@wattsup/contracts';
import { arrayLiteral } from '../database/array-literal';
import type { TileAddress } from './tile-math';

export const TILE_EXTENT = 4096;
/** Points within this many tile units past the edge are drawn too, so icons are not cut. */
export const TILE_BUFFER = 64;
/**
 * How far past a tile's edge (in tiles) stations are read for its clusters: the projected point
 * and `clusterCellOf` may round apart on a cell's edge; the cell decides.
 */
const CELL_MARGIN = 1 / 1024;

/**
 * `clusterCellOf` in SQL, operation for operation as in `tileCoordinates` (float8 is IEEE double
 * on both sides, and multiplying by a power of two is exact), as columns `cx` and `cy`.
 */
function clusterCellSql(location: string, z: number): string {
  const cells = `${2 ** z * CLUSTER_CELLS_PER_TILE}::float8`;
  const lat = `greatest(${-MERCATOR_MAX_LAT}::float8, least(${MERCATOR_MAX_LAT}::float8, st_y(${location})))`;
  const sin = `sin(${lat} * pi() / 180)`;
  const fx = `(st_x(${location}) + 180) / 360`;
  const fy = `(0.5 - ln((1 + ${sin}) / (1 - ${sin})) / (4 * pi()))`;
  const cell = (f: string) => `least(${cells} - 1, greatest(0, floor(${f} * ${cells})))::int`;
  return `${cell(fx)} as cx, ${cell(fy)} as cy`;
}

/** Terminal statuses counted as doubtful (`StationStatusSummary.doubtful`, StationDoubt migration). */
const DOUBTFUL_STATUSES = `'UNKNOWN', 'OFFLINE'`;

/**
 * CTE `matching`: the stations in service whose Web-Mercator point lies in `bounds.wide` and that match the filter, with `total`, `available` and `doubtful` counts of
 * their matching terminals. Without terminal criteria those are the station's counts, kept by
 * the terminals trigger. With them, the offer masks (one bit test per station) leave only the
 * stations that may match, whose terminals are then counted; a station none of whose terminals
 * match (or none free, for `available`) is left out.
 */
function matchingStationsSql(filter: StationFilter): { sql: string; params: unknown[] } {
  const { minPowerKw, plug, available, pmr, free, network } = normaliseStationFilter(filter);
  const stationParams: unknown[] = [];
  const stationTests = [`s.retired_at is null`, `s.location_merc && b.wide`];
  if (network !== undefined) {
    stationTests.push(`s.network = ?`);
    stationParams.push(network);
  }
  if (pmr) stationTests.push(`pmr_accessible(s.pmr_accessibility)`);
  if (free) stationTests.push(`s.free is true`);
  const columns = `s.id, s.name, s.brand, s.location, s.location_merc, s.max_power_kw, s.plugs`;
  if (minPowerKw === undefined && plug === undefined && !available) {
    return {
      sql: `matching as (
         select ${columns}, s.terminal_count as total, s.available_count as available,
                s.doubtful_count as doubtful
         from stations s, bounds b
         where ${stationTests.join(' and ')})`,
      params: stationParams,
    };
  }
  const plugs = plug ? arrayLiteral(plug) : null;
  stationTests.push(
    `${available ? 's.available_mask' : 's.offer_mask'} & offer_query_mask_any(?::numeric, ?::text[]) <> 0`,
  );
  stationParams.push(minPowerKw ?? null, plugs);
  const terminalParams: unknown[] = [];
  const terminalTests = [`t.station_id = s.id`, `t.retired_at is null`];
  if (minPowerKw !== undefined) {
    terminalTests.push(`t.power_kw >= ?`);
    terminalParams.push(minPowerKw);
  }
  if (plugs !== null) {
    terminalTests.push(`t.plugs && ?::text[]`);
    terminalParams.push(plugs);
  }
  return {
    sql: `matching as (
       select ${columns}, m.total, m.available, m.doubtful
       from stations s
       cross join bounds b
       cross join lateral (
         select count(*)::int as total,
                (count(*) filter (where t.status = 'AVAILABLE'))::int as available,
                (count(*) filter (where t.status in (${DOUBTFUL_STATUSES})))::int as doubtful
         from terminals t
         where ${terminalTests.join(' and ')}) m
       where ${stationTests.join(' and ')} and ${available ? 'm.available' : 'm.total'} > 0)`,
    // In the order of their placeholders: the terminals' test comes first in the text.
    params: [...terminalParams, ...stationParams],
  };
}

/**
 * Station tiles straight from PostGIS (`ST_AsMVT`), over the Web-Mercator point and per-station
 * counts that the Live migration keeps on `stations`, of the stations that match a filter
 * (`StationFilter`; `{}` for all). Features are ordered, so the same data gives the same bytes
 * (and ETag) on every hub instance.
 */
@Injectable()
export class TilesRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Layer `stations`: one point per station with its summary (`StationStatusSummary` and more);
   * with terminal criteria, the counts are of its matching terminals.
   */
  async stationsTile({ z, x, y }: TileAddress, filter: StationFilter): Promise<Buffer> {
    const matching = matchingStationsSql(filter);
    return this.tile(
      `with bounds as (select st_tileenvelope(?, ?, ?) as env,
                              st_tileenvelope(?, ?, ?, margin => ?) as wide),
       ${matching.sql},
       features as (
         select s.id::text as id, s.name, s.brand, s.available, s.total, s.doubtful,
                s.max_power_kw::float8 as "maxPowerKw", array_to_string(s.plugs, ',') as plugs,
                st_asmvtgeom(s.location_merc, b.env, ${TILE_EXTENT}, ${TILE_BUFFER}, true) as geom
         from matching s, bounds b
         order by s.id)
       select st_asmvt(features, 'stations', ${TILE_EXTENT}, 'geom') as tile from features`,
      [z, x, y, z, x, y, TILE_BUFFER / TILE_EXTENT, ...matching.params],
    );
  }

  /**
   * Layer `clusters`: the matching stations grouped on a grid aligned with the tiles, so every
   * cluster lies in exactly one tile, at the mean position of its stations, with station,
   * terminal, available and doubtful terminal counts (and the station id when it is alone). Its
   * `id` is `clusterCellId` (a property, as a station's uuid is, for MapLibre's `promoteId`): a
   * browser finds the cluster of a station from the station's position alone.
   */
  async clustersTile({ z, x, y }: TileAddress, filter: StationFilter): Promise<Buffer> {
    const matching = matchingStationsSql(filter);
    return this.tile(
      `with bounds as (select st_tileenvelope(?, ?, ?) as env,
                              st_tileenvelope(?, ?, ?, margin => ?) as wide),
       ${matching.sql},
       placed as (
         select s.id, s.location_merc, s.total, s.available, s.doubtful,
                ${clusterCellSql('s.location', z)}
         from matching s),
       cells as (
         select count(*)::int as stations, sum(p.total)::int as terminals,
                sum(p.available)::int as available, sum(p.doubtful)::int as doubtful,
                case when count(*) = 1 then min(p.id::text) end as "stationId",
                avg(st_x(p.location_merc)) as mx, avg(st_y(p.location_merc)) as my, p.cx, p.cy
         from placed p
         -- The cell, not the projected point, says which tile a station belongs to.
         where p.cx between ? and ? and p.cy between ? and ?
         group by p.cx, p.cy),
       features as (
         select (c.cy * ${2 ** z * CLUSTER_CELLS_PER_TILE}::bigint + c.cx) * 32 + ${z} as id,
                c.stations, c.terminals, c.available, c.doubtful, c."stationId",
                st_asmvtgeom(st_setsrid(st_makepoint(c.mx, c.my), 3857), b.env, ${TILE_EXTENT}, 0, true) as geom
         from cells c, bounds b
         order by c.cx, c.cy)
       select st_asmvt(features, 'clusters', ${TILE_EXTENT}, 'geom') as tile from features`,
      [
        ...[z, x, y, z, x, y, CELL_MARGIN],
        ...matching.params,
        x * CLUSTER_CELLS_PER_TILE,
        (x + 1) * CLUSTER_CELLS_PER_TILE - 1,
        y * CLUSTER_CELLS_PER_TILE,
        (y + 1) * CLUSTER_CELLS_PER_TILE - 1,
      ],
    );
  }

  private async tile(sql: string, params: unknown[]): Promise<Buffer> {
    const [row] = await this.em
      .fork()
      .getConnection()
      .execute<{ tile: Buffer | null }[]>(sql, params);
    return row?.tile ?? Buffer.alloc(0);
  }
}
