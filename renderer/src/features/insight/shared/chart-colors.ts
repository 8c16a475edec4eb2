/**
 * The Insight section's chart palette. Every colour has a contrast of at least 3:1 against white
 * (WCAG 1.4.11 for lines and bars); series are also told apart by the legend's text and, for the
 * previous period, by a dashed line — never by colour alone.
 */
export const chartColors = {
  /** The main series (this period). */
  primary: '#4f46e5', // indigo-600, 6.3:1
  /** The previous period, drawn dashed. */
  previous: '#64748b', // slate-500, 4.8:1
  secondary: '#0e7490', // cyan-700, 5.4:1
  positive: '#047857', // emerald-700, 5.5:1
  neutral: '#64748b', // slate-500, 4.8:1
  negative: '#dc2626', // red-600, 4.8:1
  warning: '#b45309', // amber-700, 5.0:1
  grid: '#e2e8f0',
  axis: '#64748b',
} as const;

/** Colours for categories in order (channels, languages …). */
export const seriesColors = ['#4f46e5', '#0e7490', '#b45309', '#be185d', '#047857', '#7c3aed', '#475569'];

/** The i-th category's colour (repeats after the palette's end). */
export function seriesColor(index: number): string {
  return seriesColors[index % seriesColors.length] ?? chartColors.primary;
}

/** The axis ticks' style. */
export const axisTick = { fontSize: 11, fill: chartColors.axis };
