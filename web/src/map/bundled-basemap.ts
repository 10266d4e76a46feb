import type { StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import worldAtlasUrl from 'world-atlas/countries-50m.json?url';

type WorldAtlas = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

const BASEMAP_COLORS = {
  sea: '#cfe2ee',
  land: '#f5f3ee',
  coastline: '#9db6c6',
  border: '#b8aea2',
};

/**
 * A basemap that needs nothing from outside the app: Natural Earth land and country borders
 * (1:50m, from `world-atlas`, shipped as an asset of the build). It has no text labels, so the
 * style needs no glyphs or sprites.
 */
export async function bundledBasemapStyle(): Promise<StyleSpecification> {
  const response = await fetch(worldAtlasUrl);
  if (!response.ok) throw new Error(`Bundled basemap: ${response.status} for ${worldAtlasUrl}`);
  const world = (await response.json()) as WorldAtlas;

  return {
    version: 8,
    name: 'Watts Up bundled basemap',
    sources: {
      land: {
        type: 'geojson',
        data: feature(world, world.objects.land),
        attribution: 'Natural Earth',
      },
      borders: {
        type: 'geojson',
        data: mesh(world, world.objects.countries, (a, b) => a !== b),
      },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': BASEMAP_COLORS.sea } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': BASEMAP_COLORS.land } },
      {
        id: 'coastline',
        type: 'line',
        source: 'land',
        paint: {
          'line-color': BASEMAP_COLORS.coastline,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.5, 8, 1.5],
        },
      },
      {
        id: 'country-borders',
        type: 'line',
        source: 'borders',
        paint: {
          'line-color': BASEMAP_COLORS.border,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.6, 8, 1.6],
          'line-dasharray': [3, 2],
        },
      },
    ],
  };
}
