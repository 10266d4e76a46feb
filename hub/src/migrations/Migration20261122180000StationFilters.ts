import { Migration } from '@mikro-orm/migrations';
import { NEAREST_STATIONS_V2 } from './Migration20261122153000OfferCells';

/** Nearest stations looked at before an offer is judged rare and searched for by cell. */
const KNN_SCAN_CAP = 1000;

/** The exact terminal test on a candidate station, inline (see the OfferCells migration). */
const HAS_MATCHING_TERMINAL = `exists (
            select 1 from terminals t where t.station_id = s.id and t.retired_at is null
              and (p_min_power_kw is null or t.power_kw >= p_min_power_kw)
              and (p_plugs is null or t.plugs && p_plugs)
              and (not p_available_only or t.status = 'AVAILABLE'))`;

/** What the driver asks of the station itself (`StationFilter`: network, pmr, free). */
const STATION_MATCHES = `(p_network is null or s.network = p_network)
          and (not p_pmr or pmr_accessible(s.pmr_accessibility))
          and (not p_free or s.free is true)`;

const MASK_MATCHES = `(case when p_available_only then s.available_mask else s.offer_mask end) & v_wanted <> 0`;

/** The wanted-offer mask of any of several plugs (null: any plug), as one SQL query. */
export const OFFER_QUERY_MASK_ANY_V1 = `
      create or replace function offer_query_mask_any(min_power_kw numeric, plugs text[]) returns bigint
      language sql immutable parallel safe as $$
        select coalesce(bit_or(offer_query_mask(min_power_kw, p.plug)), 0)
        from unnest(coalesce(plugs, array[null]::text[])) as p(plug)
      $$;`;

/**
 * The OfferCells migration's nearest_stations with every `StationFilter` criterion: any of several
 * plugs, and the station's network, PMR access and free use. A network is a few hundred stations
 * at most, so when one is asked and the nearest ${KNN_SCAN_CAP} stations do not hold enough, its
 * stations are read by the network index instead of the offer cells.
 */
const NEAREST_STATIONS_V3 = `
  create function nearest_stations(
    p_lon float8, p_lat float8, p_radius_m float8,
    p_min_power_kw numeric, p_plugs text[], p_available_only boolean,
    p_network text, p_pmr boolean, p_free boolean, p_limit int
  ) returns table (
    id uuid, name text, address text, brand text, lon float8, lat float8, distance_m float8,
    total int, available int, max_power_kw float8, plugs text[]
  ) language plpgsql stable as $$
  #variable_conflict use_column
  declare
    v_origin geometry := st_setsrid(st_makepoint(p_lon, p_lat), 4326);
    v_wanted bigint := offer_query_mask_any(p_min_power_kw, p_plugs);
    v_dlat float8 := p_radius_m / 110574;
    v_dlon float8 := p_radius_m / (111320 * cos(radians(least(89, abs(p_lat) + p_radius_m / 110574))));
    v_cells int[];
    v_ids uuid[];
    v_reach float8;
    v_found int;
  begin
    select array_agg(o.cell) into v_cells
    from generate_series(floor((p_lon - v_dlon) * 10)::int, floor((p_lon + v_dlon) * 10)::int) as x
    join offer_cells o
      on o.cell between (x + 2000) * 4000 + floor((p_lat - v_dlat) * 10)::int + 1000
                    and (x + 2000) * 4000 + floor((p_lat + v_dlat) * 10)::int + 1000
    where o.offer_mask & v_wanted <> 0;
    if v_cells is null then
      return;
    end if;

    select count(*)::int,
           least(p_radius_m, coalesce(max(st_distance(c.location::geography, v_origin::geography)), 0) + 1)
      into v_found, v_reach
    from (
      select s.location
      from (
        select s.id, s.location, s.offer_mask, s.available_mask, s.network, s.pmr_accessibility, s.free
        from stations s
        where s.retired_at is null and s.location && st_expand(v_origin, v_dlon, v_dlat)
        order by s.location <-> v_origin
        limit ${KNN_SCAN_CAP}
      ) s
      where ${MASK_MATCHES} and ${STATION_MATCHES}
        and ${HAS_MATCHING_TERMINAL}
      limit p_limit
    ) c;

    if v_found = p_limit then
      select array_agg(c.id order by c.distance_m) into v_ids
      from (
        select s.id, st_distance(s.location::geography, v_origin::geography) as distance_m
        from stations s
        where s.retired_at is null and ${MASK_MATCHES} and ${STATION_MATCHES}
          and s.location && st_expand(v_origin, v_reach / (111320 * cos(radians(least(89, abs(p_lat) + v_reach / 110574)))), v_reach / 110574)
          and st_dwithin(s.location::geography, v_origin::geography, v_reach)
          and ${HAS_MATCHING_TERMINAL}
        order by distance_m
        limit p_limit
      ) c;
    elsif p_network is not null then
      select array_agg(c.id order by c.distance_m) into v_ids
      from (
        select s.id, st_distance(s.location::geography, v_origin::geography) as distance_m
        from stations s
        where s.retired_at is null and s.network = p_network and ${MASK_MATCHES} and ${STATION_MATCHES}
          and st_dwithin(s.location::geography, v_origin::geography, p_radius_m)
          and ${HAS_MATCHING_TERMINAL}
        order by distance_m
        limit p_limit
      ) c;
    else
      select array_agg(c.id order by c.distance_m) into v_ids
      from (
        select s.id, st_distance(s.location::geography, v_origin::geography) as distance_m
        from stations s
        where s.retired_at is null and offer_cell(s.location) = any(v_cells)
          and ${MASK_MATCHES} and ${STATION_MATCHES}
          and st_dwithin(s.location::geography, v_origin::geography, p_radius_m)
          and ${HAS_MATCHING_TERMINAL}
        order by distance_m
        limit p_limit
      ) c;
    end if;

    return query
    select s.id, s.name, s.address, s.brand, st_x(s.location), st_y(s.location),
           st_distance(s.location::geography, v_origin::geography),
           s.terminal_count, s.available_count, s.max_power_kw::float8, s.plugs
    from unnest(v_ids) with ordinality as k(id, ord)
    join stations s on s.id = k.id
    order by k.ord;
  end $$;`;

/**
 * Filters drivers use on the map and in `nearest` (`StationFilter` in the contracts), in SQL
 * shared by the station tiles and nearest_stations: the offer mask of any of several plugs, and
 * whether an IRVE `accessibilite_pmr` value lets a person with reduced mobility charge there.
 */
export class Migration20261122180000StationFilters extends Migration {
  override up(): void {
    this.addSql(OFFER_QUERY_MASK_ANY_V1);
    // IRVE `accessibilite_pmr`: "Réservé PMR" and "Accessible mais non réservé PMR" are both
    // usable by a person with reduced mobility; "Non accessible" and "Accessibilité inconnue" not.
    this.addSql(`
      create function pmr_accessible(pmr_accessibility text) returns boolean
      language sql immutable parallel safe as $$
        select coalesce(pmr_accessibility in ('Réservé PMR', 'Accessible mais non réservé PMR'), false)
      $$;`);
    this.addSql(
      `drop function nearest_stations(float8, float8, float8, numeric, text, boolean, int);`,
    );
    this.addSql(NEAREST_STATIONS_V3);
  }

  override down(): void {
    this.addSql(
      `drop function nearest_stations(float8, float8, float8, numeric, text[], boolean, text, boolean, boolean, int);`,
    );
    this.addSql(NEAREST_STATIONS_V2.replace('create or replace function', 'create function'));
    this.addSql(`drop function pmr_accessible(text);`);
    this.addSql(`drop function offer_query_mask_any(numeric, text[]);`);
  }
}
