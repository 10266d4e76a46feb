import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  AvailabilitySummary,
  Bbox,
  NearestStationsQuery,
  PlugType,
  StationNetwork,
} from '@wattsup/contracts';
import { arrayLiteral } from '../database/array-literal';
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
   * Nearest stations with a terminal matching the filters, by true distance, within the radius
   * (see the `nearest_stations` function in the StationFilters migration for how).
   */
  async nearest(
    query: NearestStationsQuery,
  ): Promise<(StationSummaryRow & { distanceM: number })[]> {
    const rows = await this.em
      .getConnection()
      .execute<RawSummaryRow[]>(
        'select * from nearest_stations(?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?)',
        [
          query.lon,
          query.lat,
          query.maxDistanceKm * 1000,
          query.minPowerKw ?? null,
          query.plug?.length ? arrayLiteral(query.plug) : null,
          query.available ?? false,
          query.network ?? null,
          query.pmr ?? false,
          query.free ?? false,
          query.limit,
        ],
      );
    return rows.map((row) => ({
      ...toSummary(row),
      distanceM: Math.round(Number(row.distance_m)),
    }));
  }

  /** Networks with their stations in service, biggest first (the partial network index). */
  networks(): Promise<StationNetwork[]> {
    return this.em.getConnection().execute<StationNetwork[]>(
      `select network, count(*)::int as stations from stations
       where retired_at is null and network is not null
       group by network order by stations desc, network`,
    );
  }

  findWithTerminals(id: string): Promise<Station | null> {
    return this.em.findOne(
      Station,
      { id, retiredAt: null },
      {
        populate: ['terminals', 'terminals.charger'],
        populateWhere: { terminals: { retiredAt: null } },
      },
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
