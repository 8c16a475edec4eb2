import type { MethodOutput } from '../../../contract';

type FunnelOutput = MethodOutput<'insight.funnel'>;

/** How a conversion window is written: a number of minutes, hours or days. */
export const windowUnits = ['minutes', 'hours', 'days'] as const;
export type WindowUnit = (typeof windowUnits)[number];
const unitSeconds: Record<WindowUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };
/** The longest window insight.funnel takes (366 days). */
export const maxWindowSeconds = 366 * 86_400;
/** insight.funnel takes up to 50 steps and 10 exclusions (no fixed limit in the builder below that). */
export const maxSteps = 50;
export const maxExclusions = 10;

export type FunnelOrder = 'strict' | 'loose';

/** The funnel being built: what the builder shows and what insight.funnel is asked. */
export interface FunnelDraft {
  steps: string[];
  windowValue: number;
  windowUnit: WindowUnit;
  order: FunnelOrder;
  exclude: string[];
  /** A property of the first step to break the funnel down by ('' = none). */
  breakdown: string;
}

/** A fresh tenant's funnel: a conversation started, a message in it, closed — within a day. */
export const defaultFunnel: FunnelDraft = {
  steps: ['conversation.started', 'conversation.message', 'conversation.closed'],
  windowValue: 1,
  windowUnit: 'days',
  order: 'loose',
  exclude: [],
  breakdown: '',
};

export function windowSecondsOf(draft: Pick<FunnelDraft, 'windowValue' | 'windowUnit'>): number {
  return Math.round(draft.windowValue * unitSeconds[draft.windowUnit]);
}

/** Moves the item at `index` by `by` places (clamped to the list); a new list. */
export function moveItem<T>(list: readonly T[], index: number, by: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, index + by));
  if (index < 0 || index >= list.length || target === index) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item!);
  return next;
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function replaceItem<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

/** The event name a new step starts with: the first known name not yet a step, else the last step's. */
export function nextStepName(steps: readonly string[], known: readonly string[]): string {
  return known.find((name) => !steps.includes(name)) ?? steps.at(-1) ?? known[0] ?? 'conversation.started';
}

export type DraftProblem = 'noSteps' | 'window' | 'tooManySteps' | 'tooManyExclusions' | 'excludedStep';

/** What keeps the draft from being asked (null when it can be). */
export function draftProblem(draft: FunnelDraft): DraftProblem | null {
  if (draft.steps.length === 0) return 'noSteps';
  if (draft.steps.length > maxSteps) return 'tooManySteps';
  if (draft.exclude.length > maxExclusions) return 'tooManyExclusions';
  const seconds = windowSecondsOf(draft);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > maxWindowSeconds) return 'window';
  if (draft.exclude.some((name) => draft.steps.includes(name))) return 'excludedStep';
  return null;
}

/** The insight.funnel input for a draft and a range. */
export function funnelInput(draft: FunnelDraft, range: { from: number; to: number }) {
  return {
    steps: draft.steps,
    windowSeconds: windowSecondsOf(draft),
    order: draft.order,
    from: range.from,
    to: range.to,
    ...(draft.exclude.length > 0 ? { exclude: draft.exclude } : {}),
    ...(draft.breakdown ? { breakdown: draft.breakdown } : {}),
  };
}

/** One step as the chart and its table show it. */
export interface FunnelRow {
  [key: string]: string | number | null;
  /** 1-based. */
  position: number;
  name: string;
  /** "1. conversation.started" (the chart's axis). */
  label: string;
  count: number;
  /** Share of the first step, 0–100. */
  conversion: number;
  /** Share of the step before that reached this one, 0–100 (100 for the first). */
  stepConversion: number;
  dropOff: number;
  /** Share of the step before that did not reach this one, 0–100. */
  dropOffPercent: number;
  previousCount: number | null;
  previousConversion: number | null;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : (part / whole) * 100);

/** The funnel's steps with conversion and drop-off in percent, beside the previous period's. */
export function funnelRows(current: FunnelOutput, previous?: FunnelOutput | null): FunnelRow[] {
  const first = current.steps[0]?.count ?? 0;
  const previousFirst = previous?.steps[0]?.count ?? 0;
  return current.steps.map((step, k) => {
    const before = k === 0 ? step.count : current.steps[k - 1]!.count;
    const dropOff = step.dropOff ?? (k === 0 ? 0 : before - step.count);
    const earlier = previous?.steps[k];
    return {
      position: k + 1,
      name: step.name,
      label: `${k + 1}. ${step.name}`,
      count: step.count,
      conversion: step.conversion !== undefined ? step.conversion * 100 : percent(step.count, first),
      stepConversion: k === 0 ? 100 : percent(step.count, before),
      dropOff,
      dropOffPercent: k === 0 ? 0 : percent(dropOff, before),
      previousCount: earlier ? earlier.count : null,
      previousConversion: earlier ? percent(earlier.count, previousFirst) : null,
    };
  });
}

/** The whole funnel's conversion (last step ÷ first), 0–100; null without a first step. */
export function overallConversion(output: FunnelOutput | null | undefined): number | null {
  if (!output || output.steps.length === 0) return null;
  const first = output.steps[0]!.count;
  if (first === 0) return null;
  return percent(output.steps.at(-1)!.count, first);
}

/** One value of the breakdown: actors per step, and the whole funnel's conversion (0–100). */
export interface BreakdownRow {
  [key: string]: string | number;
  value: string;
  conversion: number;
}

export function breakdownRows(output: FunnelOutput): BreakdownRow[] {
  return (output.breakdown ?? []).map((entry) => {
    const row: BreakdownRow = { value: entry.value, conversion: 0 };
    entry.steps.forEach((step, k) => (row[`step${k}`] = step.count));
    const first = entry.steps[0]?.count ?? 0;
    row.conversion = percent(entry.steps.at(-1)?.count ?? 0, first);
    return row;
  });
}

/** Seconds as the largest whole units that say them: [value, unit] ("2 h", "3 d", "45 s"). */
export function durationParts(seconds: number): { value: number; unit: 'seconds' | WindowUnit } {
  if (seconds < 60) return { value: Math.round(seconds), unit: 'seconds' };
  if (seconds < 3600) return { value: Math.round(seconds / 60), unit: 'minutes' };
  if (seconds < 86_400) return { value: Math.round((seconds / 3600) * 10) / 10, unit: 'hours' };
  return { value: Math.round((seconds / 86_400) * 10) / 10, unit: 'days' };
}

/** A draft read back from storage: anything unreadable falls back to the default funnel's part. */
export function readDraft(value: unknown): FunnelDraft {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<keyof FunnelDraft, unknown>
  >;
  const names = (list: unknown) =>
    Array.isArray(list)
      ? list.filter((item): item is string => typeof item === 'string' && item.length > 0)
      : null;
  const steps = names(raw.steps);
  const exclude = names(raw.exclude);
  return {
    steps: steps && steps.length > 0 ? steps.slice(0, maxSteps) : defaultFunnel.steps,
    windowValue:
      typeof raw.windowValue === 'number' && raw.windowValue > 0
        ? raw.windowValue
        : defaultFunnel.windowValue,
    windowUnit: windowUnits.includes(raw.windowUnit as WindowUnit)
      ? (raw.windowUnit as WindowUnit)
      : defaultFunnel.windowUnit,
    order: raw.order === 'strict' ? 'strict' : 'loose',
    exclude: exclude ? exclude.slice(0, maxExclusions) : [],
    breakdown: typeof raw.breakdown === 'string' ? raw.breakdown : '',
  };
}
