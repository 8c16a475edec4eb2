import { describe, expect, it } from 'vitest';
import { boundsOf, fitMaxZoom, initialViewport, readableZoom } from './viewport';

describe('the first view of a flow', () => {
  it('shows a flow that fits whole, centred, never larger than the fit limit', () => {
    const small = { x: 0, y: 0, width: 240, height: 90 };
    const view = initialViewport(small, 800, 600);
    expect(view.zoom).toBe(fitMaxZoom);
    expect(view.x + 120 * view.zoom).toBeCloseTo(400);
    expect(view.y + 45 * view.zoom).toBeCloseTo(300);
  });

  it('keeps titles readable: a wide flow is shown from its top at the readable zoom', () => {
    // the bike-shop template: four columns of steps, three rows under the start
    const wide = boundsOf([
      { x: 390, y: 0, width: 240, height: 64 },
      { x: 0, y: 560, width: 240, height: 64 },
      { x: 780, y: 560, width: 240, height: 64 },
    ])!;
    expect(wide).toEqual({ x: 0, y: 0, width: 1020, height: 624 });
    const view = initialViewport(wide, 384, 520);
    expect(view.zoom).toBeCloseTo(readableZoom);
    // 14 px titles drawn at 12 px or more
    expect(14 * view.zoom).toBeGreaterThanOrEqual(12 - 1e-9);
    // the start step, at the top centre, is on screen
    const startLeft = view.x + 390 * view.zoom;
    expect(startLeft).toBeGreaterThanOrEqual(0);
    expect(startLeft + 240 * view.zoom).toBeLessThanOrEqual(384);
    expect(view.y).toBeGreaterThan(0);
    expect(view.y).toBeLessThan(60);
  });

  it('centres a flow that is only too wide, when its height fits at the readable zoom', () => {
    const row = { x: 0, y: 0, width: 2000, height: 100 };
    const view = initialViewport(row, 600, 500);
    expect(view.zoom).toBeCloseTo(readableZoom);
    expect(view.y + 50 * view.zoom).toBeCloseTo(250);
  });

  it('has no bounds without steps', () => {
    expect(boundsOf([])).toBeNull();
  });
});
