export interface ViewBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Four decimals is about 11 m: fine enough for a view, coarse enough to repeat identical URLs. */
const DECIMALS = 4;
const SCALE = 10 ** DECIMALS;

const roundDown = (value: number) => (Math.floor(value * SCALE) / SCALE).toFixed(DECIMALS);
const roundUp = (value: number) => (Math.ceil(value * SCALE) / SCALE).toFixed(DECIMALS);
const trimZeros = (fixed: string) => String(Number(fixed));

/**
 * The hub's `bbox` parameter (`minLon,minLat,maxLon,maxLat`) covering a map view. MapLibre
 * reports longitudes beyond ±180 when the world wraps; the hub only accepts WGS84 bounds
 * that do not cross the antimeridian, so the view is shifted back into [-180, 180] and a
 * view straddling the antimeridian keeps its western part.
 */
export function toBboxParam(bounds: ViewBounds): string {
  let west = bounds.west;
  let east = bounds.east;
  if (east - west >= 360) {
    west = -180;
    east = 180;
  } else {
    const worldShift = Math.floor((west + 180) / 360) * 360;
    west -= worldShift;
    east = Math.min(east - worldShift, 180);
  }
  const south = Math.max(bounds.south, -90);
  const north = Math.min(bounds.north, 90);

  return [roundDown(west), roundDown(south), roundUp(east), roundUp(north)]
    .map(trimZeros)
    .join(',');
}

/** `toBboxParam` as the numbers of a `/live` subscription. */
export function toBboxTuple(bounds: ViewBounds): [number, number, number, number] {
  const [west, south, east, north] = toBboxParam(bounds).split(',').map(Number);
  return [west, south, east, north];
}
