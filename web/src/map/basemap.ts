import type { StyleSpecification } from 'maplibre-gl';
import { bundledBasemapStyle } from './bundled-basemap';

export type BasemapKind = 'configured' | 'bundled';

export interface Basemap {
  kind: BasemapKind;
  style: StyleSpecification | string;
}

const STYLE_CHECK_TIMEOUT_MS = 5000;

async function isReachableStyle(styleUrl: string): Promise<boolean> {
  try {
    const response = await fetch(styleUrl, { signal: AbortSignal.timeout(STYLE_CHECK_TIMEOUT_MS) });
    if (!response.ok) return false;
    const style = (await response.json()) as Partial<StyleSpecification>;
    return style.version === 8 && Array.isArray(style.layers);
  } catch {
    return false;
  }
}

/**
 * The configured basemap style when it answers with a style, else the bundled one, so that the
 * map never goes blank offline. The check happens before the map exists: swapping styles later
 * would drop the station layers.
 */
export async function resolveBasemap(configuredStyleUrl: string | undefined): Promise<Basemap> {
  if (configuredStyleUrl) {
    if (await isReachableStyle(configuredStyleUrl)) {
      return { kind: 'configured', style: configuredStyleUrl };
    }
    console.warn(`Basemap ${configuredStyleUrl} did not load; using the bundled basemap.`);
  }
  return { kind: 'bundled', style: await bundledBasemapStyle() };
}
