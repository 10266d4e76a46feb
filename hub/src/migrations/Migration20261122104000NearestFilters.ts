import { Migration } from '@mikro-orm/migrations';

/**
 * The first nearest_stations, kept whole so that the OfferCells migration can bring it back on
 * the way down.
 */
export const NEAREST_STATIONS_V1 = `
      create function nearest_stations(
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
        v_reach float8;
      begin
        select least(p_radius_m, coalesce(max(st_distance(c.location::geography, v_origin::geography)), 0) + 1)
          into v_reach
        from (
          select s.location from stations s
          where s.retired_at is null
            and (case when p_available_only then s.available_mask else s.offer_mask end) & v_wanted <> 0
            and s.location && st_expand(v_origin, p_radius_m / (111320 * cos(radians(least(89, abs(p_lat) + p_radius_m / 110574)))), p_radius_m / 110574)
            and exists (select 1 from terminals t where t.station_id = s.id and t.retired_at is null
                        and (p_min_power_kw is null or t.power_kw >= p_min_power_kw)
                        and (p_plug is null or p_plug = any(t.plugs))
                        and (not p_available_only or t.status = 'AVAILABLE'))
          order by s.location <-> v_origin
          limit p_limit
        ) c;
        return query
        select s.id, s.name, s.address, s.brand, st_x(s.location), st_y(s.location), s.distance_m,
               summary.total, summary.available, summary.max_power_kw, summary.plugs
        from (
          select s.*, st_distance(s.location::geography, v_origin::geography) as distance_m
          from stations s
          where s.retired_at is null
            and (case when p_available_only then s.available_mask else s.offer_mask end) & v_wanted <> 0
            and s.location && st_expand(v_origin, v_reach / (111320 * cos(radians(least(89, abs(p_lat) + v_reach / 110574)))), v_reach / 110574)
            and st_dwithin(s.location::geography, v_origin::geography, v_reach)
            and exists (select 1 from terminals t where t.station_id = s.id and t.retired_at is null
                        and (p_min_power_kw is null or t.power_kw >= p_min_power_kw)
                        and (p_plug is null or p_plug = any(t.plugs))
                        and (not p_available_only or t.status = 'AVAILABLE'))
          order by distance_m
          limit p_limit
        ) s
        cross join lateral (
          select count(*)::int as total,
                 (count(*) filter (where t.status = 'AVAILABLE'))::int as available,
                 coalesce(max(t.power_kw), 0)::float8 as max_power_kw,
                 coalesce(array(select distinct p from terminals tp cross join unnest(tp.plugs) as p
                                where tp.station_id = s.id and tp.retired_at is null order by p), '{}') as plugs
          from terminals t
          where t.station_id = s.id and t.retired_at is null
        ) summary
        order by s.distance_m;
      end $$;`;

/**
 * What a station offers, as bits, so that "nearest with a 150 kW CCS, available now" is a cheap
 * test on each station the KNN scan meets instead of a lookup of its terminals.
 *
 * Bit (plug * 10 + class) is set when a terminal has that plug and at least that class's power.
 * Plugs: TYPE_2, CCS_COMBO, CHADEMO, DOMESTIC_EF, OTHER. Classes start at 0, 7, 11, 22, 43, 50,
 * 100, 150, 200, 300 kW. A query's mask is necessary, not sufficient, when its minimum power falls
 * between two classes, so the exact terminal check still runs on the stations that pass.
 */
export class Migration20261122104000NearestFilters extends Migration {
  override up(): void {
    this.addSql(`
      create function offer_bits(power_kw numeric, plugs text[]) returns bigint
      language sql immutable parallel safe as $$
        select coalesce(bit_or((1::bigint) << ((p.ord - 1) * 10 + (c.ord - 1))::int), 0)
        from unnest(plugs) as plug
        join unnest(array['TYPE_2','CCS_COMBO','CHADEMO','DOMESTIC_EF','OTHER']) with ordinality as p(name, ord)
          on p.name = plug
        join unnest(array[0,7,11,22,43,50,100,150,200,300]::numeric[]) with ordinality as c(threshold, ord)
          on c.threshold <= power_kw
      $$;`);
    this.addSql(`
      create function offer_query_mask(min_power_kw numeric, plug text) returns bigint
      language sql immutable parallel safe as $$
        select coalesce(bit_or((1::bigint) << ((p.ord - 1) * 10 + (c.ord - 1))::int), 0)
        from unnest(array['TYPE_2','CCS_COMBO','CHADEMO','DOMESTIC_EF','OTHER']) with ordinality as p(name, ord)
        cross join (
          select max(ord) as ord
          from unnest(array[0,7,11,22,43,50,100,150,200,300]::numeric[]) with ordinality as c(threshold, ord)
          where c.threshold <= coalesce(min_power_kw, 0)
        ) c
        where plug is null or p.name = plug
      $$;`);

    this.addSql(`alter table stations add column offer_mask bigint not null default 0;`);
    this.addSql(`alter table stations add column available_mask bigint not null default 0;`);

    this.addSql(`
      create function refresh_station_offers(station_ids uuid[]) returns void language sql as $$
        update stations s
        set offer_mask = m.offer, available_mask = m.available
        from (
          select st.id,
                 coalesce(bit_or(offer_bits(t.power_kw, t.plugs)), 0) as offer,
                 coalesce(bit_or(offer_bits(t.power_kw, t.plugs)) filter (where t.status = 'AVAILABLE'), 0) as available
          from unnest(station_ids) as st(id)
          left join terminals t on t.station_id = st.id and t.retired_at is null
          group by st.id
        ) m
        where s.id = m.id and (s.offer_mask, s.available_mask) is distinct from (m.offer, m.available);
      $$;`);
    // Statement-level triggers with transition tables: one refresh per statement, whoever writes
    // terminals (seed, import, status pipeline), however many rows it touches.
    this.addSql(`
      create function terminals_refresh_station_offers() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          perform refresh_station_offers(array(select distinct station_id from new_rows));
        elsif tg_op = 'DELETE' then
          perform refresh_station_offers(array(select distinct station_id from old_rows));
        else
          perform refresh_station_offers(array(
            select distinct unnest(array[n.station_id, o.station_id])
            from new_rows n join old_rows o on o.id = n.id
            where (n.station_id, n.power_kw, n.plugs, n.status, n.retired_at)
                  is distinct from (o.station_id, o.power_kw, o.plugs, o.status, o.retired_at)));
        end if;
        return null;
      end $$;`);
    this.addSql(`
      create trigger terminals_offers_insert after insert on terminals
      referencing new table as new_rows for each statement execute function terminals_refresh_station_offers();`);
    this.addSql(`
      create trigger terminals_offers_update after update on terminals
      referencing new table as new_rows old table as old_rows
      for each statement execute function terminals_refresh_station_offers();`);
    this.addSql(`
      create trigger terminals_offers_delete after delete on terminals
      referencing old table as old_rows for each statement execute function terminals_refresh_station_offers();`);
    this.addSql(`select refresh_station_offers(array(select id from stations));`);

    // In PL/pgSQL so its plan is cached per connection: planning this query costs several times
    // more than running it. Two steps on the planar GiST index: KNN in degrees finds `p_limit`
    // matching candidates within the radius; the farthest of them bounds the box in which every
    // closer station must lie, and that box is ranked by true (spheroid) distance.
    this.addSql(NEAREST_STATIONS_V1);
  }

  override down(): void {
    this.addSql(
      `drop function if exists nearest_stations(float8, float8, float8, numeric, text, boolean, int);`,
    );
    this.addSql(`drop trigger if exists terminals_offers_insert on terminals;`);
    this.addSql(`drop trigger if exists terminals_offers_update on terminals;`);
    this.addSql(`drop trigger if exists terminals_offers_delete on terminals;`);
    this.addSql(`drop function if exists terminals_refresh_station_offers();`);
    this.addSql(`drop function if exists refresh_station_offers(uuid[]);`);
    this.addSql(`alter table stations drop column available_mask;`);
    this.addSql(`alter table stations drop column offer_mask;`);
    this.addSql(`drop function if exists offer_query_mask(numeric, text);`);
    this.addSql(`drop function if exists offer_bits(numeric, text[]);`);
  }
}
