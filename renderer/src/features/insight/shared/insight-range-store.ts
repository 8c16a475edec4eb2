import { create } from 'zustand';

/** The section's range presets: the last N days (today included), or dates chosen by hand. */
export const rangePresets = ['7d', '30d', '90d', '180d', '365d'] as const;
export type RangePreset = (typeof rangePresets)[number] | 'custom';

export interface InsightRange {
  /** Inclusive, ms since the epoch. */
  from: number;
  /** Exclusive, ms since the epoch. */
  to: number;
}

export const dayMs = 86_400_000;

/** The number of days a preset covers. */
export function presetDays(preset: Exclude<RangePreset, 'custom'>): number {
  return Number(preset.slice(0, -1));
}

/** The start of the UTC day `ms` falls in (the core counts days in UTC). */
export function utcDayStart(ms: number): number {
  return Math.floor(ms / dayMs) * dayMs;
}

/** A preset's range: whole UTC days, the last of them today, `to` the start of tomorrow. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number): InsightRange {
  const to = utcDayStart(now) + dayMs;
  return { from: to - presetDays(preset) * dayMs, to };
}

/** The period of the same length just before `range` (for "compare to previous period"). */
export function previousRange(range: InsightRange): InsightRange {
  const length = range.to - range.from;
  return { from: range.from - length, to: range.from };
}

/** A hand-chosen range as whole UTC days: from the first day's start to the day after the last. */
export function customRange(from: number, to: number): InsightRange {
  const start = utcDayStart(Math.min(from, to));
  const end = utcDayStart(Math.max(from, to)) + dayMs;
  return { from: start, to: end };
}

interface InsightRangeState extends InsightRange {
  preset: RangePreset;
  compare: boolean;
  setPreset(preset: Exclude<RangePreset, 'custom'>): void;
  /** Dates chosen by hand (any time in the first and in the last day; `to` is that day's, inclusive). */
  setCustom(from: number, to: number): void;
  setCompare(compare: boolean): void;
}

/** One range for the whole Insight section: kept while moving between its views. */
export const useInsightRangeStore = create<InsightRangeState>()((set) => ({
  preset: '30d',
  ...presetRange('30d', Date.now()),
  compare: false,
  setPreset: (preset) => set({ preset, ...presetRange(preset, Date.now()) }),
  setCustom: (from, to) => set({ preset: 'custom', ...customRange(from, to) }),
  setCompare: (compare) => set({ compare }),
}));
