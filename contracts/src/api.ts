import { z } from 'zod';
import { PLUG_TYPES } from './domain';
import type { ReservationKind } from './reservations';

/** Error body of every REST answer that is not a success. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field-level details for validation failures. */
  issues?: { path: string; message: string }[];
  /**
   * A stable reason clients may act on, next to the human `message` (e.g. `ALREADY_HOLDING`);
   * see each area's error codes, like `RESERVATION_ERROR_CODES`.
   */
  code?: string;
  /** Facts that go with `code`, e.g. the reservation a driver already holds. */
  details?: Record<string, unknown>;
}

export const PASSWORD_MIN_LENGTH = 10;

export const registerRequest = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(256),
  displayName: z.string().trim().min(1).max(80).optional(),
});
export type RegisterRequest = z.infer<typeof registerRequest>;

export const loginRequest = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export interface UserView {
  id: string;
  email: string;
  displayName: string | null;
  role: 'DRIVER' | 'ADMIN';
  createdAt: string;
}

const coordinate = (min: number, max: number) => z.coerce.number().min(min).max(max);

/** `minLon,minLat,maxLon,maxLat` in WGS84 degrees. */
export const bboxParam = z
  .string({ error: 'bbox is required: minLon,minLat,maxLon,maxLat' })
  .transform((raw, ctx) => {
    const parts = raw.split(',').map((part) => part.trim());
    const numbers = parts.map(Number);
    if (
      parts.length !== 4 ||
      parts.some((p) => p === '') ||
      numbers.some((n) => !Number.isFinite(n))
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'bbox must be four numbers: minLon,minLat,maxLon,maxLat',
      });
      return z.NEVER;
    }
    const [minLon, minLat, maxLon, maxLat] = numbers;
    if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
      ctx.addIssue({ code: 'custom', message: 'bbox is outside WGS84 bounds (lon ±180, lat ±90)' });
      return z.NEVER;
    }
    if (minLon >= maxLon || minLat >= maxLat) {
      ctx.addIssue({ code: 'custom', message: 'bbox minimums must be smaller than its maximums' });
      return z.NEVER;
    }
    return { minLon, minLat, maxLon, maxLat };
  });
export type Bbox = z.output<typeof bboxParam>;

export const stationsInBboxQuery = z.object({
  bbox: bboxParam,
  limit: z.coerce.number().int().min(1).max(5000).default(2000),
});

const queryBoolean = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

/** `plug=TYPE_2,CCS_COMBO`: any of these plugs, in a canonical order (that of PLUG_TYPES). */
const plugListParam = z.string().transform((raw, ctx) => {
  const asked = raw.split(',').map((plug) => plug.trim());
  const unknown = asked.filter((plug) => !(PLUG_TYPES as readonly string[]).includes(plug));
  if (unknown.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown plug ${unknown.map((plug) => JSON.stringify(plug)).join(', ')}: plug must be among ${PLUG_TYPES.join(', ')}`,
    });
    return z.NEVER;
  }
  return PLUG_TYPES.filter((plug) => asked.includes(plug));
});

/** Network names (`Station.network`) drivers filter on; this one has a shortcut in the app. */
export const TESLA_SUPERCHARGER = 'Tesla Supercharger';

/**
 * What a driver asks of a station, as query parameters of the station tiles and of `nearest`.
 * Terminal criteria hold for one terminal together: a station matches `plug=CCS_COMBO&minPowerKw=50
 * &available=true` when one of its CCS terminals of 50 kW or more is free now. Station criteria:
 * `pmr` (accessible to people with reduced mobility, reserved to them or not), `free` (free to
 * use), `network` (exactly a network name of `GET /stations/networks`).
 */
export const stationFilterShape = {
  minPowerKw: z.coerce.number().min(0).max(1000).optional(),
  plug: plugListParam.optional(),
  available: queryBoolean.optional(),
  pmr: queryBoolean.optional(),
  free: queryBoolean.optional(),
  network: z.string().trim().min(1).max(100).optional(),
};
export const stationFilterQuery = z.strictObject(stationFilterShape);
export type StationFilter = z.output<typeof stationFilterQuery>;

/**
 * The filter with what filters nothing left out (no plug, 0 kW, false flags), so equal filters
 * are one object and one query string.
 */
export function normaliseStationFilter(filter: StationFilter): StationFilter {
  const plug = PLUG_TYPES.filter((p) => filter.plug?.includes(p));
  return {
    ...(filter.minPowerKw ? { minPowerKw: filter.minPowerKw } : {}),
    ...(plug.length > 0 ? { plug } : {}),
    ...(filter.available ? { available: true } : {}),
    ...(filter.pmr ? { pmr: true } : {}),
    ...(filter.free ? { free: true } : {}),
    ...(filter.network?.trim() ? { network: filter.network.trim() } : {}),
  };
}

/**
 * The normalised filter as a query string in a fixed order (`minPowerKw=50&plug=CCS_COMBO`), ''
 * for none: the hub keys its tile cache on it, the web app builds its tile URL with it.
 */
export function stationFilterQueryString(filter: StationFilter): string {
  const { minPowerKw, plug, available, pmr, free, network } = normaliseStationFilter(filter);
  const params = new URLSearchParams();
  if (minPowerKw !== undefined) params.set('minPowerKw', String(minPowerKw));
  if (plug) params.set('plug', plug.join(','));
  if (available) params.set('available', 'true');
  if (pmr) params.set('pmr', 'true');
  if (free) params.set('free', 'true');
  if (network) params.set('network', network);
  return params.toString();
}

export const nearestStationsQuery = z.object({
  ...stationFilterShape,
  lat: coordinate(-90, 90),
  lon: coordinate(-180, 180),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  /** How far to look; drivers want a charger they can reach, and an unbounded search costs. */
  maxDistanceKm: z.coerce.number().min(0.1).max(1000).default(100),
});
export type NearestStationsQuery = z.output<typeof nearestStationsQuery>;

export const uuidParam = z.uuid({ error: 'must be a UUID' });

export interface AvailabilitySummary {
  available: number;
  total: number;
}

/** A station's counts as the map draws them: free terminals, all of them, and doubtful ones. */
export interface StationStatusSummary extends AvailabilitySummary {
  /**
   * Terminals whose status says nothing about whether they are free, as nobody vouches for it
   * right now: `UNKNOWN` (no source yet, or a driver's unconfirmed fault report) and `OFFLINE`
   * (a charger silent past its heartbeat window).
   */
  doubtful: number;
}

export interface TerminalGroup {
  powerKw: number;
  plug: string;
  available: number;
  total: number;
  /** e.g. `22 kW · Type 2 · 3/8` */
  label: string;
}

export interface TerminalView {
  id: string;
  pdcId: string;
  powerKw: number;
  plugs: string[];
  status: string;
  statusSource: string;
  statusChangedAt: string | null;
  statusConfirmedAt: string | null;
  /**
   * How a driver may hold it now, status aside: CHARGER (its connected charger keeps it), SOFT (a
   * hold shown on the map only), null (no live connection and no soft holds, or charger offline).
   */
  reservable: ReservationKind | null;
}

export interface StationView {
  id: string;
  irveId: string;
  name: string;
  operator: string | null;
  brand: string | null;
  address: string | null;
  inseeCode: string | null;
  implantation: string | null;
  openingHours: string | null;
  pmrAccessibility: string | null;
  accessCondition: string | null;
  pricing: string | null;
  free: boolean | null;
  lon: number;
  lat: number;
  availability: AvailabilitySummary;
  maxPowerKw: number;
  groups: TerminalGroup[];
  terminals: TerminalView[];
}

/** Properties of one station in `GET /api/v1/stations?bbox=` (the feature id is the station id). */
export interface StationFeatureProperties {
  id: string;
  name: string;
  brand: string | null;
  available: number;
  total: number;
  maxPowerKw: number;
  plugs: string[];
}

/** `GET /api/v1/stations?bbox=`: GeoJSON with one point per station. */
export interface StationFeatureCollection {
  type: 'FeatureCollection';
  /** True when the box held more stations than the limit: zoom in or use the tiles. */
  truncated: boolean;
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: StationFeatureProperties;
  }[];
}

/** `GET /api/v1/stations/networks`: each network with its stations in service, biggest first. */
export interface StationNetwork {
  network: string;
  stations: number;
}

export interface NearestStation {
  id: string;
  name: string;
  address: string | null;
  brand: string | null;
  lon: number;
  lat: number;
  distanceM: number;
  maxPowerKw: number;
  plugs: string[];
  availability: AvailabilitySummary;
}
