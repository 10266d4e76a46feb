import { type Bbox, bboxParam } from '@wattsup/contracts';

interface City {
  readonly lon: number;
  readonly lat: number;
  readonly radiusKm: number;
}

/** A few cities by name; the first three are where `hub seed --demo` puts its stations. */
export const CITIES: Readonly<Record<string, City>> = {
  toulouse: { lon: 1.4442, lat: 43.6047, radiusKm: 10 },
  paris: { lon: 2.3522, lat: 48.8566, radiusKm: 11 },
  lyon: { lon: 4.8357, lat: 45.764, radiusKm: 9 },
  marseille: { lon: 5.3698, lat: 43.2965, radiusKm: 12 },
  bordeaux: { lon: -0.5792, lat: 44.8378, radiusKm: 10 },
  lille: { lon: 3.0573, lat: 50.6292, radiusKm: 10 },
  nantes: { lon: -1.5536, lat: 47.2184, radiusKm: 10 },
  nice: { lon: 7.262, lat: 43.7102, radiusKm: 8 },
  strasbourg: { lon: 7.7521, lat: 48.5734, radiusKm: 9 },
};

/** Metropolitan France. */
export const COUNTRY: Bbox = { minLon: -4.8, minLat: 42.3, maxLon: 8.2, maxLat: 51.1 };

const KM_PER_DEGREE = 111.32;

export function cityBbox({ lon, lat, radiusKm }: City): Bbox {
  const dLat = radiusKm / KM_PER_DEGREE;
  const dLon = radiusKm / (KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
  return { minLon: lon - dLon, minLat: lat - dLat, maxLon: lon + dLon, maxLat: lat + dLat };
}

export class AreaError extends Error {}

/** `--area`: `france` (or `country`), a city name, or `minLon,minLat,maxLon,maxLat`. */
export function parseArea(value: string): Bbox {
  const name = value.trim().toLowerCase();
  if (name === 'france' || name === 'country') return COUNTRY;
  const city = CITIES[name];
  if (city) return cityBbox(city);
  if (name.includes(',')) {
    const bbox = bboxParam.safeParse(value);
    if (bbox.success) return bbox.data;
    throw new AreaError(`--area: ${bbox.error.issues[0].message}`);
  }
  throw new AreaError(
    `--area expects france, a city (${Object.keys(CITIES).join(', ')}) or minLon,minLat,maxLon,maxLat`,
  );
}

export const bboxText = (bbox: Bbox) =>
  [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat].map((n) => n.toFixed(5)).join(',');

/** The four quarters of a box, to page through an area the stations API truncates. */
export function quarters(bbox: Bbox): Bbox[] {
  const midLon = (bbox.minLon + bbox.maxLon) / 2;
  const midLat = (bbox.minLat + bbox.maxLat) / 2;
  return [
    { minLon: bbox.minLon, minLat: bbox.minLat, maxLon: midLon, maxLat: midLat },
    { minLon: midLon, minLat: bbox.minLat, maxLon: bbox.maxLon, maxLat: midLat },
    { minLon: bbox.minLon, minLat: midLat, maxLon: midLon, maxLat: bbox.maxLat },
    { minLon: midLon, minLat: midLat, maxLon: bbox.maxLon, maxLat: bbox.maxLat },
  ];
}
