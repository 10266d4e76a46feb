const FONT_PX = 12;
const PADDING_PX = 2;

export interface LabelColors {
  fill: string;
  halo: string;
  haloPx: number;
}

/** White on a coloured circle, as cluster counts are. */
export const LABEL_ON_CIRCLE: LabelColors = {
  fill: '#ffffff',
  halo: 'rgba(0, 0, 0, 0.35)',
  haloPx: 2,
};
/** Dark with a white halo, readable on the basemap itself. */
export const LABEL_ON_BASEMAP: LabelColors = { fill: '#212529', halo: '#ffffff', haloPx: 4 };

/**
 * A short label (a cluster count, a vehicle's charge) drawn as an image, so the map needs no
 * glyphs (fonts served as PBF tiles) for the text it shows: the bundled basemap works without
 * any remote resource.
 */
export function renderLabelImage(
  text: string,
  pixelRatio: number,
  colors: LabelColors = LABEL_ON_CIRCLE,
): ImageData {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D canvas to draw a map label');

  const font = `700 ${FONT_PX * pixelRatio}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  context.font = font;
  // Wide enough for a halo of up to 2 × PADDING_PX.
  const padding = PADDING_PX * pixelRatio;
  canvas.width = Math.ceil(context.measureText(text).width + 2 * padding);
  canvas.height = Math.ceil((FONT_PX + 2 * PADDING_PX) * pixelRatio);

  // Resizing the canvas reset its state.
  context.font = font;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  context.lineWidth = colors.haloPx * pixelRatio;
  context.strokeStyle = colors.halo;
  context.fillStyle = colors.fill;
  const x = canvas.width / 2;
  const y = canvas.height / 2;
  context.strokeText(text, x, y);
  context.fillText(text, x, y);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}
