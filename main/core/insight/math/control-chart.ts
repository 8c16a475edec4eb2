import { controlChartRuleIds, controlChartRuleSets } from '../../../contract/methods/insight-math';
import { mean } from './capability';

/**
 * XmR (individuals and moving range) control chart with the Western Electric or the Nelson rules.
 *
 * Limits (Wheeler & Chambers, Understanding Statistical Process Control; Montgomery §6.4):
 * centre X̄, UCL/LCL = X̄ ± 2.66·MR̄, where MR̄ is the mean of |xᵢ − xᵢ₋₁| and 2.66 = 3/d₂ with
 * d₂ = 1.128 for ranges of two; the zones use σ̂ = MR̄/1.128. When the process is known, the
 * caller's `center` and `sigma` give the centre and limits centre ± 3σ. (A given centre without a
 * sigma keeps σ̂ = MR̄/1.128 and limits centre ± 2.66·MR̄; a given sigma without a centre uses X̄.)
 *
 * Conventions, tested in control-chart.test.ts:
 * - "Beyond" a line is strictly beyond it: a point exactly on a limit (or on a 1σ/2σ line) does
 *   not count as beyond it; a point exactly on the centre line is on neither side and ends a run.
 * - "Within 1σ" (Nelson 7) is |x − centre| ≤ σ, the complement of beyond.
 * - `index` is the 0-based index of the point that completes the pattern, the first time the rule
 *   fires; each rule is reported once (its first firing). Signals are ordered by index, then rule.
 *
 * Western Electric (Statistical Quality Control Handbook, 1956), zones on one side of the centre:
 *   we1: one point beyond 3σ;  we2: 2 of 3 successive points beyond 2σ on the same side;
 *   we3: 4 of 5 successive points beyond 1σ on the same side;  we4: 8 successive points on one side.
 * Nelson (1984), "The Shewhart Control Chart—Tests for Special Causes", Journal of Quality
 * Technology 16(4), 237–239:
 *   n1: one point beyond 3σ;  n2: 9 points in a row on the same side;
 *   n3: 6 points in a row steadily increasing or decreasing (5 rises or 5 falls in a row; an equal
 *       neighbour breaks the run);
 *   n4: 14 points in a row alternating up and down (13 successive differences of alternating sign);
 *   n5: 2 of 3 points beyond 2σ on the same side;  n6: 4 of 5 points beyond 1σ on the same side;
 *   n7: 15 points in a row within 1σ of the centre (either side);
 *   n8: 8 points in a row beyond 1σ, on either side (none within 1σ).
 */

// the rule sets and rule ids are the contract's (insight.controlChart): one list, imported here
export { controlChartRuleSets };
export type ControlChartRuleSet = (typeof controlChartRuleSets)[number];
export const controlChartRules = controlChartRuleIds;
export type ControlChartRule = (typeof controlChartRules)[number];

/** d₂ for moving ranges of two points, and 3/d₂ rounded as the charts print it. */
export const D2 = 1.128;
export const E2 = 2.66;

export interface ControlChartInput {
  values: readonly number[];
  rules: ControlChartRuleSet;
  center?: number;
  sigma?: number;
}

export interface ControlChartSignal {
  rule: ControlChartRule;
  index: number;
}

export interface ControlChartResult {
  center: number;
  ucl: number;
  lcl: number;
  /** The σ of the zones (the caller's, or MR̄/1.128). */
  sigma: number;
  /** MR̄, the mean moving range (null with fewer than two values). */
  movingRangeMean: number | null;
  signals: ControlChartSignal[];
}

export function movingRangeMean(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const ranges: number[] = [];
  for (let i = 1; i < values.length; i++) ranges.push(Math.abs(values[i]! - values[i - 1]!));
  return mean(ranges);
}

/** +1 above, −1 below, 0 on the centre line. */
const sideOf = (x: number, center: number) => (x > center ? 1 : x < center ? -1 : 0);

/** First index i where at least `need` of the last `of` points (ending at i) are beyond k·σ on one side. */
function firstOfWindow(
  values: readonly number[],
  center: number,
  sigma: number,
  k: number,
  need: number,
  of: number,
): number | null {
  for (let i = 0; i < values.length; i++) {
    let up = 0;
    let down = 0;
    for (let j = Math.max(0, i - of + 1); j <= i; j++) {
      const d = values[j]! - center;
      if (d > k * sigma) up++;
      else if (d < -k * sigma) down++;
    }
    if (up >= need || down >= need) return i;
  }
  return null;
}

/** First index where `length` points in a row satisfy `same(previous run, point)`. */
function firstRun(values: readonly number[], length: number, test: (i: number) => number): number | null {
  // test(i) gives a run key: 0 breaks the run, the same non-zero key in a row continues it
  let run = 0;
  let key = 0;
  for (let i = 0; i < values.length; i++) {
    const k = test(i);
    if (k === 0) {
      run = 0;
      key = 0;
    } else if (k === key) run++;
    else {
      key = k;
      run = 1;
    }
    if (run >= length) return i;
  }
  return null;
}

function beyondLimits(values: readonly number[], ucl: number, lcl: number): number | null {
  const i = values.findIndex((x) => x > ucl || x < lcl);
  return i < 0 ? null : i;
}

export function controlChart(input: ControlChartInput): ControlChartResult {
  const { values } = input;
  const mr = movingRangeMean(values);
  const center = input.center ?? mean(values);
  let sigma: number;
  let ucl: number;
  let lcl: number;
  if (input.sigma !== undefined) {
    sigma = input.sigma;
    ucl = center + 3 * sigma;
    lcl = center - 3 * sigma;
  } else {
    if (mr === null) throw new RangeError('a control chart without a known sigma needs at least two values');
    sigma = mr / D2;
    ucl = center + E2 * mr;
    lcl = center - E2 * mr;
  }

  const found: Array<[ControlChartRule, number | null]> = [];
  const side = (i: number) => sideOf(values[i]!, center);
  if (input.rules === 'western_electric') {
    found.push(['we1', beyondLimits(values, ucl, lcl)]);
    found.push(['we2', firstOfWindow(values, center, sigma, 2, 2, 3)]);
    found.push(['we3', firstOfWindow(values, center, sigma, 1, 4, 5)]);
    found.push(['we4', firstRun(values, 8, side)]);
  } else {
    const step = (i: number) => (i === 0 ? 0 : Math.sign(values[i]! - values[i - 1]!));
    found.push(['n1', beyondLimits(values, ucl, lcl)]);
    found.push(['n2', firstRun(values, 9, side)]);
    // 6 points steadily rising = 5 rises in a row (the run of steps ends at the 6th point)
    found.push(['n3', firstRun(values, 5, step)]);
    // 14 points alternating = 13 differences, each of the other sign than the one before:
    // the key flips every step, so compare each step with its predecessor instead
    found.push(['n4', firstAlternating(values, 13)]);
    found.push(['n5', firstOfWindow(values, center, sigma, 2, 2, 3)]);
    found.push(['n6', firstOfWindow(values, center, sigma, 1, 4, 5)]);
    found.push(['n7', firstRun(values, 15, (i) => (Math.abs(values[i]! - center) <= sigma ? 1 : 0))]);
    found.push(['n8', firstRun(values, 8, (i) => (Math.abs(values[i]! - center) > sigma ? 1 : 0))]);
  }
  const order = (rule: ControlChartRule) => controlChartRules.indexOf(rule);
  const signals = found
    .filter((entry): entry is [ControlChartRule, number] => entry[1] !== null)
    .map(([rule, index]) => ({ rule, index }))
    .sort((a, b) => a.index - b.index || order(a.rule) - order(b.rule));
  return { center, ucl, lcl, sigma, movingRangeMean: mr, signals };
}

/** First index completing `differences` successive non-zero differences that alternate in sign. */
function firstAlternating(values: readonly number[], differences: number): number | null {
  let run = 0;
  let previous = 0;
  for (let i = 1; i < values.length; i++) {
    const s = Math.sign(values[i]! - values[i - 1]!);
    if (s === 0) run = 0;
    else if (run > 0 && s === -previous) run++;
    else run = 1;
    previous = s;
    if (run >= differences) return i;
  }
  return null;
}
