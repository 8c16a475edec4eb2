/** Where the canvas first looks: the whole flow if it fits at a readable size, else its top at that size. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** A step's title is 14 px: below this zoom it would be drawn smaller than 12 px. */
export const readableZoom = 12 / 14;
/** Never larger than this when a small flow fits easily. */
export const fitMaxZoom = 1.1;
const padding = 0.15;
/** Room above the first steps when the flow is shown from its top. */
const topMargin = 32;

/** The smallest box holding every box. */
export function boundsOf(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The first view of a flow in a canvas of `width` × `height` pixels: the whole flow, centred, when it
 * fits at a zoom of at least `readableZoom`; otherwise that zoom, centred across and starting at the
 * flow's top (where its start steps are), so every title on screen stays readable.
 */
export function initialViewport(bounds: Box, width: number, height: number): Viewport {
  const fit = Math.min(
    width / (bounds.width * (1 + 2 * padding)),
    height / (bounds.height * (1 + 2 * padding)),
    fitMaxZoom,
  );
  const zoom = Math.max(fit, readableZoom);
  const x = width / 2 - (bounds.x + bounds.width / 2) * zoom;
  if (fit >= readableZoom) return { x, y: height / 2 - (bounds.y + bounds.height / 2) * zoom, zoom };
  const fitsDown = bounds.height * zoom + 2 * topMargin <= height;
  return {
    x,
    y: fitsDown ? height / 2 - (bounds.y + bounds.height / 2) * zoom : topMargin - bounds.y * zoom,
    zoom,
  };
}
