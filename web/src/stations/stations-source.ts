import { type StationFilter, stationFilterQueryString } from '@wattsup/contracts';
import type { ExpressionSpecification } from 'maplibre-gl';

/** Id of the MapLibre source holding the stations, shared by the layers that draw them. */
export const STATIONS_SOURCE_ID = 'stations';

/** Tile layers of `/tiles/stations`: grid clusters at low zoom, one point per station above. */
export const CLUSTERS_SOURCE_LAYER = 'clusters';
export const STATIONS_SOURCE_LAYER = 'stations';

/** Up to this zoom, the hub's tiles hold clusters (`TILE_CLUSTER_MAX_ZOOM`). */
export const STATIONS_CLUSTER_MAX_ZOOM = 10;

/** Tiles are fetched up to this zoom and stretched beyond (a point per station already). */
export const STATIONS_TILES_MAX_ZOOM = 14;

/**
 * The tile URL template of the stations that match the filter; absolute, since MapLibre fetches
 * tiles in workers. Equal filters give one URL, so the browser and the hub cache them once.
 */
export function stationTilesUrl(origin: string, filter: StationFilter = {}): string {
  const query = stationFilterQueryString(filter);
  return `${origin.replace(/\/$/, '')}/tiles/stations/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`;
}

/**
 * A count as a short label (`7`, `1.2k`, `15k`), as a MapLibre expression over a number: it
 * names the count image drawn for it.
 */
export function countLabelExpression(count: ExpressionSpecification): ExpressionSpecification {
  return [
    'case',
    ['>=', count, 10000],
    ['concat', ['to-string', ['round', ['/', count, 1000]]], 'k'],
    ['>=', count, 1000],
    ['concat', ['to-string', ['/', ['round', ['/', count, 100]], 10]], 'k'],
    ['to-string', count],
  ];
}

/** The zoom to ease to when a cluster is clicked: closer, and at most to where stations show. */
export function clusterClickZoom(zoom: number): number {
  return Math.max(zoom + 1, Math.min(zoom + 2, STATIONS_CLUSTER_MAX_ZOOM + 1));
}
