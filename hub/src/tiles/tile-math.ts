import { tileCoordinates } from '@wattsup/contracts';

/** Web-mercator tile addressing (XYZ, as MapLibre requests them). */
export const MAX_TILE_ZOOM = 22;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

export function isValidTile({ z, x, y }: TileAddress): boolean {
  if (![z, x, y].every(Number.isInteger)) return false;
  if (z < 0 || z > MAX_TILE_ZOOM) return false;
  const size = 2 ** z;
  return x >= 0 && x < size && y >= 0 && y < size;
}

export const tileKey = ({ z, x, y }: TileAddress): string => `${z}/${x}/${y}`;

/**
 * Every tile at zoom z whose area, widened by `margin` (a fraction of a tile, the MVT buffer),
 * holds the point: one tile, or up to four near a corner. These are the tiles to invalidate when
 * the point's station changes.
 */
export function tilesContaining(
  lon: number,
  lat: number,
  z: number,
  margin: number,
): TileAddress[] {
  const size = 2 ** z;
  const { fx, fy } = tileCoordinates(lon, lat, z);
  const span = (f: number): number[] => {
    const cell = Math.min(size - 1, Math.floor(f));
    const within = f - cell;
    return [
      ...(within < margin && cell > 0 ? [cell - 1] : []),
      cell,
      ...(within > 1 - margin && cell < size - 1 ? [cell + 1] : []),
    ];
  };
  return span(fx).flatMap((x) => span(fy).map((y) => ({ z, x, y })));
}

/** Whether an `If-None-Match` header names this ETag (weak or strong, or `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
