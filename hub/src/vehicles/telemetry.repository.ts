import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { VehicleUpdate } from '@wattsup/contracts';
import type { ChargingSample } from './charging-speed';

/** One telemetry sample, as ingestion hands it over. */
export interface TelemetrySample {
  vehicleId: string;
  ts: Date;
  lon: number;
  lat: number;
  socPct: number;
  pluggedIn: boolean;
  charging: boolean;
  odometerKm: number;
  speedKmh: number | null;
  terminalId: string | null;
}

export interface TrackPoint {
  ts: Date;
  lon: number;
  lat: number;
}

/** Set-based SQL over `vehicle_telemetry`: the ORM would loop where one statement does. */
@Injectable()
export class TelemetryRepository {
  constructor(private readonly orm: MikroORM) {}

  private connection() {
    return this.orm.em.fork().getConnection();
  }

  /**
   * Appends samples in one statement and moves each vehicle's latest state forward: a sample
   * older than the stored state (a car replaying its offline buffer) is history only. A sample
   * already stored (QoS 1 redelivery) is skipped; samples of vehicles that do not exist are not
   * written, and their ids are returned. `moved` is the new latest state of each vehicle whose
   * state moved forward, once per vehicle.
   */
  async append(samples: readonly TelemetrySample[]): Promise<{
    inserted: number;
    unknownVehicles: Set<string>;
    moved: VehicleUpdate[];
  }> {
    const [row] = await this.connection().execute<
      {
        inserted: number;
        unknown: string[];
        moved: (Omit<VehicleUpdate, 'speedKmh'> & { speedKmh: number | null })[];
      }[]
    >(
      `with input as (
         select * from jsonb_to_recordset(?::jsonb) as s(vehicle_id uuid, ts timestamptz,
           lon float8, lat float8, soc_pct numeric, plugged_in boolean, charging boolean,
           odometer_km numeric, speed_kmh numeric, terminal_id uuid)
       ), samples as (
         select i.* from input i join vehicles v on v.id = i.vehicle_id
       ), inserted as (
         insert into vehicle_telemetry (vehicle_id, ts, location, soc_pct, plugged_in, charging,
           odometer_km, speed_kmh, terminal_id)
         select vehicle_id, ts, st_setsrid(st_makepoint(lon, lat), 4326), soc_pct, plugged_in,
           charging, odometer_km, speed_kmh, terminal_id
         from samples
         on conflict (vehicle_id, ts) do nothing
         returning 1
       ), latest as (
         select distinct on (vehicle_id) * from samples order by vehicle_id, ts desc
       ), moved as (
         update vehicles v set last_telemetry_at = l.ts,
           last_location = st_setsrid(st_makepoint(l.lon, l.lat), 4326), soc_pct = l.soc_pct,
           plugged_in = l.plugged_in, charging = l.charging, odometer_km = l.odometer_km,
           updated_at = now()
         from latest l
         where v.id = l.vehicle_id and (v.last_telemetry_at is null or v.last_telemetry_at < l.ts)
         returning v.id as "vehicleId", v.owner_id as "userId", v.name, l.ts, l.lat, l.lon,
           l.soc_pct as "socPct", l.plugged_in as "pluggedIn", l.charging,
           l.odometer_km as "odometerKm", l.speed_kmh as "speedKmh"
       )
       select (select count(*) from inserted)::int as inserted,
         array(select distinct vehicle_id::text from input
               where vehicle_id not in (select vehicle_id from samples)) as unknown,
         (select coalesce(jsonb_agg(moved), '[]'::jsonb) from moved) as moved`,
      [
        JSON.stringify(
          samples.map((sample) => ({
            vehicle_id: sample.vehicleId,
            ts: sample.ts.toISOString(),
            lon: sample.lon,
            lat: sample.lat,
            soc_pct: sample.socPct,
            plugged_in: sample.pluggedIn,
            charging: sample.charging,
            odometer_km: sample.odometerKm,
            speed_kmh: sample.speedKmh,
            terminal_id: sample.terminalId,
          })),
        ),
      ],
    );
    return {
      inserted: row.inserted,
      unknownVehicles: new Set(row.unknown),
      moved: row.moved.map(({ ts, speedKmh, ...state }) => ({
        ...state,
        ts: new Date(ts).toISOString(),
        ...(speedKmh === null ? {} : { speedKmh }),
      })),
    };
  }

  /** Positions between two times, oldest first, at most `limit`. */
  async track(vehicleId: string, from: Date, to: Date, limit: number): Promise<TrackPoint[]> {
    const rows = await this.connection().execute<{ ts: Date; lon: number; lat: number }[]>(
      `select ts, st_x(location) as lon, st_y(location) as lat from vehicle_telemetry
       where vehicle_id = ? and ts between ? and ? order by ts limit ?`,
      [vehicleId, from, to, limit],
    );
    return rows.map((row) => ({ ts: new Date(row.ts), lon: row.lon, lat: row.lat }));
  }

  /** Samples taken while charging at a known terminal, oldest first, at most `limit`. */
  async chargingSamples(
    vehicleId: string,
    from: Date,
    to: Date,
    limit: number,
  ): Promise<ChargingSample[]> {
    const rows = await this.connection().execute<
      { ts: Date; soc_pct: string; terminal_id: string }[]
    >(
      `select ts, soc_pct, terminal_id from vehicle_telemetry
       where vehicle_id = ? and ts between ? and ? and charging and terminal_id is not null
       order by ts limit ?`,
      [vehicleId, from, to, limit],
    );
    return rows.map((row) => ({
      ts: new Date(row.ts),
      socPct: Number(row.soc_pct),
      terminalId: row.terminal_id,
    }));
  }

  /** Deletes up to `limit` samples older than `before`; returns how many. */
  async deleteOlderThan(before: Date, limit: number): Promise<number> {
    const [row] = await this.connection().execute<{ deleted: number }[]>(
      `with deleted as (
         delete from vehicle_telemetry where id in (
           select id from vehicle_telemetry where ts < ? limit ?) returning 1)
       select count(*)::int as deleted from deleted`,
      [before, limit],
    );
    return row.deleted;
  }
}
