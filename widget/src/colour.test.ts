import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrast, parseHex, textOn, toHex, withContrast, type Rgb } from './colour';

const white: Rgb = [255, 255, 255];
const black: Rgb = [0, 0, 0];
const rgb = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)) as fc.Arbitrary<Rgb>;

describe('the business colour', () => {
  it('parses #rgb and #rrggbb and refuses anything else', () => {
    expect(parseHex('#1E90ff')).toEqual([30, 144, 255]);
    expect(parseHex(' #f80 ')).toEqual([255, 136, 0]);
    for (const bad of ['1e90ff', '#12345', '#ggg', 'red', 'rgb(1,2,3)', '', null, 42, undefined])
      expect(parseHex(bad)).toBeNull();
    expect(toHex([30, 144, 255])).toBe('#1e90ff');
  });

  it('measures contrast as WCAG 2 does', () => {
    expect(contrast(white, black)).toBeCloseTo(21, 5);
    expect(contrast(white, white)).toBe(1);
    // #767676 is the lightest grey that passes AA on white
    expect(contrast(parseHex('#767676')!, white)).toBeCloseTo(4.54, 2);
  });

  it('writes black on light colours and white on dark ones', () => {
    expect(textOn(parseHex('#ffd700')!)).toBe('#000000'); // gold
    expect(textOn(parseHex('#7fffd4')!)).toBe('#000000'); // aquamarine
    expect(textOn(parseHex('#1e3a8a')!)).toBe('#ffffff'); // navy
    expect(textOn(parseHex('#b91c1c')!)).toBe('#ffffff'); // dark red
    expect(textOn(parseHex('#2563eb')!)).toBe('#ffffff'); // the default blue
  });

  it('always picks a text colour that reads at AA (4.5:1) on any background', () => {
    fc.assert(
      fc.property(rgb, (background) => {
        expect(contrast(parseHex(textOn(background))!, background)).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });

  it('darkens a colour just enough to show on white, and keeps one that already does', () => {
    const navy = parseHex('#1e3a8a')!;
    expect(withContrast(navy, white, 3)).toEqual(navy);
    const yellow = parseHex('#ffeb3b')!;
    const ring = withContrast(yellow, white, 3);
    expect(contrast(ring, white)).toBeGreaterThanOrEqual(3);
    expect(contrast(ring, white)).toBeLessThan(4.5);
    fc.assert(
      fc.property(rgb, (colour) => {
        expect(contrast(withContrast(colour, white, 3), white)).toBeGreaterThanOrEqual(3);
        expect(contrast(withContrast(colour, black, 3), black)).toBeGreaterThanOrEqual(3);
      }),
    );
  });
});
