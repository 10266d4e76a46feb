/** Room kept between a revealed point and the edges of what is in sight: its marker's size. */
export const REVEAL_MARGIN_PX = 24;

export interface RevealSituation {
  /** Where the position is drawn now, in pixels from the map's top left corner. */
  point: { x: number; y: number };
  /** The map's size in pixels. */
  width: number;
  height: number;
  /** How many pixels of the map's bottom a bottom sheet covers (0 for none). */
  coveredBottom: number;
  zoom: number;
  /** The zoom from which what sits at the position can be told apart. */
  minZoom: number;
}

/**
 * How to bring a position into sight: null when it is already there (in the part of the map no
 * sheet covers, at a zoom where it can be told apart), else the zoom and the `easeTo` offset
 * that put it in the middle of that uncovered part. An offset rather than `padding`, which
 * MapLibre would keep for every later move, long after the sheet has closed.
 */
export function revealMove({
  point,
  width,
  height,
  coveredBottom,
  zoom,
  minZoom,
}: RevealSituation): { zoom: number; offset: [x: number, y: number] } | null {
  const covered = Math.min(Math.max(coveredBottom, 0), height);
  const inSight =
    point.x >= REVEAL_MARGIN_PX &&
    point.x <= width - REVEAL_MARGIN_PX &&
    point.y >= REVEAL_MARGIN_PX &&
    point.y <= height - covered - REVEAL_MARGIN_PX;
  if (zoom >= minZoom && inSight) return null;
  // From the map's middle to the middle of its uncovered part.
  return { zoom: Math.max(zoom, minZoom), offset: [0, (height - covered) / 2 - height / 2] };
}
