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
  const where = `tenant_id = @tenantId AND name = @name AND at >= @from AND at < @until`;
  // an actor's chain may start before `to` and end within the window after it
  const params = (name: string) => ({ tenantId, name, from: range.from, until: range.to + windowMs });
  const ids = new Map<string, number>();
  const idOf = (actor: string) => {
    let id = ids.get(actor);
    if (id === undefined) ids.set(actor, (id = ids.size));
    return id;
  };
  let streams: Stream[];
  if (withProps) {
    const statement = sqlite
      .prepare(`SELECT actor, at, seq, props FROM insight_events WHERE ${where} ORDER BY at, actor, seq`)
      .raw(true);
    streams = names.map((name) => {
      const rows = statement.all(params(name)) as [string, number, number, string | null][];
      const stream = emptyStream(rows.length);
      stream.props = new Array<string | null>(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        stream.actor[r] = idOf(row[0]);
        stream.at[r] = row[1];
        stream.seq[r] = row[2];
        stream.props[r] = row[3];
      }
      return stream;
    });
  } else {
    // Each row crossing from SQLite into JavaScript costs about a microsecond, ten times what SQLite
    // needs to read it from the index: the rows of a name come as one text ("at,seq,length,actor"
    // per row, `length` in code points, so an actor may hold any character) and are parsed here.
    const statement = sqlite
      .prepare(
        `SELECT count(*), group_concat(at || ',' || seq || ',' || length(actor) || ',' || actor, '')
           FROM (SELECT actor, at, seq FROM insight_events WHERE ${where} ORDER BY at, actor, seq)`,
      )
      .raw(true);
    streams = names.map((name) => {
      const [count, text] = statement.get(params(name)) as [number, string | null];
      const stream = emptyStream(count);
      if (text === null) return stream;
      let p = 0;
      for (let r = 0; r < count; r++) {
        const at = numberAt(text, p);
        const seq = numberAt(text, (p = text.indexOf(',', p) + 1));
        const length = numberAt(text, (p = text.indexOf(',', p) + 1));
        p = text.indexOf(',', p) + 1;
        let end = p;
        for (let c = 0; c < length; c++) {
          const code = text.charCodeAt(end);
          end += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
        }
        stream.actor[r] = idOf(text.slice(p, end));
        stream.at[r] = at;
        stream.seq[r] = seq;
        p = end;
      }
      return stream;
    });
  }
  // each stream in time order (the query's order; checked, so nothing rests on group_concat's order)
  for (const stream of streams) sortByTime(stream);
  let total = 0;
  for (const stream of streams) total += stream.at.length;

  // 1. merge the streams into (at, seq) order. Rows of equal `at` (from all streams) are put in `seq`
  // order among themselves.
  const actorOf = new Int32Array(total);
  const nameOf = new Int32Array(total);
  const atOf = new Float64Array(total);
  const propsOf: (string | null)[] = withProps ? new Array<string | null>(total) : [];
  const heads = new Int32Array(streams.length);
  const tie: { stream: number; row: number }[] = [];
  const put = (e: number, s: number, r: number) => {
    const stream = streams[s]!;
    actorOf[e] = stream.actor[r]!;
    nameOf[e] = s;
    atOf[e] = stream.at[r]!;
    if (withProps) propsOf[e] = stream.props![r]!;
  };
  for (let e = 0; e < total;) {
    let best = -1;
    let bestAt = 0;
    let ties = 0;
    for (let s = 0; s < streams.length; s++) {
      const stream = streams[s]!;
      if (heads[s]! >= stream.at.length) continue;
      const at = stream.at[heads[s]!]!;
      if (best === -1 || at < bestAt) {
        best = s;
        bestAt = at;
        ties = 0;
      } else if (at === bestAt) ties++;
    }
    const stream = streams[best]!;
    const head = heads[best]!;
    if (ties === 0 && (head + 1 >= stream.at.length || stream.at[head + 1] !== bestAt)) {
      // the common case: one row at this time
      put(e++, best, head);
      heads[best] = head + 1;
      continue;
    }
    tie.length = 0;
    for (let s = 0; s < streams.length; s++) {
      const own = streams[s]!;
      while (heads[s]! < own.at.length && own.at[heads[s]!] === bestAt)
        tie.push({ stream: s, row: heads[s]!++ });
    }
    tie.sort((x, y) => streams[x.stream]!.seq[x.row]! - streams[y.stream]!.seq[y.row]!);
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

/** One name's events: actor ids, times and storage order, row by row. */
interface Stream {
  actor: Int32Array;
  at: Float64Array;
  seq: Float64Array;
  props?: (string | null)[];
}

function emptyStream(count: number): Stream {
  return { actor: new Int32Array(count), at: new Float64Array(count), seq: new Float64Array(count) };
}

/** The number written in `text` from `p` up to the next comma (digits are read fast; a sign, a fraction fall back to Number). */
function numberAt(text: string, p: number): number {
  let value = 0;
  let q = p;
  for (let code = text.charCodeAt(q); code >= 48 && code <= 57; code = text.charCodeAt(++q))
    value = value * 10 + code - 48;
  return text.charCodeAt(q) === 44 && q > p ? value : Number(text.slice(p, text.indexOf(',', p)));
}

/** Puts a stream in (at, seq) order if it is not (it comes from the query in that order by `at`). */
function sortByTime(stream: Stream): void {
  const { at, seq } = stream;
  let sorted = true;
  for (let r = 1; r < at.length && sorted; r++) sorted = at[r - 1]! <= at[r]!;
  if (sorted) return;
  const order = Array.from(at.keys()).sort((x, y) => at[x]! - at[y]! || seq[x]! - seq[y]!);
  const copy = (from: Int32Array | Float64Array) => order.map((r) => from[r]!);
  stream.actor = Int32Array.from(copy(stream.actor));
  stream.at = Float64Array.from(copy(at));
  stream.seq = Float64Array.from(copy(seq));
  if (stream.props) stream.props = order.map((r) => stream.props![r]!);
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
