import { describe, expect, it } from 'vitest';
import { defaultWindowSize, initialBounds, parseWindowState } from './window-bounds';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('reads a stored state and rejects damaged ones', () => {
    expect(parseWindowState({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true })).toEqual(
      {
        bounds: { x: 10, y: 20, width: 1000, height: 700 },
        maximized: true,
      },
    );
    for (const damaged of [
      undefined,
      null,
      'big',
      {},
      { bounds: null },
      { bounds: { x: 0, y: 0, width: 100 } },
      { bounds: { x: 0, y: 0, width: -5, height: 100 } },
      { bounds: { x: Number.NaN, y: 0, width: 100, height: 100 } },
      { bounds: { x: '0', y: 0, width: 100, height: 100 } },
    ]) {
      expect(parseWindowState(damaged), JSON.stringify(damaged)).toBeNull();
    }
  });
});

describe('initialBounds', () => {
  it('reopens where the window was', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(initialBounds(saved, [laptop, rightMonitor])).toEqual(saved.bounds);
  });

  it('falls back to a default size when the monitor it was on is gone', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(initialBounds(saved, [laptop])).toEqual(defaultWindowSize);
  });

  it('refuses a position whose title bar is off screen', () => {
    const aboveTheScreen = { bounds: { x: 100, y: -500, width: 1200, height: 520 }, maximized: false };
    expect(initialBounds(aboveTheScreen, [laptop])).toEqual(defaultWindowSize);
  });

  it('shrinks a window larger than its screen and grows one below the minimum', () => {
    expect(
      initialBounds({ bounds: { x: 0, y: 0, width: 4000, height: 3000 }, maximized: false }, [laptop]),
    ).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040,
    });
    expect(
      initialBounds({ bounds: { x: 0, y: 0, width: 200, height: 100 }, maximized: false }, [laptop]),
    ).toEqual({
      x: 0,
      y: 0,
      width: 960,
      height: 600,
    });
  });

  it('fits the default into a small screen', () => {
    expect(initialBounds(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({
      width: 1024,
      height: 700,
    });
    expect(initialBounds(null, [])).toEqual(defaultWindowSize);
  });
});
