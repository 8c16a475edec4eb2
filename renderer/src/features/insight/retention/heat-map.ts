/**
 * The retention heat map's colours: a cell's share (0–100 %) from white to indigo, and its text in
 * whichever of dark slate or white reads better on it — at least 4.5:1 (WCAG 1.4.3) in every cell.
 */

type Rgb = readonly [number, number, number];

/**
 * Two runs with a step at 50 %: white → indigo-400 under half (dark text), indigo-600 → indigo-900
 * from half up (white text). A colour between them (luminance 0.18–0.21) would have neither text
 * at 4.5:1, so the scale jumps over that band.
 */
const runs: readonly { from: number; to: number; start: Rgb; end: Rgb }[] = [
  { from: 0, to: 0.2, start: [255, 255, 255], end: [224, 231, 255] }, // white → indigo-100
  { from: 0.2, to: 0.5, start: [224, 231, 255], end: [129, 140, 248] }, // → indigo-400
  { from: 0.5, to: 1, start: [79, 70, 229], end: [49, 46, 129] }, // indigo-600 → indigo-900
];

export const darkText = '#0f172a'; // slate-900
export const lightText = '#ffffff';

const hex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function parse(color: string): Rgb {
  const value = color.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance(color: string): number {
  const [r, g, b] = parse(color).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The background of a cell retaining `percent` (0–100; clamped). */
export function cellBackground(percent: number): string {
  const share = Math.max(0, Math.min(1, (Number.isFinite(percent) ? percent : 0) / 100));
  const run = runs.find((r) => share < r.to) ?? runs.at(-1)!;
  const t = (share - run.from) / (run.to - run.from);
  return hex(run.start.map((c, k) => c + (run.end[k]! - c) * t) as unknown as Rgb);
}

/** The text colour that reads best on `background`. */
export function cellText(background: string): string {
  return contrastRatio(background, darkText) >= contrastRatio(background, lightText) ? darkText : lightText;
}

/** A cell's colours. */
export function cellColors(percent: number): { background: string; color: string } {
  const background = cellBackground(percent);
  return { background, color: cellText(background) };
}

/** Retained ÷ size in percent (0 for an empty cohort). */
export function retainedPercent(retained: number, size: number): number {
  return size === 0 ? 0 : (retained / size) * 100;
}
