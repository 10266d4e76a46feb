import type { Map as MapLibreMap } from 'maplibre-gl';
import { createContext } from 'svelte';

/**
 * Handed by `MapLibreMap` to the map objects rendered inside it, once the style has loaded.
 * `removed` tells a child tearing down after the map itself that there is nothing left to undo.
 */
export interface MapContext {
  readonly map: MapLibreMap;
  readonly removed: boolean;
}

export const [getMapContext, setMapContext] = createContext<MapContext>();
