import type { Map as MapLibreMap } from 'maplibre-gl';

/** Shows a pointer over the features of a clickable layer; returns the function that stops it. */
export function showPointerOver(map: MapLibreMap, layerId: string): () => void {
  const canvas = map.getCanvas();
  const enter = map.on('mouseenter', layerId, () => (canvas.style.cursor = 'pointer'));
  const leave = map.on('mouseleave', layerId, () => (canvas.style.cursor = ''));
  return () => {
    enter.unsubscribe();
    leave.unsubscribe();
  };
}
