/**
 * Window funnels, shaped like ClickHouse's `windowFunnel(window, mode)`:
 *
 * - Per actor, events are taken in time order (ties in the order they were stored). Only events
 *   whose name is one of the funnel's steps take part.
 * - A chain starts at any event of step 1. It advances to step k+1 with an event of step k+1 whose
 *   time is at most the chain's first event's time + window (inclusive, as ClickHouse's `<=`).
 * - The actor's level is the longest chain they ever completed; step k counts the actors whose level
 *   is at least k. Chains are kept per level with the latest start (a later start leaves more of the
 *   window for the steps after), which finds the longest chain as ClickHouse does.
 * - One event advances a chain by one step only: a name that is two steps of the funnel (A → B → A)
 *   needs two events.
 * - `loose` (the default): other events may come between the steps.
 * - `strict`: no other event of the funnel's steps may come between two consecutive steps of a chain.
 *   Each funnel event ends every chain it does not advance (a chain at step k needs the very next
 *   funnel event of that actor to be step k+1), except that an event of step 1 also starts a new
 *   chain. Events of names outside the funnel never break a chain. (ClickHouse's `strict_order` also
 *   lets non-funnel events break it; ours reads only the funnel's events.)
 * - Exclusions (optional): an event named in `exclude` ends every chain in progress that has not yet
 *   reached the last step (PostHog's "exclusion steps", between the first and the last step).
 * - Time to convert: for each actor reaching the last step, the time from their completing chain's
 *   first step to the last step (the first completion); the median over those actors.
 */

export type FunnelOrder = 'strict' | 'loose';

export interface FunnelOptions {
  steps: readonly string[];
  windowMs: number;
  order: FunnelOrder;
  exclude?: readonly string[];
}

export interface ActorFunnel {
  /** 0 = not in the funnel; n = completed n steps. */
  level: number;
  /** ms from the first to the last step, when the actor completed the funnel. */
  convertMs: number | null;
}

/** The step indexes of each name (a name may be more than one step), descending, so one event advances one step. */
export function stepIndex(steps: readonly string[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  steps.forEach((name, i) => {
    const list = index.get(name) ?? [];
    list.unshift(i);
    index.set(name, list);
  });
  return index;
}

/**
 * One actor's funnel. `names` and `times` are the actor's funnel events in order (name index: the
 * steps matched, -1 for an exclusion).
 */
export function actorFunnel(
  events: readonly { steps: readonly number[]; at: number }[],
  stepCount: number,
  windowMs: number,
  order: FunnelOrder,
): ActorFunnel {
  // start[k]: the latest start time of a chain that has completed step k (index k)
  const start: (number | undefined)[] = new Array<number | undefined>(stepCount).fill(undefined);
  let level = 0;
  let convertMs: number | null = null;
  for (const event of events) {
    if (event.steps.length === 0) {
      // an exclusion: chains in progress end (a completed funnel stays completed)
      for (let k = 0; k < stepCount - 1; k++) start[k] = undefined;
      continue;
    }
    if (order === 'strict') {
      const next: (number | undefined)[] = new Array<number | undefined>(stepCount).fill(undefined);
      for (const k of event.steps) {
        if (k === 0) next[0] = event.at;
        else {
          const from = start[k - 1];
          if (from !== undefined && event.at - from <= windowMs) next[k] = from;
        }
      }
      for (let k = 0; k < stepCount; k++) start[k] = next[k];
    } else {
      // descending step order: one event advances a chain by one step only
      for (const k of event.steps) {
        if (k === 0) start[0] = event.at;
        else {
          const from = start[k - 1];
          if (
            from !== undefined &&
            event.at - from <= windowMs &&
            (start[k] === undefined || from > start[k]!)
          )
            start[k] = from;
        }
      }
    }
    for (const k of event.steps) {
      if (start[k] !== undefined && k + 1 > level) {
        level = k + 1;
        if (level === stepCount && convertMs === null) convertMs = event.at - start[k]!;
      }
    }
    // nothing more to find for this actor
    if (level === stepCount) break;
  }
  return { level, convertMs };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
