const FONT_PX = 12;
const PADDING_PX = 2;

/**
 * A cluster count drawn as an image, so the map needs no glyphs (fonts served as PBF tiles)
 * for the only text it shows: the bundled basemap works without any remote resource.
 */
export function renderCountImage(text: string, pixelRatio: number): ImageData {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D canvas to draw a cluster count');

  const font = `700 ${FONT_PX * pixelRatio}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  context.font = font;
  const padding = PADDING_PX * pixelRatio;
  canvas.width = Math.ceil(context.measureText(text).width + 2 * padding);
  canvas.height = Math.ceil((FONT_PX + 2 * PADDING_PX) * pixelRatio);

  // Resizing the canvas reset its state.
  context.font = font;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  context.lineWidth = 2 * pixelRatio;
  context.strokeStyle = 'rgba(0, 0, 0, 0.35)';
  context.fillStyle = '#ffffff';
  const x = canvas.width / 2;
  const y = canvas.height / 2;
  context.strokeText(text, x, y);
  context.fillText(text, x, y);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}
