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
   * Nearest stations by true distance: KNN (`<->`) on the geography GiST index, filtered on the
   * station's terminals as the index walks outwards.
   */
  async nearest(query: NearestStationsQuery): Promise<(StationSummaryRow & { distanceM: number })[]> {
    const terminalFilters: string[] = [];
    const filterParams: unknown[] = [];
    if (query.minPowerKw !== undefined) {
      terminalFilters.push('t.power_kw >= ?');
      filterParams.push(query.minPowerKw);
    }
    if (query.plug) {
      terminalFilters.push('?::text = any(t.plugs)');
      filterParams.push(query.plug);
    }
    if (query.available) terminalFilters.push(`t.status = 'AVAILABLE'`);
    const origin = 'st_setsrid(st_makepoint(?, ?), 4326)::geography';
    const rows = await this.em.getConnection().execute<RawSummaryRow[]>(
      `select ${SUMMARY_COLUMNS}, st_distance(s.location::geography, ${origin}) as distance_m
       from (
         select * from stations s
         where s.retired_at is null
           and exists (select 1 from terminals t
                       where t.station_id = s.id and t.retired_at is null
                       ${terminalFilters.map((filter) => `and ${filter}`).join(' ')})
         order by s.location::geography <-> ${origin}
         limit ?
       ) s
       ${SUMMARY_JOIN}
       order by distance_m`,
      [query.lon, query.lat, ...filterParams, query.lon, query.lat, query.limit],
    );
    return rows.map((row) => ({ ...toSummary(row), distanceM: Math.round(Number(row.distance_m)) }));
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
