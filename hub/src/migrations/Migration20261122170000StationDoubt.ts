import { Migration } from '@mikro-orm/migrations';

/** Statuses counted as doubtful (`StationStatusSummary.doubtful`). */
const doubtful = `'UNKNOWN','OFFLINE'`;

/**
 * Per station, how many terminals have a doubtful status (`UNKNOWN`, `OFFLINE`), kept by the same
 * terminals trigger as the other counts, so the map draws a station nobody vouches for as
 * uncertain instead of "none free", and clusters add it up without reading terminals.
 */
export class Migration20261122170000StationDoubt extends Migration {
  override up(): void {
    this.addSql(`alter table stations add column doubtful_count integer not null default 0;`);
    this.addSql(refreshStationOffers(true));
    this.addSql(`select refresh_station_offers(array(select id from stations));`);
  }

  override down(): void {
    this.addSql(refreshStationOffers(false));
    this.addSql(`alter table stations drop column doubtful_count;`);
  }
}

/** The Live migration's refresh function, with the doubtful count or without it. */
function refreshStationOffers(withDoubt: boolean): string {
  return `
    create or replace function refresh_station_offers(station_ids uuid[]) returns void language sql as $$
      update stations s
      set offer_mask = m.offer, available_mask = m.available,
          terminal_count = m.total, available_count = m.available_count,
          ${withDoubt ? 'doubtful_count = m.doubtful_count,' : ''}
          max_power_kw = m.max_power_kw, plugs = m.plugs
      from (
        select st.id,
               coalesce(bit_or(offer_bits(t.power_kw, t.plugs)), 0) as offer,
               coalesce(bit_or(offer_bits(t.power_kw, t.plugs)) filter (where t.status = 'AVAILABLE'), 0) as available,
               count(t.id)::int as total,
               (count(t.id) filter (where t.status = 'AVAILABLE'))::int as available_count,
               (count(t.id) filter (where t.status in (${doubtful})))::int as doubtful_count,
               coalesce(max(t.power_kw), 0) as max_power_kw,
               coalesce(array(select distinct p from terminals tp cross join unnest(tp.plugs) as p
                              where tp.station_id = st.id and tp.retired_at is null order by p), '{}') as plugs
        from unnest(station_ids) as st(id)
        left join terminals t on t.station_id = st.id and t.retired_at is null
        group by st.id
      ) m
      where s.id = m.id
        and (s.offer_mask, s.available_mask, s.terminal_count, s.available_count,
             ${withDoubt ? 's.doubtful_count,' : ''} s.max_power_kw, s.plugs)
            is distinct from (m.offer, m.available, m.total, m.available_count,
             ${withDoubt ? 'm.doubtful_count,' : ''} m.max_power_kw, m.plugs);
    $$;`;
}
