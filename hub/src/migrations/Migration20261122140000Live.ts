import { Migration } from '@mikro-orm/migrations';

/**
 * What the map needs per station without reading its terminals: counts, maximum power and plugs,
 * kept by the terminals trigger of the NearestFilters migration (whose refresh function this one
 * extends), and the location in Web Mercator for vector tiles, so a z5 tile over France
 * aggregates 35,000 rows instead of joining 140,000 terminals and projecting every point.
 */
export class Migration20261122140000Live extends Migration {
  override up(): void {
    this.addSql(`
      alter table stations
        add column terminal_count integer not null default 0,
        add column available_count integer not null default 0,
        add column max_power_kw numeric(7,2) not null default 0,
        add column plugs text[] not null default '{}',
        add column location_merc geometry(Point, 3857)
          generated always as (st_transform(location, 3857)) stored;`);
    this.addSql(
      `create index stations_location_merc_gist on stations using gist (location_merc) where retired_at is null;`,
    );
    this.addSql(`
      create or replace function refresh_station_offers(station_ids uuid[]) returns void language sql as $$
        update stations s
        set offer_mask = m.offer, available_mask = m.available,
            terminal_count = m.total, available_count = m.available_count,
            max_power_kw = m.max_power_kw, plugs = m.plugs
        from (
          select st.id,
                 coalesce(bit_or(offer_bits(t.power_kw, t.plugs)), 0) as offer,
                 coalesce(bit_or(offer_bits(t.power_kw, t.plugs)) filter (where t.status = 'AVAILABLE'), 0) as available,
                 count(t.id)::int as total,
                 (count(t.id) filter (where t.status = 'AVAILABLE'))::int as available_count,
                 coalesce(max(t.power_kw), 0) as max_power_kw,
                 coalesce(array(select distinct p from terminals tp cross join unnest(tp.plugs) as p
                                where tp.station_id = st.id and tp.retired_at is null order by p), '{}') as plugs
          from unnest(station_ids) as st(id)
          left join terminals t on t.station_id = st.id and t.retired_at is null
          group by st.id
        ) m
        where s.id = m.id
          and (s.offer_mask, s.available_mask, s.terminal_count, s.available_count, s.max_power_kw, s.plugs)
              is distinct from (m.offer, m.available, m.total, m.available_count, m.max_power_kw, m.plugs);
      $$;`);
    this.addSql(`select refresh_station_offers(array(select id from stations));`);
  }

  override down(): void {
    this.addSql(`
      create or replace function refresh_station_offers(station_ids uuid[]) returns void language sql as $$
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
    this.addSql(`drop index if exists stations_location_merc_gist;`);
    this.addSql(`
      alter table stations drop column location_merc, drop column plugs, drop column max_power_kw,
        drop column available_count, drop column terminal_count;`);
  }
}
