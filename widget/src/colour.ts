/** Colour arithmetic for the business's colour: parse, WCAG contrast, a readable text colour on it. */

export type Rgb = [number, number, number];

/** `#rgb` or `#rrggbb` (case-insensitive) as 0–255 channels; anything else is null. */
export function parseHex(value: unknown): Rgb | null {
  if (typeof value !== 'string') return null;
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  let hex = match[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

export function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** WCAG 2 relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const white: Rgb = [255, 255, 255];
const black: Rgb = [0, 0, 0];

/** White or black, whichever reads better on `background`. */
export function textOn(background: Rgb): '#ffffff' | '#000000' {
  return contrast(white, background) >= contrast(black, background) ? '#ffffff' : '#000000';
}

/**
 * The colour itself when it reaches `ratio` against `against`, else the colour mixed with black (or
 * white, for a dark `against`) just enough to reach it: for a focus ring or an accent drawn on the
 * panel's background.
 */
export function withContrast(colour: Rgb, against: Rgb, ratio: number): Rgb {
  const towards = luminance(against) > 0.5 ? black : white;
  for (let step = 0; step <= 20; step++) {
    const t = step / 20;
    const mixed = colour.map((c, i) => Math.round(c + (towards[i]! - c) * t)) as Rgb;
    if (contrast(mixed, against) >= ratio) return mixed;
  }
  return towards;
}

/** The default when a channel has no usable colour: a calm blue. */
export const defaultColour: Rgb = [37, 99, 235];
