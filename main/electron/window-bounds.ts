export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const defaultWindowSize = { width: 1280, height: 820 };
export const minimumWindowSize = { width: 960, height: 600 };
/** How much of the title bar must be on a screen for the saved position to be usable. */
const reachable = { width: 120, height: 40 };

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** A stored window state, or null when the stored value is missing or damaged. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as { bounds?: Partial<Rect>; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height))
    return null;
  if (width <= 0 || height <= 0) return null;
  return { bounds: { x, y, width, height }, maximized: maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window: the saved bounds when their title bar is still on one of the screens
 * (a monitor may have been unplugged since), shrunk to fit that screen; otherwise a centred default.
 */
export function initialBounds(
  saved: WindowState | null,
  workAreas: Rect[],
): Partial<Rect> & { width: number; height: number } {
  if (saved) {
    const titleBar = { ...saved.bounds, height: Math.min(saved.bounds.height, reachable.height) };
    const screen = workAreas.find((area) => {
      const shared = overlap(titleBar, area);
      return (
        shared.width >= Math.min(reachable.width, saved.bounds.width) &&
        shared.height >= Math.min(reachable.height, titleBar.height)
      );
    });
    if (screen) {
      return {
        x: Math.round(saved.bounds.x),
        y: Math.round(saved.bounds.y),
        width: Math.round(Math.min(Math.max(saved.bounds.width, minimumWindowSize.width), screen.width)),
        height: Math.round(Math.min(Math.max(saved.bounds.height, minimumWindowSize.height), screen.height)),
      };
    }
  }
  const primary = workAreas[0];
  return {
    width: primary ? Math.min(defaultWindowSize.width, primary.width) : defaultWindowSize.width,
    height: primary ? Math.min(defaultWindowSize.height, primary.height) : defaultWindowSize.height,
  };
}
