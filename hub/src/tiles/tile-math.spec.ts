import { etagMatches, isValidTile, tilesContaining } from './tile-math';

describe('tile math', () => {
  it.each([
    [{ z: 0, x: 0, y: 0 }, true],
    [{ z: 3, x: 7, y: 7 }, true],
    [{ z: 3, x: 8, y: 0 }, false],
    [{ z: -1, x: 0, y: 0 }, false],
    [{ z: 23, x: 0, y: 0 }, false],
    [{ z: 2, x: 1.5, y: 0 }, false],
  ])('isValidTile(%j) = %s', (tile, expected) => expect(isValidTile(tile)).toBe(expected));

  it.each([
    ['inside', 0.5, 0.5, [[0, 0]]],
    [
      'near the east edge',
      0.995,
      0.5,
      [
        [0, 0],
        [1, 0],
      ],
    ],
    ['near the north-west corner', 0.005, 0.005, [[0, 0]]],
    [
      'near the south-east corner',
      0.995,
      0.995,
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
    ],
  ])('the tiles whose buffer holds a point %s', (_name, tx, ty, expected) => {
    // A point at fraction (tx, ty) of tile 0/0 at z1: lon from tx, lat by inverting the projection.
    const lon = tx * 180 - 180;
    const lat = (Math.atan(Math.sinh(Math.PI * (1 - ty))) * 180) / Math.PI;
    const tiles = tilesContaining(lon, lat, 1, 64 / 4096).map(({ x, y }) => [x, y]);
    expect(tiles.sort()).toEqual(expected);
  });

  it.each([
    [undefined, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abd"', false],
  ])('If-None-Match %j matches "abc": %s', (header, expected) => {
    expect(etagMatches(header, '"abc"')).toBe(expected);
  });
});
