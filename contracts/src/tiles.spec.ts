import { CLUSTER_MAX_ID_ZOOM, clusterCellId, clusterCellOf, tileCoordinates } from './tiles';

describe('station tile grid', () => {
  it.each([
    // Toulouse at z14 is tile 8257/5982 (checked against ST_TileEnvelope).
    [1.44, 43.6, 14, 8257, 5982],
    [0, 0, 1, 1, 1],
    [-180, 85.0511, 2, 0, 0],
  ])('(%d, %d) at z%d lies in tile %d/%d', (lon, lat, z, x, y) => {
    const { fx, fy } = tileCoordinates(lon, lat, z);
    expect([Math.floor(fx), Math.floor(fy)]).toEqual([x, y]);
  });

  it.each([
    // A cell is 1/16 of a tile: Toulouse's z6 tile is 32/23, its cell 16 × 32 + 4, 16 × 23 + 5.
    [1.44, 43.6, 6, { z: 6, cx: 516, cy: 373 }],
    [0, 0, 0, { z: 0, cx: 8, cy: 8 }],
    // The map's edges belong to the last cell, not to one past it.
    [180, -90, 1, { z: 1, cx: 31, cy: 31 }],
    [-180, 90, 3, { z: 3, cx: 0, cy: 0 }],
  ])('(%d, %d) at z%d lies in cell %j', (lon, lat, z, cell) => {
    expect(clusterCellOf(lon, lat, z)).toEqual(cell);
  });

  it('gives every cell of every zoom its own id, exact in a JS number', () => {
    const ids = new Set<number>();
    for (let z = 0; z <= 2; z++) {
      const side = 2 ** z * 16;
      for (let cx = 0; cx < side; cx++)
        for (let cy = 0; cy < side; cy++) ids.add(clusterCellId({ z, cx, cy }));
    }
    expect(ids.size).toBe(256 + 1024 + 4096);
    const side = 2 ** CLUSTER_MAX_ID_ZOOM * 16;
    const last = clusterCellId({ z: CLUSTER_MAX_ID_ZOOM, cx: side - 1, cy: side - 1 });
    expect(Number.isSafeInteger(last)).toBe(true);
  });
});
