import { describe, expect, it } from 'vitest';
import { cellBackground, cellColors, contrastRatio, darkText, lightText, retainedPercent } from './heat-map';

describe('retention heat map colours', () => {
  it('knows the WCAG contrast of black and white, and of slate-900 on white', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio(darkText, '#ffffff')).toBeGreaterThan(17);
  });

  it('runs from white at 0 % to indigo-900 at 100 %, darker as the share grows', () => {
    expect(cellBackground(0)).toBe('#ffffff');
    expect(cellBackground(100)).toBe('#312e81');
    expect(cellBackground(-5)).toBe('#ffffff');
    expect(cellBackground(250)).toBe('#312e81');
    expect(cellBackground(Number.NaN)).toBe('#ffffff');
    let last = Infinity;
    for (let p = 0; p <= 100; p += 5) {
      const light = contrastRatio(cellBackground(p), '#000000');
      expect(light).toBeLessThanOrEqual(last);
      last = light;
    }
  });

  it('gives every cell, 0–100 % in steps of 0.1, text with a contrast of at least 4.5:1', () => {
    let lowest = Infinity;
    for (let tenth = 0; tenth <= 1000; tenth++) {
      const { background, color } = cellColors(tenth / 10);
      lowest = Math.min(lowest, contrastRatio(background, color));
    }
    expect(lowest).toBeGreaterThanOrEqual(4.5);
    expect(cellColors(0).color).toBe(darkText);
    expect(cellColors(100).color).toBe(lightText);
  });

  it('is 0 % for an empty cohort', () => {
    expect(retainedPercent(3, 0)).toBe(0);
    expect(retainedPercent(1, 4)).toBe(25);
  });
});
