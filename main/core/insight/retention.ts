/**
 * Cohort retention with Mixpanel's semantics (https://docs.mixpanel.com/reference/retention-query,
 * "Query Retention Report"; in the UI "First time" is `retention_type=birth`, "Recurring" is
 * `compounded`):
 *
 * - First time: an actor enters the cohort of the period (UTC day, week from Monday, or calendar
 *   month) in which they did the start event for the first time ever; that moment is their birth.
 * - Recurring: an actor enters the cohort of every period in which they did the start event; their
 *   birth in that cohort is their first start event within the period.
 * - Interval N of a cohort counts the actors who did the return event at least once in
 *   [birth + N units, birth + (N + 1) units): intervals run from each actor's own birth time, not
 *   from the calendar (Mixpanel: "each user gets 24 hours in each interval"; interval 0 is the first
 *   24 hours after the born event). A month unit is a calendar month after the birth time.
 * - Retention is not a funnel: an actor counts in every interval they came back in, whether or not
 *   they came back in the ones before (Mixpanel's example: 9, 7, 6 of 10 need not be subsets).
 * - The start event itself does not count as coming back (a return event at the birth instant is
 *   the same event).
 */

export type RetentionUnit = 'day' | 'week' | 'month';

const dayMs = 86_400_000;

export function periodStart(ms: number, unit: RetentionUnit): number {
  const day = ms - (((ms % dayMs) + dayMs) % dayMs);
  if (unit === 'day') return day;
  if (unit === 'week') {
    const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
    return day - weekday * dayMs;
  }
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The start of interval `n` after `birth`. */
export function intervalStart(birth: number, n: number, unit: RetentionUnit): number {
  if (unit === 'day') return birth + n * dayMs;
  if (unit === 'week') return birth + n * 7 * dayMs;
  const date = new Date(birth);
  return Date.UTC(
    date.getUTCFullYear(),
    date.getUTCMonth() + n,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
}

export interface Cohort {
  start: number;
  size: number;
  retained: number[];
}

/**
 * The matrix. `starts` and `returns`: each actor's start and return event times, ascending.
 * Cohorts whose period starts in [from, to) are answered, with `intervals` intervals each.
 */
export function retentionMatrix(
  starts: ReadonlyMap<string, readonly number[]>,
  returns: ReadonlyMap<string, readonly number[]>,
  options: {
    unit: RetentionUnit;
    mode: 'first_time' | 'recurring';
    intervals: number;
    from: number;
    to: number;
  },
): Cohort[] {
  const { unit, mode, intervals } = options;
  const cohorts = new Map<number, Cohort>();
  for (const [actor, times] of starts) {
    if (times.length === 0) continue;
    const births: number[] = [];
    if (mode === 'first_time') births.push(times[0]!);
    else {
      let last = Number.NEGATIVE_INFINITY;
      for (const at of times) {
        const period = periodStart(at, unit);
        if (period !== last) births.push(at);
        last = period;
      }
    }
    const back = returns.get(actor) ?? [];
    for (const birth of births) {
      if (birth < options.from || birth >= options.to) continue;
      const period = periodStart(birth, unit);
      let cohort = cohorts.get(period);
      if (!cohort)
        cohorts.set(
          period,
          (cohort = { start: period, size: 0, retained: new Array<number>(intervals).fill(0) }),
        );
      cohort.size += 1;
      // each interval once per actor
      let i = lowerBound(back, birth);
      for (let n = 0; n < intervals && i < back.length; n++) {
        const end = intervalStart(birth, n + 1, unit);
        let came = false;
        while (i < back.length && back[i]! < end) {
          if (back[i]! > birth) came = true;
          i++;
        }
        if (came) cohort.retained[n]! += 1;
      }
    }
  }
  return [...cohorts.values()].sort((a, b) => a.start - b.start);
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
