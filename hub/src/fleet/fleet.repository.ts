import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { FLEET_RECENT_EVENTS } from '@wattsup/contracts';
import type { FleetRows } from './fleet-summary';

/**
 * The fleet in one statement, so every figure comes from the same snapshot. Terminals are read
 * once (one scan joined to chargers, grouped); the recent faults and disconnects come newest first
 * from the partial indexes of Migration20261122175000Fleet.
 */
const FLEET_SQL = `
  select
    (select coalesce(json_agg(c), '[]') from (
       select protocol, online, count(*)::int as count from chargers group by protocol, online
     ) c) as chargers,
    (select coalesce(json_agg(g), '[]') from (
       select t.status, coalesce(c.online, false) as connected,
              case when t.status = 'FAULTED' then t.charger_id end as "faultedChargerId",
              count(*)::int as count
       from terminals t left join chargers c on c.id = t.charger_id
       where t.retired_at is null
       group by 1, 2, 3
     ) g) as terminals,
    (select count(*)::int from charging_sessions where stopped_at is null) as "chargingSessions",
    (select coalesce(json_agg(e order by e.at desc), '[]') from (
       select * from (
         (select 'FAULT' as kind, h.occurred_at as at, c.id as "chargerId", c.identity,
                 t.id as "terminalId", t.pdc_id as "pdcId", s.id as "stationId",
                 s.name as "stationName", h.error_code as "errorCode"
          from terminal_status_history h
          join terminals t on t.id = h.terminal_id
          join stations s on s.id = t.station_id
          left join chargers c on c.id = t.charger_id
          where h.status = 'FAULTED'
          order by h.occurred_at desc limit ?)
         union all
         (select 'DISCONNECT', d.occurred_at, c.id, c.identity, null, null, s.id, s.name, null
          from charger_connection_history d
          join chargers c on c.id = d.charger_id
          left join stations s on s.id = c.station_id
          where not d.online
          order by d.occurred_at desc limit ?)
       ) latest
       order by at desc limit ?
     ) e) as recent`;

@Injectable()
export class FleetRepository {
  constructor(private readonly orm: MikroORM) {}

  async read(): Promise<FleetRows> {
    const [rows] = await this.orm.em
      .fork()
      .getConnection()
      .execute<FleetRows[]>(FLEET_SQL, Array(3).fill(FLEET_RECENT_EVENTS));
    return rows;
  }
}
