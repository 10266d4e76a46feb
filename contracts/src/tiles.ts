/**
 * Station tiles (`/tiles/stations/{z}/{x}/{y}.mvt`): Web-Mercator XYZ addressing and the grid of
 * cluster cells. The hub groups stations into cells in SQL with the same arithmetic as
 * `clusterCellOf`, so a browser that knows a station's position knows which cluster holds it at
 * every zoom and can keep that cluster live.
 */

/** Clusters at low zoom are cells of 1/16 of a tile (32 px on a 512 px tile). */
export const CLUSTER_CELLS_PER_TILE = 16;

/** Web mercator stops at ±85.0511°, where it reaches the square's edge. */
export const MERCATOR_MAX_LAT = 85.0511287798;

/**
 * Fractional tile coordinates of a WGS84 point at zoom z. The hub's cluster query restates this
 * arithmetic operation for operation (`clusterCellSql`), so both sides round to the same cell.
 */
export function tileCoordinates(lon: number, lat: number, z: number): { fx: number; fy: number } {
  const size = 2 ** z;
  const clampedLat = Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat));
  const sin = Math.sin((clampedLat * Math.PI) / 180);
  return {
    fx: ((lon + 180) / 360) * size,
    fy: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size,
  };
}

export interface ClusterCell {
  z: number;
  /** Column and row of the cell on the zoom's grid of 2^z × CLUSTER_CELLS_PER_TILE cells a side. */
  cx: number;
  cy: number;
}

/** The cluster cell holding a point at zoom z. */
export function clusterCellOf(lon: number, lat: number, z: number): ClusterCell {
  const cells = 2 ** z * CLUSTER_CELLS_PER_TILE;
  const { fx, fy } = tileCoordinates(lon, lat, z);
  const clamp = (f: number) =>
    Math.min(cells - 1, Math.max(0, Math.floor(f * CLUSTER_CELLS_PER_TILE)));
  return { z, cx: clamp(fx), cy: clamp(fy) };
}

/** Cluster ids stay below 2^53 (exact in a JS number) up to this zoom. */
export const CLUSTER_MAX_ID_ZOOM = 20;

/**
 * The feature id of a cluster cell in the `clusters` layer, unique across zooms (MapLibre keeps
 * feature state per source layer and id, whatever the zoom): the cell's index on its grid, times
 * 32, plus z.
 */
export function clusterCellId({ z, cx, cy }: ClusterCell): number {
  return (cy * 2 ** z * CLUSTER_CELLS_PER_TILE + cx) * 32 + z;
}
