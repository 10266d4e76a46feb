import { Migration } from '@mikro-orm/migrations';
import { NEAREST_STATIONS_V1 } from './Migration20261122104000NearestFilters';

/** Nearest stations looked at before an offer is judged rare and searched for by cell. */
const KNN_SCAN_CAP = 1000;

/**
 * The exact test on a candidate station, written inline in each query: a SQL function holding a
 * subquery is not inlined, and would cost a separate execution per candidate.
 */
const HAS_MATCHING_TERMINAL = `exists (
            select 1 from terminals t where t.station_id = s.id and t.retired_at is null
              and (p_min_power_kw is null or t.power_kw >= p_min_power_kw)
              and (p_plug is null or p_plug = any(t.plugs))
              and (not p_available_only or t.status = 'AVAILABLE'))`;

/**
 * In PL/pgSQL so its plans are cached per connection. First the cells within reach that offer
 * what is asked: none, and the answer is empty at once. Then, as before, KNN in degrees on the
 * planar GiST index, but over the nearest ${KNN_SCAN_CAP} stations only: a common offer is found
 * among them, the farthest of `p_limit` matches bounds the box in which every closer station must
 * lie, and that box is ranked by true (spheroid) distance. An offer too rare to be found there is
 * looked for in the stations of the cells that have it, and nowhere else.
 */
export const NEAREST_STATIONS_V2 = `
  create or replace function nearest_stations(
    p_lon float8, p_lat float8, p_radius_m float8,
    p_min_power_kw numeric, p_plug text, p_available_only boolean, p_limit int
  ) returns table (
    id uuid, name text, address text, brand text, lon float8, lat float8, distance_m float8,
    total int, available int, max_power_kw float8, plugs text[]
  ) language plpgsql stable as $$
  #variable_conflict use_column
  declare
    v_origin geometry := st_setsrid(st_makepoint(p_lon, p_lat), 4326);
    v_wanted bigint := offer_query_mask(p_min_power_kw, p_plug);
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
        select s.id, s.location, s.offer_mask, s.available_mask from stations s
        where s.retired_at is null and s.location && st_expand(v_origin, v_dlon, v_dlat)
        order by s.location <-> v_origin
        limit ${KNN_SCAN_CAP}
      ) s
      where (case when p_available_only then s.available_mask else s.offer_mask end) & v_wanted <> 0
        and ${HAS_MATCHING_TERMINAL}
      limit p_limit
    ) c;

    if v_found = p_limit then
      select array_agg(c.id order by c.distance_m) into v_ids
      from (
        select s.id, st_distance(s.location::geography, v_origin::geography) as distance_m
        from stations s
        where s.retired_at is null
          and (case when p_available_only then s.available_mask else s.offer_mask end) & v_wanted <> 0
          and s.location && st_expand(v_origin, v_reach / (111320 * cos(radians(least(89, abs(p_lat) + v_reach / 110574)))), v_reach / 110574)
          and st_dwithin(s.location::geography, v_origin::geography, v_reach)
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
          and (case when p_available_only then s.available_mask else s.offer_mask end) & v_wanted <> 0
          and st_dwithin(s.location::geography, v_origin::geography, p_radius_m)
          and ${HAS_MATCHING_TERMINAL}
        order by distance_m
        limit p_limit
      ) c;
    end if;

    return query
    select s.id, s.name, s.address, s.brand, st_x(s.location), st_y(s.location),
           st_distance(s.location::geography, v_origin::geography),
           summary.total, summary.available, summary.max_power_kw, summary.plugs
    from unnest(v_ids) with ordinality as k(id, ord)
    join stations s on s.id = k.id
    cross join lateral (
      select count(*)::int as total,
             (count(*) filter (where t.status = 'AVAILABLE'))::int as available,
             coalesce(max(t.power_kw), 0)::float8 as max_power_kw,
             coalesce(array(select distinct p from terminals tp cross join unnest(tp.plugs) as p
                            where tp.station_id = s.id and tp.retired_at is null order by p), '{}') as plugs
      from terminals t
      where t.station_id = s.id and t.retired_at is null
    ) summary
    order by k.ord;
  end $$;`;

/**
 * What each 0.1° cell (about 11 × 7 km over France) offers, so that "nearest CHAdeMO ≥ 150 kW"
 * where nobody offers it costs a few hundred primary-key reads instead of a KNN scan of every
 * station within the radius (3.6 s at a million stations). A rare offer is then looked for only in
 * the cells that have it; a common one keeps the KNN of the NearestFilters migration.
 *
 * Cells aggregate the static `offer_mask` (plugs and power), not `available_mask`: terminals
 * change status all the time, their plugs only on import. Available ⊆ offered, so the test stays
 * a necessary condition for "available now" queries.
 */
export class Migration20261122153000OfferCells extends Migration {
  override up(): void {
    this.addSql(`
      create function offer_cell(location geometry) returns int
      language sql immutable parallel safe as $$
        select (floor(st_x(location) * 10)::int + 2000) * 4000 + (floor(st_y(location) * 10)::int + 1000)
      $$;`);
    this.addSql(
      `create index stations_offer_cell on stations (offer_cell(location)) where retired_at is null;`,
    );
    this.addSql(`
      create table offer_cells (
        cell int primary key,
        offer_mask bigint not null check (offer_mask <> 0)
      );`);
    this.addSql(`
      create function refresh_offer_cells(cells int[]) returns void language sql as $$
        with fresh as (
          select c.cell, coalesce(bit_or(s.offer_mask), 0) as mask
          from unnest(cells) as c(cell)
          left join stations s on offer_cell(s.location) = c.cell and s.retired_at is null
          group by c.cell
        ), emptied as (
          delete from offer_cells o using fresh f where o.cell = f.cell and f.mask = 0
        )
        insert into offer_cells (cell, offer_mask)
        select cell, mask from fresh where mask <> 0
        on conflict (cell) do update set offer_mask = excluded.offer_mask
        where offer_cells.offer_mask <> excluded.offer_mask;
      $$;`);
    // Offers mostly grow (an import adds terminals): each statement ORs its rows' bits into their
    // cells, from the new rows alone. Only a station that loses bits, moves or retires (rare) has
    // its cells recomputed, row by row, picked out by the trigger's WHEN clause.
    this.addSql(`
      create function merge_offer_cells() returns trigger language plpgsql as $$
      begin
        insert into offer_cells (cell, offer_mask)
        select offer_cell(location), bit_or(offer_mask) from new_rows
        where retired_at is null and offer_mask <> 0
        group by 1
        on conflict (cell) do update set offer_mask = offer_cells.offer_mask | excluded.offer_mask
        where offer_cells.offer_mask | excluded.offer_mask <> offer_cells.offer_mask;
        return null;
      end $$;`);
    this.addSql(`
      create function recompute_offer_cells() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          perform refresh_offer_cells(array(select distinct offer_cell(location) from old_rows));
        else
          perform refresh_offer_cells(array[offer_cell(old.location), offer_cell(new.location)]);
        end if;
        return null;
      end $$;`);
    this.addSql(`
      create trigger stations_offer_cells_insert after insert on stations
      referencing new table as new_rows for each statement execute function merge_offer_cells();`);
    this.addSql(`
      create trigger stations_offer_cells_update after update on stations
      referencing new table as new_rows for each statement execute function merge_offer_cells();`);
    this.addSql(`
      create trigger stations_offer_cells_shrink after update on stations for each row
      when (new.offer_mask & old.offer_mask <> old.offer_mask
            or new.retired_at is distinct from old.retired_at
            or not st_equals(new.location, old.location))
      execute function recompute_offer_cells();`);
    this.addSql(`
      create trigger stations_offer_cells_delete after delete on stations
      referencing old table as old_rows for each statement execute function recompute_offer_cells();`);
    this.addSql(
      `select refresh_offer_cells(array(select distinct offer_cell(location) from stations where retired_at is null));`,
    );

    this.addSql(NEAREST_STATIONS_V2);
  }

  override down(): void {
    this.addSql(`drop trigger stations_offer_cells_insert on stations;`);
    this.addSql(`drop trigger stations_offer_cells_update on stations;`);
    this.addSql(`drop trigger stations_offer_cells_shrink on stations;`);
    this.addSql(`drop trigger stations_offer_cells_delete on stations;`);
    this.addSql(`drop function merge_offer_cells();`);
    this.addSql(`drop function recompute_offer_cells();`);
    this.addSql(`drop function refresh_offer_cells(int[]);`);
    this.addSql(`drop table offer_cells;`);
    this.addSql(`drop index stations_offer_cell;`);
    this.addSql(`drop function offer_cell(geometry);`);
    this.addSql(
      `drop function nearest_stations(float8, float8, float8, numeric, text, boolean, int);`,
    );
    this.addSql(NEAREST_STATIONS_V1);
  }
}
