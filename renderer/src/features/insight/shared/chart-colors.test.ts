import { describe, expect, it } from 'vitest';
import { chartColors, seriesColors } from './chart-colors';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('the insight chart palette', () => {
  it('has lines and bars of at least 3:1 against white', () => {
    const { grid: _grid, ...drawn } = chartColors;
    for (const colour of [...Object.values(drawn), ...seriesColors]) {
      expect(contrastOnWhite(colour), colour).toBeGreaterThanOrEqual(3);
    }
  });
});
