// The colour arithmetic of the brand (white label): WCAG contrast and the primary scale.

type Rgb = [number, number, number];
const rgbOf = (hex: string): Rgb => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as Rgb;
const hexOf = (rgb: Rgb) =>
  `#${rgb
    .map((value) =>
      Math.round(Math.min(255, Math.max(0, value)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
const mix = (from: Rgb, to: Rgb, amount: number): Rgb =>
  from.map((value, i) => value + (to[i]! - value) * amount) as Rgb;

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = rgbOf(hex).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as Rgb;
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The primary scale (Tailwind's indigo-50…950, which the app's buttons, links and focus rings use)
 * made from one colour: it is the 600, lighter shades mix it with white, darker ones with black.
 * The brand's colour has at least 4.5:1 against white text (the core checks it), so the 600 and
 * every darker shade keep the app's contrast.
 */
export function primaryShades(hex: string): Record<string, string> {
  const base = rgbOf(hex);
  const white: Rgb = [255, 255, 255];
  const black: Rgb = [0, 0, 0];
  const lighter: [string, number][] = [
    ['50', 0.94],
    ['100', 0.87],
    ['200', 0.75],
    ['300', 0.58],
    ['400', 0.38],
    ['500', 0.18],
  ];
  const darker: [string, number][] = [
    ['700', 0.16],
    ['800', 0.32],
    ['900', 0.46],
    ['950', 0.62],
  ];
  return {
    ...Object.fromEntries(lighter.map(([shade, amount]) => [shade, hexOf(mix(base, white, amount))])),
    '600': hexOf(base),
    ...Object.fromEntries(darker.map(([shade, amount]) => [shade, hexOf(mix(base, black, amount))])),
  };
}
