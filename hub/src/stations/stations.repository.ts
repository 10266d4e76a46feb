import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AvailabilitySummary, Bbox, NearestStationsQuery, PlugType } from '@wattsup/contracts';
import { Station } from './station.entity';

export interface StationSummaryRow {
  id: string;
  name: string;
  address: string | null;
  brand: string | null;
  lon: number;
  lat: number;
  maxPowerKw: number;
  plugs: PlugType[];
  availability: AvailabilitySummary;
}

interface RawSummaryRow {
  id: string;
  name: string;
  address: string | null;
  brand: string | null;
  lon: number;
  lat: number;
  max_power_kw: number | string;
  plugs: PlugType[];
  available: number;
  total: number;
  distance_m?: number;
}

/** Availability of one station `s`, computed from its live terminals. */
const SUMMARY_JOIN = `
  left join lateral (
    select count(*)::int as total,
           (count(*) filter (where t.status = 'AVAILABLE'))::int as available,
           coalesce(max(t.power_kw), 0)::float8 as max_power_kw,
           coalesce(array(select distinct plug from terminals tp cross join unnest(tp.plugs) as plug
                          where tp.station_id = s.id and tp.retired_at is null order by plug), '{}') as plugs
    from terminals t
    where t.station_id = s.id and t.retired_at is null
  ) summary on true`;

const SUMMARY_COLUMNS = `s.id, s.name, s.address, s.brand, st_x(s.location) as lon, st_y(s.location) as lat,
  summary.total, summary.available, summary.max_power_kw, summary.plugs`;

/** Station reads that need PostGIS: bounding boxes, nearest neighbours, summaries. */
@Injectable()
export class StationsRepository {
  constructor(private readonly em: EntityManager) {}

  async inBbox(bbox: Bbox, limit: number): Promise<StationSummaryRow[]> {
    const rows = await this.em.getConnection().execute<RawSummaryRow[]>(
      `select ${SUMMARY_COLUMNS}
       from (select * from stations
             where retired_at is null and location && st_makeenvelope(?, ?, ?, ?, 4326)
             limit ?) s
       ${SUMMARY_JOIN}`,
      [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat, limit],
    );
    return rows.map(toSummary);
  }

  /**
   * Nearest stations by true (spheroid) distance, in two steps that both use the planar GiST index:
   * KNN (`<->`, in degrees) finds `limit` matching candidates; the farthest of them bounds a box in
   * which every closer station must lie, and that box is ranked by true distance. Ranking by degrees
   * alone would overweight longitude; KNN on geography is exact but about fifty times slower.
   */
  async nearest(
    query: NearestStationsQuery,
  ): Promise<(StationSummaryRow & { distanceM: number })[]> {
    const filters: string[] = [];
    const filterParams: unknown[] = [];
    if (query.minPowerKw !== undefined) {
      filters.push('t.power_kw >= ?');
      filterParams.push(query.minPowerKw);
    }
    if (query.plug) {
      filters.push('?::text = any(t.plugs)');
      filterParams.push(query.plug);
    }
    if (query.available) filters.push(`t.status = 'AVAILABLE'`);
    const matches = `s.retired_at is null
      and exists (select 1 from terminals t where t.station_id = s.id and t.retired_at is null
                  ${filters.map((filter) => `and ${filter}`).join(' ')})`;
    const point = 'st_setsrid(st_makepoint(?, ?), 4326)';
    const lonLat = [query.lon, query.lat];
    const rows = await this.em.getConnection().execute<RawSummaryRow[]>(
      `with candidates as (
         select s.location from stations s where ${matches}
         order by s.location <-> ${point} limit ?
       ),
       reach as (
         select coalesce(max(st_distance(location::geography, ${point}::geography)), 0) + 1 as metres
         from candidates
       )
       select ${SUMMARY_COLUMNS}, s.distance_m
       from (
         select s.*, st_distance(s.location::geography, ${point}::geography) as distance_m
         from stations s, reach
         where ${matches}
           and s.location && st_expand(${point},
                 reach.metres / (111320 * cos(radians(least(89, abs(?) + reach.metres / 110574)))),
                 reach.metres / 110574)
           and st_dwithin(s.location::geography, ${point}::geography, reach.metres)
         order by distance_m
         limit ?
       ) s
       ${SUMMARY_JOIN}
       order by s.distance_m`,
      [
        ...filterParams,
        ...lonLat,
        query.limit,
        ...lonLat,
        ...lonLat,
        ...filterParams,
        ...lonLat,
        query.lat,
        ...lonLat,
        query.limit,
      ],
    );
    return rows.map((row) => ({
      ...toSummary(row),
      distanceM: Math.round(Number(row.distance_m)),
    }));
  }

  findWithTerminals(id: string): Promise<Station | null> {
    return this.em.findOne(
      Station,
      { id, retiredAt: null },
      { populate: ['terminals'], populateWhere: { terminals: { retiredAt: null } } },
    );
  }
}

function toSummary(row: RawSummaryRow): StationSummaryRow {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    brand: row.brand,
    lon: Number(row.lon),
    lat: Number(row.lat),
    maxPowerKw: Number(row.max_power_kw),
    plugs: row.plugs,
    availability: { available: row.available, total: row.total },
  };
}
