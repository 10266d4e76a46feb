import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { TileAddress } from './tile-math';

export const TILE_EXTENT = 4096;
/** Points within this many tile units past the edge are drawn too, so icons are not cut. */
export const TILE_BUFFER = 64;
/** Clusters at low zoom are cells of 1/16 of a tile (32 px on a 512 px tile). */
export const CLUSTER_CELLS_PER_TILE = 16;

/**
 * Station tiles straight from PostGIS (`ST_AsMVT`), over the Web-Mercator point and per-station
 * counts that the Live migration keeps on `stations`. Features are ordered, so the same data
 * gives the same bytes (and ETag) on every hub instance.
 */
@Injectable()
export class TilesRepository {
  constructor(private readonly em: EntityManager) {}

  /** Layer `stations`: one point per station with its summary. */
  async stationsTile({ z, x, y }: TileAddress): Promise<Buffer> {
    return this.tile(
      `with bounds as (select st_tileenvelope(?, ?, ?) as env,
                              st_tileenvelope(?, ?, ?, margin => ?) as wide),
       features as (
         select s.id::text as id, s.name, s.brand, s.available_count as available,
                s.terminal_count as total, s.max_power_kw::float8 as "maxPowerKw",
                array_to_string(s.plugs, ',') as plugs,
                st_asmvtgeom(s.location_merc, b.env, ${TILE_EXTENT}, ${TILE_BUFFER}, true) as geom
         from stations s, bounds b
         where s.retired_at is null and s.location_merc && b.wide
         order by s.id)
       select st_asmvt(features, 'stations', ${TILE_EXTENT}, 'geom') as tile from features`,
      [z, x, y, z, x, y, TILE_BUFFER / TILE_EXTENT],
    );
  }

  /**
   * Layer `clusters`: stations grouped on a grid aligned with the tiles, so every cluster lies in
   * exactly one tile, at the mean position of its stations, with station, terminal and available
   * terminal counts (and the station id when it is alone).
   */
  async clustersTile({ z, x, y }: TileAddress): Promise<Buffer> {
    return this.tile(
      `with bounds as (select st_tileenvelope(?, ?, ?) as env,
                              (st_xmax(st_tileenvelope(?, ?, ?)) - st_xmin(st_tileenvelope(?, ?, ?))) / ${CLUSTER_CELLS_PER_TILE} as cell),
       cells as (
         select count(*)::int as stations, sum(s.terminal_count)::int as terminals,
                sum(s.available_count)::int as available,
                case when count(*) = 1 then min(s.id::text) end as "stationId",
                avg(st_x(s.location_merc)) as mx, avg(st_y(s.location_merc)) as my,
                floor(st_x(s.location_merc) / b.cell) as cx, floor(st_y(s.location_merc) / b.cell) as cy
         from stations s, bounds b
         where s.retired_at is null and s.location_merc && b.env
         group by cx, cy),
       features as (
         select c.stations, c.terminals, c.available, c."stationId",
                st_asmvtgeom(st_setsrid(st_makepoint(c.mx, c.my), 3857), b.env, ${TILE_EXTENT}, 0, true) as geom
         from cells c, bounds b
         order by c.cx, c.cy)
       select st_asmvt(features, 'clusters', ${TILE_EXTENT}, 'geom') as tile from features`,
      [z, x, y, z, x, y, z, x, y],
    );
  }

  private async tile(sql: string, params: unknown[]): Promise<Buffer> {
    const [row] = await this.em
      .fork()
      .getConnection()
      .execute<{ tile: Buffer | null }[]>(sql, params);
    return row?.tile ?? Buffer.alloc(0);
  }
}
