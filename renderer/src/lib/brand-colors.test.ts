import { describe, expect, it } from 'vitest';
import { contrastRatio, primaryShades } from './brand-colors';

/** Colours a platform admin may save (white text on them ≥ 4.5:1), from dark to just passing. */
function validColours(): string[] {
  const found: string[] = [];
  for (let r = 0; r < 256; r += 17)
    for (let g = 0; g < 256; g += 17)
      for (let b = 0; b < 256; b += 17) {
        const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
        if (contrastRatio(hex, '#ffffff') >= 4.5) found.push(hex);
      }
  return found;
}

describe('the primary scale made from a brand colour', () => {
  it('keeps the 600 as the brand colour and the scale from light to dark', () => {
    const shades = primaryShades('#0f766e');
    expect(shades['600']).toBe('#0f766e');
    const order = ['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'];
    const light = order.map((shade) => contrastRatio(shades[shade]!, '#ffffff'));
    for (let i = 1; i < light.length; i++) expect(light[i]).toBeGreaterThanOrEqual(light[i - 1]!);
  });

  it('keeps the pairs the app uses at WCAG AA for every colour the core accepts', () => {
    const colours = validColours();
    expect(colours.length).toBeGreaterThan(1000);
    const failures: string[] = [];
    for (const colour of colours) {
      const s = primaryShades(colour);
      const pairs: [string, string, string][] = [
        ['white on 600 (buttons)', '#ffffff', s['600']!],
        ['600 on white (links)', s['600']!, '#ffffff'],
        ['700 on 50 (selected rows, badges)', s['700']!, s['50']!],
        ['700 on 100', s['700']!, s['100']!],
        ['800 on 100', s['800']!, s['100']!],
        ['900 on 50', s['900']!, s['50']!],
      ];
      // icons (non-text: 3:1) in a tinted circle
      if (contrastRatio(s['600']!, s['50']!) < 3) failures.push(`${colour}: icon 600 on 50`);
      for (const [what, fg, bg] of pairs)
        if (contrastRatio(fg, bg) < 4.5)
          failures.push(`${colour}: ${what} ${contrastRatio(fg, bg).toFixed(2)}`);
    }
    expect(failures).toEqual([]);
  });
});
