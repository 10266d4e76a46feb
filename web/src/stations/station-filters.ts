import {
  type NearestStation,
  normaliseStationFilter,
  type PlugType,
  type StationFilter,
  stationFilterQueryString,
  stationFilterShape,
  type VehicleView,
} from '@wattsup/contracts';
import { english, formatCount, formatOneDecimal, type Language, type Translate } from '../lib/i18n';

/** The minimum powers a driver picks from, in kW (each a power class of the hub's offer masks). */
export const POWER_CHOICES_KW = [7, 22, 50, 150] as const;

/** The plugs a driver filters on (OTHER says nothing a driver can plan with). */
export const FILTER_PLUGS: readonly PlugType[] = ['TYPE_2', 'CCS_COMBO', 'CHADEMO', 'DOMESTIC_EF'];

/** Where the map keeps the driver's filter between visits. */
export const FILTER_STORAGE_KEY = 'wattsup:station-filter';

/**
 * A filter from a query string (`minPowerKw=50&plug=CCS_COMBO`), each parameter checked with the
 * hub's own schema: one that is wrong (a hand-edited link) is dropped, the others kept.
 */
export function parseStationFilter(query: string): StationFilter {
  const params = new URLSearchParams(query);
  const filter: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(stationFilterShape)) {
    const raw = params.get(name);
    if (raw === null) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) filter[name] = parsed.data;
  }
  return normaliseStationFilter(filter as StationFilter);
}

/** The filter a map link carries (`#/stations/{id}?plug=TYPE_2`), or null when it has none. */
export function filterInHash(hash: string): StationFilter | null {
  const at = hash.indexOf('?');
  return at < 0 ? null : parseStationFilter(hash.slice(at + 1));
}

/** The map link with this filter in it, so that it can be shared (`#/?plug=TYPE_2`). */
export function hashWithFilter(hash: string, filter: StationFilter): string {
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  const query = stationFilterQueryString(filter);
  return `#${path}${query ? `?${query}` : ''}`;
}

/** How many criteria the filter holds (each plug counts once). */
export function filterCriteriaCount(filter: StationFilter): number {
  const { minPowerKw, plug, available, pmr, free, network } = normaliseStationFilter(filter);
  return (
    (minPowerKw ? 1 : 0) +
    (plug?.length ?? 0) +
    [available, pmr, free, network].filter(Boolean).length
  );
}

/** The filter kept in storage, or none; a filter written by an older app is read like a link. */
export function storedFilter(storage: Pick<Storage, 'getItem'>): StationFilter {
  return parseStationFilter(storage.getItem(FILTER_STORAGE_KEY) ?? '');
}

export function storeFilter(storage: Pick<Storage, 'setItem'>, filter: StationFilter): void {
  storage.setItem(FILTER_STORAGE_KEY, stationFilterQueryString(filter));
}

/** What "nearest available" looks for: the driver's car (its plugs), or the map's filter. */
export type NearestFor = { kind: 'filter' } | { kind: 'vehicle'; vehicle: VehicleView };

/**
 * The criteria of a nearest search, always "available now": a car's plugs (a car with none
 * recorded takes any plug) with the map's minimum power, or the map's whole filter.
 */
export function nearestCriteria(target: NearestFor, filter: StationFilter): StationFilter {
  if (target.kind === 'filter') return normaliseStationFilter({ ...filter, available: true });
  return normaliseStationFilter({
    minPowerKw: filter.minPowerKw,
    plug: target.vehicle.plugs,
    available: true,
  });
}

/** Results a driver can take in at a glance. */
export const NEAREST_RESULTS = 5;

/** The hub request for the nearest stations around a point that meet the criteria. */
export function nearestPath(
  [lon, lat]: readonly [number, number],
  criteria: StationFilter,
): string {
  const query = stationFilterQueryString(criteria);
  const place = `lat=${lat.toFixed(5)}&lon=${lon.toFixed(5)}&limit=${NEAREST_RESULTS}`;
  return `/stations/nearest?${place}${query ? `&${query}` : ''}`;
}

/** Kilometres under ten, always to one decimal (`2.0 km`). */
const decimalKm: Record<Language, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  fr: new Intl.NumberFormat('fr', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** `350 m`, `1.2 km`, `24 km`; `1,2 km` in French. */
export function formatDistance(metres: number, language: Language = 'en'): string {
  if (metres < 1000) return `${Math.round(metres / 10) * 10} m`;
  const km = metres / 1000;
  return km < 10
    ? `${decimalKm[language].format(km)} km`
    : `${formatCount(Math.round(km), language)} km`;
}

/**
 * One line of a nearest result: `1.2 km · 2/4 free · up to 150 kW` (or as `t` says it, numbers
 * written the way `language` writes them).
 */
export function nearestSummary(
  station: NearestStation,
  t: Translate = english,
  language: Language = 'en',
): string {
  const { available, total } = station.availability;
  return t('nearest.summary', {
    distance: formatDistance(station.distanceM, language),
    free: available,
    total,
    kw: formatOneDecimal(station.maxPowerKw, language),
  });
}
