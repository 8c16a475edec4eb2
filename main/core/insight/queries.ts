import type Database from 'better-sqlite3';
import type { FunnelOutput } from '../../contract/methods/insight';
import { rollupPlans } from './dimensions';
import { countFunnel, median, type FunnelOrder } from './funnel';

const hourMs = 3_600_000;
const dayMs = 86_400_000;

export interface Range {
  from: number;
  to: number;
}

interface Figures {
  conversations: number;
  handoffs: number;
  containment: number | null;
  handoffRate: number | null;
  firstResponseSeconds: number | null;
  firstResponses: number;
  ratingsUp: number;
  ratingsDown: number;
}

/** The names the conversations dashboard reads (rollups only). */
const conversationNames = [
  'conversation.started',
  'conversation.handoff',
  'conversation.rated',
  'conversation.message',
  'ticket.first_response',
];

const floorDay = (ms: number) => ms - (((ms % dayMs) + dayMs) % dayMs);
const floorHour = (ms: number) => ms - (((ms % hourMs) + hourMs) % hourMs);

/**
 * What the insight dashboards read. Dashboards read the hourly rollups and the actors' days (kept at
 * ingest), never the raw events; the funnel reads raw events of its steps (its answer depends on each
 * actor's order of events) from the covering (tenant, name, at, actor) index (see countFunnel).
 */
export class InsightQueries {
  private readonly statements;
  /** tenant → day → that day's conversation sums (see conversationRows). */
  private readonly dayCache = new Map<string, Map<number, DayRow[]>>();

  constructor(private readonly sqlite: Database.Database) {
    const s = sqlite;
    this.statements = {
      conversationRows: s.prepare<{ tenantId: string; from: number; to: number }, DayRow>(
        `SELECT (hour / ${dayMs}) * ${dayMs} AS day, name, dim, value, sum(count) AS count, sum(total) AS total
           FROM insight_rollups
          WHERE tenant_id = @tenantId AND name IN (${conversationNames.map((n) => `'${n}'`).join(', ')})
            AND hour >= @from AND hour < @to
          GROUP BY day, name, dim, value`,
      ),
      namesInRange: s.prepare<
        { tenantId: string; from: number; to: number; dim: string },
        { key: string; count: number }
      >(
        `SELECT name AS key, sum(count) AS count FROM insight_rollups
          WHERE tenant_id = @tenantId AND dim = @dim AND hour >= @from AND hour < @to
          GROUP BY name ORDER BY count DESC, name LIMIT 50`,
      ),
      valuesOf: s.prepare<
        { tenantId: string; from: number; to: number; name: string; dim: string },
        { key: string; count: number }
      >(
        `SELECT value AS key, sum(count) AS count FROM insight_rollups
          WHERE tenant_id = @tenantId AND name = @name AND dim = @dim AND hour >= @from AND hour < @to
          GROUP BY value ORDER BY count DESC, value LIMIT 50`,
      ),
      dau: s.prepare<{ tenantId: string; from: number; to: number }, { day: number; dau: number }>(
        `SELECT day, count(*) AS dau FROM insight_actor_days
          WHERE tenant_id = @tenantId AND day >= @from AND day < @to GROUP BY day ORDER BY day`,
      ),
      distinctActors: s.prepare<{ tenantId: string; from: number; to: number }, { n: number }>(
        `SELECT count(DISTINCT actor) AS n FROM insight_actor_days
          WHERE tenant_id = @tenantId AND day >= @from AND day < @to`,
      ),
      actorDays: s.prepare<{ tenantId: string; from: number; to: number }, { actor: string; day: number }>(
        `SELECT actor, day FROM insight_actor_days WHERE tenant_id = @tenantId AND day >= @from AND day < @to`,
      ),
    };
  }

  // ── funnel ────────────────────────────────────────────────────────────────────────────────────

  funnel(
    tenantId: string,
    input: { steps: string[]; windowMs: number; order: FunnelOrder; exclude?: string[]; breakdown?: string },
    range: Range,
  ): FunnelOutput {
    const { steps } = input;
    const withProps = input.breakdown !== undefined;
    const { levels, converts, byValue } = countFunnel(this.sqlite, tenantId, input, range);
    const atLeast = cumulative(levels);
    const first = atLeast[0] ?? 0;
    const out: FunnelOutput = {
      steps: steps.map((name, k) => ({
        name,
        count: atLeast[k]!,
        conversion: first === 0 ? 0 : atLeast[k]! / first,
        dropOff: k === 0 ? 0 : atLeast[k - 1]! - atLeast[k]!,
      })),
      medianSecondsToConvert: ((m) => (m === null ? null : m / 1000))(median(converts)),
    };
    if (withProps) {
      out.breakdown = [...byValue.entries()]
        .map(([value, counts]) => ({ value, atLeast: cumulative(counts) }))
        .sort((a, b) => b.atLeast[0]! - a.atLeast[0]! || a.value.localeCompare(b.value))
        .slice(0, 20)
        .map(({ value, atLeast: reached }) => ({
          value,
          steps: steps.map((name, k) => ({ name, count: reached[k]! })),
        }));
    }
    return out;
  }

  // ── usage ─────────────────────────────────────────────────────────────────────────────────────

  usage(tenantId: string, range: Range) {
    const { statements: st } = this;
    const lastDay = floorDay(range.to - 1);
    const days = st.dau.all({ tenantId, from: floorDay(range.from), to: range.to });
    const dau = days.find((d) => d.day === lastDay)?.dau ?? 0;
    const wau = st.distinctActors.get({ tenantId, from: lastDay - 6 * dayMs, to: lastDay + dayMs })!.n;
    const mau = st.distinctActors.get({ tenantId, from: lastDay - 29 * dayMs, to: lastDay + dayMs })!.n;
    const last30 = st.dau.all({ tenantId, from: lastDay - 29 * dayMs, to: lastDay + dayMs });
    const averageDau = last30.reduce((sum, d) => sum + d.dau, 0) / 30;
    const hours = { tenantId, from: floorHour(range.from), to: range.to };
    return {
      from: range.from,
      to: range.to,
      days,
      dau,
      wau,
      mau,
      stickiness: mau === 0 ? 0 : averageDau / mau,
      features: st.namesInRange.all({ ...hours, dim: '' }),
      agents: st.valuesOf.all({ ...hours, name: 'run.finished', dim: 'agent' }),
    };
  }

  // ── conversations ─────────────────────────────────────────────────────────────────────────────

  /**
   * The conversations dashboard, from the hourly rollups alone (whatever the range). With a channel
   * and/or language, the days and intents are for it — read from the rollup dimension of that
   * channel, language or pair (`channel+language`, `channel+sentiment` …) when the event's plan
   * keeps it (dimensions.ts); a part whose dimension is not kept counts everything and is named in
   * `unfiltered`. The totals and the per channel / language breakdowns are always whole.
   */
  conversations(tenantId: string, range: Range, filter: ConversationsFilter = {}) {
    const rows = this.conversationRows(tenantId, range);
    const scope = filterScope(filter);
    const total = emptyAcc();
    const byChannel = new Map<string, Acc>();
    const byLanguage = new Map<string, Acc>();
    const byPair = new Map<string, Acc>();
    const intents = new Map<string, number>();
    const accOf = (groups: Map<string, Acc>, key: string) => {
      let acc = groups.get(key);
      if (!acc) groups.set(key, (acc = emptyAcc()));
      return acc;
    };
    const days = new Map<
      number,
      {
        day: number;
        conversations: number;
        handoffs: number;
        positive: number;
        neutral: number;
        negative: number;
      }
    >();
    const dayOf = (day: number) => {
      let entry = days.get(day);
      if (!entry)
        days.set(day, (entry = { day, conversations: 0, handoffs: 0, positive: 0, neutral: 0, negative: 0 }));
      return entry;
    };
    for (const { day, name, dim, value, count, total: sum } of rows) {
      if (scope) {
        // the filtered days and intents; the rows below still make the whole totals
        if (dim === scope.volumeDim && value === scope.value) {
          if (name === 'conversation.started') dayOf(day).conversations += count;
          else if (name === 'conversation.handoff') dayOf(day).handoffs += count;
        } else if (name === 'conversation.message' && value.startsWith(scope.prefix)) {
          const rest = value.slice(scope.prefix.length);
          if (dim === scope.sentimentDim) addSentiment(dayOf(day), rest, count);
          else if (dim === scope.intentDim) intents.set(rest, (intents.get(rest) ?? 0) + count);
        }
      }
      const volumeDays = !scope || scope.unfiltered.includes('conversations');
      const sentimentDays = !scope || scope.unfiltered.includes('sentiment');
      const allIntents = !scope || scope.unfiltered.includes('intents');
      switch (dim) {
        case '':
          add(total, name, count, sum, null);
          if (!volumeDays) break;
          if (name === 'conversation.started') dayOf(day).conversations += count;
          else if (name === 'conversation.handoff') dayOf(day).handoffs += count;
          break;
        case 'rating':
          if (name === 'conversation.rated') add(total, name, count, 0, value);
          break;
        case 'channel':
          add(accOf(byChannel, value), name, count, sum, null);
          break;
        case 'language':
          add(accOf(byLanguage, value), name, count, sum, null);
          break;
        case 'channel+language':
          add(accOf(byPair, value), name, count, sum, null);
          break;
        case 'channel+rating':
        case 'language+rating': {
          // ratings per channel and per language come from their pairs with the rating
          const [key = '', rating = ''] = value.split('|');
          add(accOf(dim === 'channel+rating' ? byChannel : byLanguage, key), name, count, 0, rating);
          break;
        }
        case 'sentiment':
          if (name === 'conversation.message' && sentimentDays) addSentiment(dayOf(day), value, count);
          break;
        case 'intent':
          if (name === 'conversation.message' && allIntents)
            intents.set(value, (intents.get(value) ?? 0) + count);
          break;
        default:
      }
    }
    return {
      from: range.from,
      to: range.to,
      totals: figures(total),
      byChannel: [...byChannel].map(([channel, acc]) => ({ channel, ...figures(acc) })),
      byLanguage: [...byLanguage].map(([language, acc]) => ({ language, ...figures(acc) })),
      byChannelLanguage: [...byPair].map(([pair, acc]) => {
        const [channel = '', language = ''] = pair.split('|');
        return { channel, language, ...figures(acc) };
      }),
      days: [...days.values()].sort((a, b) => a.day - b.day),
      intents: [...intents]
        .map(([key, count]) => ({ key, count }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
        .slice(0, 20),
      ...(scope ? { unfiltered: scope.unfiltered } : {}),
    };
  }

  /**
   * The conversation rollups of a range, summed per day (UTC), name, dimension and value. Whole days
   * come from a cache of each day's sums (a 90-day dashboard reads 90 small day summaries, not the
   * ~2,000 hours' rows), filled from the hourly rollups the first time a day is asked for and dropped
   * when the tracker writes an event of that day (`forgetDays`). The hours at either end of the
   * range that do not fill a day are read from the hourly rollups every time.
   */
  private conversationRows(tenantId: string, range: Range): DayRow[] {
    const from = floorHour(range.from);
    const to = range.to;
    const firstDay = floorDay(from) === from ? from : floorDay(from) + dayMs;
    const lastDay = floorDay(to);
    const out: DayRow[] = [];
    if (firstDay >= lastDay) {
      out.push(...this.statements.conversationRows.all({ tenantId, from, to }));
      return out;
    }
    if (from < firstDay) out.push(...this.statements.conversationRows.all({ tenantId, from, to: firstDay }));
    if (lastDay < to) out.push(...this.statements.conversationRows.all({ tenantId, from: lastDay, to }));
    let cached = this.dayCache.get(tenantId);
    if (!cached) {
      if (this.dayCache.size >= 500) this.dayCache.delete(this.dayCache.keys().next().value!);
      this.dayCache.set(tenantId, (cached = new Map()));
    }
    // the missing days in as few reads as possible (runs of consecutive days)
    let runStart: number | null = null;
    const fill = (start: number, end: number) => {
      const fresh = new Map<number, DayRow[]>();
      for (let day = start; day < end; day += dayMs) fresh.set(day, []);
      for (const row of this.statements.conversationRows.all({ tenantId, from: start, to: end }))
        fresh.get(row.day)?.push(row);
      for (const [day, list] of fresh) cached.set(day, list);
    };
    for (let day = firstDay; day < lastDay; day += dayMs) {
      if (cached.has(day)) {
        if (runStart !== null) fill(runStart, day);
        runStart = null;
      } else runStart ??= day;
    }
    if (runStart !== null) fill(runStart, lastDay);
    for (let day = firstDay; day < lastDay; day += dayMs) out.push(...cached.get(day)!);
    return out;
  }

  /** The tracker wrote events of these days: their cached sums are stale. */
  forgetDays(tenantId: string, days: Iterable<number>): void {
    const cached = this.dayCache.get(tenantId);
    if (!cached) return;
    for (const day of days) cached.delete(day);
  }

  /** Every cached day (the data may be replaced: a restore pauses the services). */
  forgetAll(): void {
    this.dayCache.clear();
  }

  // ── retention ─────────────────────────────────────────────────────────────────────────────────

  /**
   * A cohort retention matrix with Mixpanel's semantics (see retention.ts): read from the raw
   * events when a start or return event is named, else from the actors' days.
   */
  activity(
    tenantId: string,
    names: { start?: string; return?: string },
    range: Range,
  ): { starts: Map<string, number[]>; returns: Map<string, number[]> } {
    const starts = new Map<string, number[]>();
    const returns = new Map<string, number[]>();
    const push = (map: Map<string, number[]>, actor: string, at: number) => {
      const list = map.get(actor);
      if (list) list.push(at);
      else map.set(actor, [at]);
    };
    if (names.start === undefined || names.return === undefined) {
      // any event: one point per actor and day (the day's start)
      for (const row of this.statements.actorDays.iterate({
        tenantId,
        from: floorDay(range.from),
        to: range.to,
      })) {
        if (names.start === undefined) push(starts, row.actor, row.day);
        if (names.return === undefined) push(returns, row.actor, row.day);
      }
    }
    const named = [names.start, names.return].filter((n): n is string => n !== undefined);
    if (named.length > 0) {
      const rows = this.sqlite
        .prepare(
          `SELECT actor, name, at FROM insight_events
            WHERE tenant_id = @tenantId AND name IN (${[...new Set(named)].map(quote).join(', ')})
              AND at >= @from AND at < @to`,
        )
        .raw(true)
        .all({ tenantId, from: range.from, to: range.to }) as [string, string, number][];
      for (const [actor, name, at] of rows) {
        if (name === names.start) push(starts, actor, at);
        if (name === names.return) push(returns, actor, at);
      }
    }
    for (const list of starts.values()) list.sort((a, b) => a - b);
    for (const list of returns.values()) list.sort((a, b) => a - b);
    return { starts, returns };
  }
}

export interface ConversationsFilter {
  /** A channel kind (web, email …). */
  channel?: string;
  language?: string;
}

type DashboardPart = 'conversations' | 'sentiment' | 'intents';

interface FilterScope {
  /** The dimension and value of the filter (`channel` web, `channel+language` web|nb …). */
  volumeDim: string;
  value: string;
  /** The filter's pairs with the message's sentiment and intent, and their values' prefix (`web|`). */
  sentimentDim: string;
  intentDim: string;
  prefix: string;
  /** The parts whose dimension the rollups do not keep (they count everything). */
  unfiltered: DashboardPart[];
}

/** Which rollup dimensions answer a filter, and which parts of the dashboard they cannot filter. */
function filterScope(filter: ConversationsFilter): FilterScope | null {
  const keys: string[] = [];
  const values: string[] = [];
  if (filter.channel !== undefined) {
    keys.push('channel');
    values.push(filter.channel);
  }
  if (filter.language !== undefined) {
    keys.push('language');
    values.push(filter.language);
  }
  if (keys.length === 0) return null;
  const volumeDim = keys.join('+');
  const kept = (name: string, dim: string) => rollupPlans[name]?.dims.includes(dim) ?? false;
  const scope: FilterScope = {
    volumeDim,
    value: values.join('|'),
    sentimentDim: `${volumeDim}+sentiment`,
    intentDim: `${volumeDim}+intent`,
    prefix: `${values.join('|')}|`,
    unfiltered: [],
  };
  if (!kept('conversation.started', volumeDim) || !kept('conversation.handoff', volumeDim))
    scope.unfiltered.push('conversations');
  if (!kept('conversation.message', scope.sentimentDim)) scope.unfiltered.push('sentiment');
  if (!kept('conversation.message', scope.intentDim)) scope.unfiltered.push('intents');
  return scope;
}

function addSentiment(
  entry: { positive: number; neutral: number; negative: number },
  value: string,
  count: number,
): void {
  if (value === 'positive' || value === 'neutral' || value === 'negative') entry[value] += count;
}

interface DayRow {
  day: number;
  name: string;
  dim: string;
  value: string;
  count: number;
  total: number;
}

interface Acc {
  started: number;
  handoffs: number;
  responses: number;
  responseSeconds: number;
  up: number;
  down: number;
}

const emptyAcc = (): Acc => ({ started: 0, handoffs: 0, responses: 0, responseSeconds: 0, up: 0, down: 0 });

function add(acc: Acc, name: string, count: number, total: number, rating: string | null): void {
  if (name === 'conversation.started') acc.started += count;
  else if (name === 'conversation.handoff') acc.handoffs += count;
  else if (name === 'ticket.first_response') {
    acc.responses += count;
    acc.responseSeconds += total;
  } else if (name === 'conversation.rated' && rating === 'up') acc.up += count;
  else if (name === 'conversation.rated' && rating === 'down') acc.down += count;
}

function figures(acc: Acc): Figures {
  return {
    conversations: acc.started,
    handoffs: acc.handoffs,
    containment: acc.started === 0 ? null : Math.max(0, acc.started - acc.handoffs) / acc.started,
    handoffRate: acc.started === 0 ? null : acc.handoffs / acc.started,
    firstResponseSeconds: acc.responses === 0 ? null : acc.responseSeconds / acc.responses,
    firstResponses: acc.responses,
    ratingsUp: acc.up,
    ratingsDown: acc.down,
  };
}

function cumulative(levels: number[]): number[] {
  // levels[l]: actors whose level is l; reached[k]: actors whose level is at least k + 1
  const reached = new Array<number>(levels.length - 1).fill(0);
  let sum = 0;
  for (let l = levels.length - 1; l >= 1; l--) {
    sum += levels[l]!;
    reached[l - 1] = sum;
  }
  return reached;
}

/** A string literal for SQL (event names are checked by the contract; quotes are still doubled). */
function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
