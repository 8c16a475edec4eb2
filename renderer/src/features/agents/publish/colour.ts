/**
 * The business colour of a channel: WCAG 2 contrast, the text colour the widget draws on it (white or
 * black, as widget/src/colour.ts chooses), and whether the chat button stands out on a white page.
 */

type Rgb = [number, number, number];

export function parseHex(value: string): Rgb | null {
  const match = /^#([0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  const hex = match[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const white: Rgb = [255, 255, 255];
const black: Rgb = [0, 0, 0];

/** What the colour means for the widget; null for a colour that is not #rrggbb. */
export function colourAdvice(hex: string): {
  /** The widget's text on the colour. */
  text: '#ffffff' | '#000000';
  /** The contrast of that text on the colour (always at least 4.5 with white or black). */
  textContrast: number;
  /** The contrast of the chat button against a white page; below 3 it is hard to see (WCAG 1.4.11). */
  onWhite: number;
  lowOnWhite: boolean;
} | null {
  const rgb = parseHex(hex);
  if (!rgb) return null;
  const onWhiteText = contrast(white, rgb);
  const onBlackText = contrast(black, rgb);
  const text = onWhiteText >= onBlackText ? '#ffffff' : '#000000';
  return {
    text,
    textContrast: Math.max(onWhiteText, onBlackText),
    onWhite: onWhiteText,
    lowOnWhite: onWhiteText < 3,
  };
}
