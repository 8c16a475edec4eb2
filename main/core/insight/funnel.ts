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

import type Database from 'better-sqlite3';

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

/** A step index's "not reached" in the typed chain starts. */
const none = Number.NaN;

/**
 * Advances one actor's chains by one event. `start` holds, from `base` on, the latest start time of
 * a chain that has completed step k (NaN: none); `scratch` is `stepCount` numbers of room for
 * strict order. `steps` are the event's step indexes, descending (empty: an exclusion).
 */
function advance(
  start: Float64Array,
  base: number,
  scratch: Float64Array,
  steps: readonly number[],
  at: number,
  stepCount: number,
  windowMs: number,
  order: FunnelOrder,
): void {
  if (steps.length === 0) {
    // an exclusion: chains in progress end (a completed funnel stays completed)
    for (let k = 0; k < stepCount - 1; k++) start[base + k] = none;
    return;
  }
  if (order === 'strict') {
    scratch.fill(none);
    for (const k of steps) {
      if (k === 0) scratch[0] = at;
      else {
        const from = start[base + k - 1]!;
        if (from === from && at - from <= windowMs) scratch[k] = from;
      }
    }
    start.set(scratch, base);
  } else {
    // descending step order: one event advances a chain by one step only
    for (const k of steps) {
      if (k === 0) start[base] = at;
      else {
        const from = start[base + k - 1]!;
        const own = start[base + k]!;
        // (x === x is false for NaN only)
        if (from === from && at - from <= windowMs && (own !== own || from > own)) start[base + k] = from;
      }
    }
  }
}

/**
 * One actor's funnel. `events` are the actor's funnel events in order (`steps`: the step indexes the
 * event's name matches, descending as from stepIndex; empty for an exclusion).
 */
export function actorFunnel(
  events: readonly { steps: readonly number[]; at: number }[],
  stepCount: number,
  windowMs: number,
  order: FunnelOrder,
): ActorFunnel {
  const start = new Float64Array(stepCount).fill(none);
  const scratch = new Float64Array(stepCount);
  let level = 0;
  let convertMs: number | null = null;
  for (const event of events) {
    advance(start, 0, scratch, event.steps, event.at, stepCount, windowMs, order);
    for (const k of event.steps) {
      const from = start[k]!;
      if (from === from && k + 1 > level) {
        level = k + 1;
        if (level === stepCount && convertMs === null) convertMs = event.at - from;
      }
    }
    // nothing more to find for this actor
    if (level === stepCount) break;
  }
  return { level, convertMs };
}

export interface FunnelCounts {
  /** levels[l]: how many actors reached level l (and no further). */
  levels: number[];
  /** ms from first to last step of every actor who completed the funnel. */
  converts: number[];
  /** Per value of the breakdown property (when asked): its actors' levels as `levels`. */
  byValue: Map<string, number[]>;
}

/**
 * Reads the funnel's events of a tenant and counts each actor's level, all actors at once.
 *
 * One query per name (the steps' and the exclusions'), each answered from the covering index
 * insight_events_funnel (tenant_id, name, at, actor) — the rowid `seq` is part of every index entry —
 * so SQLite reads no table rows: EXPLAIN QUERY PLAN says `SEARCH insight_events USING COVERING INDEX
 * insight_events_funnel (tenant_id=? AND name=? AND at>? AND at<?)` and nothing else: ORDER BY
 * at, actor, seq is the index's own order, so there is no temporary B-tree (and the planner does not
 * take the (tenant_id, at) index instead, with or without ANALYZE). With a breakdown the props column
 * is read from the table too. The answers are merged into one stream in (at, seq) order (events of
 * equal time in the order stored, as each actor's events were sorted before), and every actor's chains advance in typed arrays as their events pass: no per-row
 * objects, no grouping, no sort in JavaScript.
 *
 * A chain must start within the range (an actor's events before their first step-1 event at or after
 * `from` and before `to` are skipped); it may end within the window after `to`.
 */
export function countFunnel(
  sqlite: Database.Database,
  tenantId: string,
  input: {
    steps: readonly string[];
    windowMs: number;
    order: FunnelOrder;
    exclude?: readonly string[];
    breakdown?: string;
  },
  range: { from: number; to: number },
): FunnelCounts {
  const { steps, windowMs, order } = input;
  const stepCount = steps.length;
  const index = stepIndex(steps);
  const exclude = new Set((input.exclude ?? []).filter((name) => !index.has(name)));
  const names = [...new Set([...steps, ...exclude])];
  const noSteps: number[] = [];
  const stepsOfName = names.map((name) => index.get(name) ?? noSteps);
  const withProps = input.breakdown !== undefined;
  const statement = sqlite
    .prepare<{ tenantId: string; name: string; from: number; until: number }>(
      `SELECT actor, at, seq${withProps ? ', props' : ''} FROM insight_events
        WHERE tenant_id = @tenantId AND name = @name AND at >= @from AND at < @until
        ORDER BY at, actor, seq`,
    )
    .raw(true);
  // an actor's chain may start before `to` and end within the window after it
  const streams = names.map(
    (name) =>
      statement.all({ tenantId, name, from: range.from, until: range.to + windowMs }) as [
        string,
        number,
        number,
        string?,
      ][],
  );
  let total = 0;
  for (const rows of streams) total += rows.length;

  // 1. merge the streams into (at, seq) order; actors become small integers. Rows of equal `at`
  // (from all streams) are put in `seq` order among themselves.
  const actorOf = new Int32Array(total);
  const nameOf = new Int32Array(total);
  const atOf = new Float64Array(total);
  const propsOf: (string | undefined)[] = withProps ? new Array<string | undefined>(total) : [];
  const ids = new Map<string, number>();
  const heads = new Int32Array(streams.length);
  const tie: { stream: number; row: [string, number, number, string?] }[] = [];
  const put = (e: number, stream: number, row: [string, number, number, string?]) => {
    let id = ids.get(row[0]);
    if (id === undefined) ids.set(row[0], (id = ids.size));
    actorOf[e] = id;
    nameOf[e] = stream;
    atOf[e] = row[1];
    if (withProps) propsOf[e] = row[3];
  };
  for (let e = 0; e < total;) {
    let best = -1;
    let bestAt = 0;
    let ties = 0;
    for (let s = 0; s < streams.length; s++) {
      const row = streams[s]![heads[s]!];
      if (row === undefined) continue;
      if (best === -1 || row[1] < bestAt) {
        best = s;
        bestAt = row[1];
        ties = 0;
      } else if (row[1] === bestAt) ties++;
    }
    const stream = streams[best]!;
    const next = stream[heads[best]! + 1];
    if (ties === 0 && (next === undefined || next[1] !== bestAt)) {
      // the common case: one row at this time
      put(e++, best, stream[heads[best]!++]!);
      continue;
    }
    tie.length = 0;
    for (let s = 0; s < streams.length; s++) {
      const rows = streams[s]!;
      while (heads[s]! < rows.length && rows[heads[s]!]![1] === bestAt)
        tie.push({ stream: s, row: rows[heads[s]!++]! });
    }
    tie.sort((x, y) => x.row[2] - y.row[2]);
    for (const { stream: s, row } of tie) put(e++, s, row);
  }

  // 2. every actor's chains, as their events pass
  const actors = ids.size;
  const start = new Float64Array(actors * stepCount).fill(none);
  const scratch = new Float64Array(stepCount);
  // 0: no chain started yet; 1: in the funnel; 2: completed (nothing more to find)
  const state = new Uint8Array(actors);
  const level = new Int32Array(actors);
  const convert = new Float64Array(actors).fill(none);
  const valueOf: (string | null)[] = withProps ? new Array<string | null>(actors).fill(null) : [];
  for (let e = 0; e < total; e++) {
    const a = actorOf[e]!;
    const at = atOf[e]!;
    const matched = stepsOfName[nameOf[e]!]!;
    if (state[a] === 2) continue;
    if (state[a] === 0) {
      // a chain must start within the range
      if (!matched.includes(0) || at >= range.to) continue;
      state[a] = 1;
      if (withProps) valueOf[a] = propertyText(propsOf[e], input.breakdown!);
    }
    const base = a * stepCount;
    advance(start, base, scratch, matched, at, stepCount, windowMs, order);
    for (const k of matched) {
      const from = start[base + k]!;
      if (from === from && k + 1 > level[a]!) {
        level[a] = k + 1;
        if (k + 1 === stepCount && convert[a] !== convert[a]) convert[a] = at - from;
      }
    }
    if (level[a] === stepCount) state[a] = 2;
  }

  const levels = new Array<number>(stepCount + 1).fill(0);
  const converts: number[] = [];
  const byValue = new Map<string, number[]>();
  for (let a = 0; a < actors; a++) {
    if (state[a] === 0) continue;
    levels[level[a]!]! += 1;
    if (convert[a] === convert[a]) converts.push(convert[a]!);
    if (withProps) {
      const key = valueOf[a] ?? '';
      const counts = byValue.get(key) ?? new Array<number>(stepCount + 1).fill(0);
      counts[level[a]!]! += 1;
      byValue.set(key, counts);
    }
  }
  return { levels, converts, byValue };
}

/** A property of an event's stored props as text (null when absent or unreadable). */
function propertyText(props: string | undefined | null, key: string): string | null {
  if (!props) return null;
  try {
    const value = (JSON.parse(props) as Record<string, unknown>)[key];
    return value === undefined || value === null ? null : String(value);
  } catch {
    return null;
  }
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
