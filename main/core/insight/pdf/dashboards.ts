import { intervalStart, periodStart, retentionMatrix } from '../retention';
import { palette } from './draw';
import { registerDashboard, type DashboardContext, type Headline, type Panel } from './panels';

/**
 * The panels of the dashboards the core can print (usage, conversations, funnels, retention), from
 * the same queries as the views (InsightService.queries). Marketing, quality and economics add
 * theirs with registerDashboard from their own files.
 */

const dayMs = 86_400_000;
const maxRows = 40;

/** Every UTC day of the range (charts have a point for days without events too). */
function daysOf(range: { from: number; to: number }): number[] {
  const first = range.from - (((range.from % dayMs) + dayMs) % dayMs);
  const out: number[] = [];
  for (let day = first; day < range.to && out.length < 400; day += dayMs) out.push(day);
  return out;
}

function headline(
  ctx: DashboardContext,
  label: string,
  now: number | null,
  before: number | null | undefined,
  say: (n: number | null) => string,
): Headline {
  const figure: Headline = { label, value: say(now) };
  if (ctx.previous && before !== undefined) {
    figure.previous = say(before);
    figure.change = ctx.format.change(now, before);
  }
  return figure;
}

function channelName(ctx: DashboardContext, kind: string): string {
  return ctx.t(`inbox.channel.${kind}`, { defaultValue: kind });
}

function languageName(ctx: DashboardContext, code: string): string {
  if (code === 'unknown' || code === '') return ctx.t('insight.pdf.unknown');
  try {
    return new Intl.DisplayNames([ctx.format.language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// ── usage ───────────────────────────────────────────────────────────────────────────────────────

registerDashboard('usage', (ctx) => {
  const { t, format: f } = ctx;
  ctx.insight.tracker.flush();
  const usage = ctx.insight.queries.usage(ctx.tenantId, ctx.range);
  const before = ctx.previous ? ctx.insight.queries.usage(ctx.tenantId, ctx.previous) : null;
  const n = (v: number | null) => (v === null ? '–' : f.number(v));
  const days = daysOf(ctx.range);
  const dauOf = new Map(usage.days.map((d) => [d.day, d.dau]));
  const names = ctx.agentNames(ctx.tenantId);
  const panels: Panel[] = [
    {
      title: t('insight.pdf.usage.daily'),
      description: t('insight.pdf.usage.dailyHint'),
      chart: {
        kind: 'line',
        labels: days.map(f.day),
        series: [
          {
            name: t('insight.pdf.usage.dau'),
            color: palette[0]!,
            values: days.map((d) => dauOf.get(d) ?? 0),
          },
        ],
        format: n,
      },
      table: {
        columns: [{ label: t('insight.pdf.columns.day') }, { label: t('insight.pdf.usage.dau') }],
        rows: days.map((d) => [f.date(d + 12 * 3_600_000), f.number(dauOf.get(d) ?? 0)]),
      },
    },
    {
      title: t('insight.pdf.usage.features'),
      chart: {
        kind: 'hbars',
        rows: usage.features.slice(0, 10).map((r) => ({ label: r.key, value: r.count })),
        format: n,
      },
      table: {
        columns: [{ label: t('insight.pdf.columns.event') }, { label: t('insight.pdf.columns.count') }],
        rows: usage.features.slice(0, maxRows).map((r) => [r.key, f.number(r.count)]),
      },
    },
    {
      title: t('insight.pdf.usage.agents'),
      chart: {
        kind: 'hbars',
        color: palette[1]!,
        rows: usage.agents.slice(0, 10).map((r) => ({ label: names.get(r.key) ?? r.key, value: r.count })),
        format: n,
      },
      table: {
        columns: [{ label: t('insight.pdf.columns.agent') }, { label: t('insight.pdf.columns.runs') }],
        rows: usage.agents.slice(0, maxRows).map((r) => [names.get(r.key) ?? r.key, f.number(r.count)]),
      },
    },
  ];
  return {
    headline: [
      headline(ctx, t('insight.pdf.usage.dau'), usage.dau, before?.dau, n),
      headline(ctx, t('insight.pdf.usage.wau'), usage.wau, before?.wau, n),
      headline(ctx, t('insight.pdf.usage.mau'), usage.mau, before?.mau, n),
      headline(ctx, t('insight.pdf.usage.stickiness'), usage.stickiness, before?.stickiness, f.percent),
    ],
    panels,
  };
});

// ── conversations ───────────────────────────────────────────────────────────────────────────────

registerDashboard('conversations', (ctx) => {
  const { t, format: f } = ctx;
  ctx.insight.tracker.flush();
  const channel = typeof ctx.filters.channel === 'string' && ctx.filters.channel ? ctx.filters.channel : null;
  const language =
    typeof ctx.filters.language === 'string' && ctx.filters.language ? ctx.filters.language : null;
  const read = (range: { from: number; to: number }) => {
    // the days follow the filters in the core; what it could not narrow (sentiment, intents) says so
    const d = ctx.insight.queries.conversations(ctx.tenantId, range, {
      ...(channel ? { channel } : {}),
      ...(language ? { language } : {}),
    });
    // the channel and language filters narrow the figures and the tables
    const pairs = d.byChannelLanguage.filter(
      (r) => (!channel || r.channel === channel) && (!language || r.language === language),
    );
    // with a language chosen, the channels are that language's (and the other way round)
    const byChannel = language
      ? pairs.map(({ language: _language, ...r }) => r)
      : d.byChannel.filter((r) => !channel || r.channel === channel);
    const byLanguage = channel
      ? pairs.map(({ channel: _channel, ...r }) => r)
      : d.byLanguage.filter((r) => !language || r.language === language);
    const zero = {
      ...d.totals,
      conversations: 0,
      handoffs: 0,
      firstResponses: 0,
      ratingsUp: 0,
      ratingsDown: 0,
    };
    const totals =
      channel && language
        ? (pairs[0] ?? { ...zero, containment: null, handoffRate: null, firstResponseSeconds: null })
        : channel
          ? (byChannel[0] ?? { ...zero, containment: null, handoffRate: null, firstResponseSeconds: null })
          : language
            ? (byLanguage[0] ?? { ...zero, containment: null, handoffRate: null, firstResponseSeconds: null })
            : d.totals;
    return { ...d, byChannel, byLanguage, pairs, totals };
  };
  const d = read(ctx.range);
  const before = ctx.previous ? read(ctx.previous).totals : null;
  const n = (v: number | null) => (v === null ? '–' : f.number(v));
  const rating = (up: number, down: number) => (up + down === 0 ? null : up / (up + down));
  const days = daysOf(ctx.range);
  const dayRow = new Map(d.days.map((x) => [x.day, x]));
  const at = (day: number) =>
    dayRow.get(day) ?? { conversations: 0, handoffs: 0, positive: 0, neutral: 0, negative: 0 };
  const figureColumns = [
    { label: t('insight.pdf.conversations.conversations') },
    { label: t('insight.pdf.conversations.containment') },
    { label: t('insight.pdf.conversations.handoffRate') },
    { label: t('insight.pdf.conversations.firstResponse') },
    { label: t('insight.pdf.conversations.rating') },
  ];
  const figureCells = (r: (typeof d)['totals']) => [
    f.number(r.conversations),
    f.percent(r.containment),
    f.percent(r.handoffRate),
    f.duration(r.firstResponseSeconds),
    f.percent(rating(r.ratingsUp, r.ratingsDown)),
  ];
  const channels = [...new Set(d.pairs.map((p) => p.channel))].slice(0, 8);
  const languages = [...new Set(d.pairs.map((p) => p.language))].slice(0, 14);
  const panels: Panel[] = [
    {
      title: t('insight.pdf.conversations.volume'),
      chart: {
        kind: 'line',
        labels: days.map(f.day),
        series: [
          {
            name: t('insight.pdf.conversations.conversations'),
            color: palette[0]!,
            values: days.map((day) => at(day).conversations),
          },
          {
            name: t('insight.pdf.conversations.handoffs'),
            color: palette[2]!,
            values: days.map((day) => at(day).handoffs),
          },
        ],
        format: n,
      },
      table: {
        columns: [
          { label: t('insight.pdf.columns.day') },
          { label: t('insight.pdf.conversations.conversations') },
          { label: t('insight.pdf.conversations.handoffs') },
        ],
        rows: days.map((day) => [
          f.date(day + 12 * 3_600_000),
          f.number(at(day).conversations),
          f.number(at(day).handoffs),
        ]),
      },
    },
    {
      title: t('insight.pdf.conversations.sentiment'),
      description: t('insight.pdf.conversations.sentimentHint'),
      chart: {
        kind: 'stacked',
        labels: days.map(f.day),
        series: [
          {
            name: t('insight.pdf.sentiment.positive'),
            color: '#047857',
            values: days.map((x) => at(x).positive),
          },
          {
            name: t('insight.pdf.sentiment.neutral'),
            color: '#64748b',
            values: days.map((x) => at(x).neutral),
          },
          {
            name: t('insight.pdf.sentiment.negative'),
            color: '#be123c',
            values: days.map((x) => at(x).negative),
          },
        ],
        format: n,
      },
      table: {
        columns: [
          { label: t('insight.pdf.columns.day') },
          { label: t('insight.pdf.sentiment.positive') },
          { label: t('insight.pdf.sentiment.neutral') },
          { label: t('insight.pdf.sentiment.negative') },
        ],
        rows: days
          .filter((x) => at(x).positive + at(x).neutral + at(x).negative > 0)
          .map((x) => [
            f.date(x + 12 * 3_600_000),
            f.number(at(x).positive),
            f.number(at(x).neutral),
            f.number(at(x).negative),
          ]),
      },
    },
    {
      title: t('insight.pdf.conversations.intents'),
      chart: {
        kind: 'hbars',
        color: palette[1]!,
        rows: d.intents.slice(0, 10).map((r) => ({ label: r.key, value: r.count })),
        format: n,
      },
      table: {
        columns: [{ label: t('insight.pdf.columns.intent') }, { label: t('insight.pdf.columns.messages') }],
        rows: d.intents.slice(0, maxRows).map((r) => [r.key, f.number(r.count)]),
      },
    },
    {
      title: t('insight.pdf.conversations.byChannel'),
      chart: {
        kind: 'hbars',
        rows: d.byChannel
          .slice(0, 10)
          .map((r) => ({ label: channelName(ctx, r.channel), value: r.conversations })),
        format: n,
      },
      table: {
        columns: [{ label: t('insight.pdf.columns.channel') }, ...figureColumns],
        rows: d.byChannel.slice(0, maxRows).map((r) => [channelName(ctx, r.channel), ...figureCells(r)]),
      },
    },
    {
      title: t('insight.pdf.conversations.byLanguage'),
      chart: {
        kind: 'heat',
        columns: channels.map((c) => channelName(ctx, c)),
        rows: languages.map((l) => ({
          label: languageName(ctx, l),
          cells: channels.map(
            (c) => d.pairs.find((p) => p.channel === c && p.language === l)?.conversations ?? null,
          ),
        })),
        format: n,
      },
      table: {
        columns: [{ label: t('insight.pdf.columns.language') }, ...figureColumns],
        rows: d.byLanguage.slice(0, maxRows).map((r) => [languageName(ctx, r.language), ...figureCells(r)]),
      },
    },
  ];
  const tot = d.totals;
  return {
    headline: [
      headline(
        ctx,
        t('insight.pdf.conversations.conversations'),
        tot.conversations,
        before?.conversations,
        n,
      ),
      headline(
        ctx,
        t('insight.pdf.conversations.containment'),
        tot.containment,
        before?.containment,
        f.percent,
      ),
      headline(
        ctx,
        t('insight.pdf.conversations.handoffRate'),
        tot.handoffRate,
        before?.handoffRate,
        f.percent,
      ),
      headline(
        ctx,
        t('insight.pdf.conversations.firstResponse'),
        tot.firstResponseSeconds,
        before?.firstResponseSeconds,
        f.duration,
      ),
      headline(
        ctx,
        t('insight.pdf.conversations.rating'),
        rating(tot.ratingsUp, tot.ratingsDown),
        before ? rating(before.ratingsUp, before.ratingsDown) : undefined,
        f.percent,
      ),
      headline(ctx, t('insight.pdf.conversations.handoffs'), tot.handoffs, before?.handoffs, n),
    ],
    panels,
  };
});

// ── funnels ─────────────────────────────────────────────────────────────────────────────────────

/** The funnel the view shows first when none is chosen: a conversation to a person's solved ticket. */
export const defaultFunnelSteps = [
  'conversation.started',
  'conversation.handoff',
  'ticket.first_response',
  'ticket.solved',
];

registerDashboard('funnels', (ctx) => {
  const { t, format: f } = ctx;
  ctx.insight.tracker.flush();
  const given =
    typeof ctx.filters.steps === 'string' ? ctx.filters.steps.split(',').map((s) => s.trim()) : [];
  const steps = given.filter((s) => /^[a-z][a-z0-9_.:-]{0,63}$/i.test(s)).slice(0, 20);
  const windowSeconds =
    typeof ctx.filters.windowSeconds === 'number' && ctx.filters.windowSeconds > 0
      ? ctx.filters.windowSeconds
      : 7 * 86_400;
  const order = ctx.filters.order === 'strict' ? 'strict' : 'loose';
  const funnel = ctx.insight.queries.funnel(
    ctx.tenantId,
    { steps: steps.length > 0 ? steps : defaultFunnelSteps, windowMs: windowSeconds * 1000, order },
    ctx.range,
  );
  const first = funnel.steps[0]?.count ?? 0;
  const last = funnel.steps.at(-1)?.count ?? 0;
  return {
    headline: [
      { label: t('insight.pdf.funnels.entered'), value: f.number(first) },
      { label: t('insight.pdf.funnels.completed'), value: f.number(last) },
      { label: t('insight.pdf.funnels.conversion'), value: f.percent(first === 0 ? null : last / first) },
      { label: t('insight.pdf.funnels.median'), value: f.duration(funnel.medianSecondsToConvert ?? null) },
    ],
    panels: [
      {
        title: t('insight.pdf.funnels.steps'),
        chart: {
          kind: 'hbars',
          rows: funnel.steps.map((s, i) => ({ label: `${i + 1}. ${s.name}`, value: s.count })),
          format: (v) => f.number(v),
        },
        table: {
          columns: [
            { label: t('insight.pdf.columns.step') },
            { label: t('insight.pdf.columns.actors') },
            { label: t('insight.pdf.funnels.conversion') },
            { label: t('insight.pdf.funnels.dropOff') },
          ],
          rows: funnel.steps.map((s, i) => [
            `${i + 1}. ${s.name}`,
            f.number(s.count),
            f.percent(s.conversion ?? null),
            f.number(s.dropOff ?? 0),
          ]),
        },
      },
    ],
  };
});

// ── retention ───────────────────────────────────────────────────────────────────────────────────

registerDashboard('retention', (ctx) => {
  const { t, format: f } = ctx;
  ctx.insight.tracker.flush();
  const unit = ctx.filters.period === 'month' ? 'month' : 'week';
  const mode = ctx.filters.mode === 'recurring' ? 'recurring' : 'first_time';
  const intervals = unit === 'week' ? 8 : 6;
  const from = periodStart(ctx.range.from, unit);
  const readTo = Math.min(intervalStart(ctx.range.to, intervals + 1, unit), ctx.now + dayMs);
  const start = typeof ctx.filters.startEvent === 'string' ? ctx.filters.startEvent : undefined;
  const back = typeof ctx.filters.returnEvent === 'string' ? ctx.filters.returnEvent : undefined;
  const { starts, returns } = ctx.insight.queries.activity(
    ctx.tenantId,
    { ...(start ? { start } : {}), ...(back ? { return: back } : {}) },
    { from: mode === 'first_time' ? 0 : from, to: Math.max(readTo, ctx.range.to) },
  );
  const cohorts = retentionMatrix(starts, returns, { unit, mode, intervals, from, to: ctx.range.to }).slice(
    -14,
  );
  const columns = Array.from({ length: intervals + 1 }, (_, i) =>
    t(unit === 'week' ? 'insight.pdf.retention.week' : 'insight.pdf.retention.month', { n: i }),
  );
  const size = cohorts.reduce((sum, c) => sum + c.size, 0);
  const back1 = cohorts.reduce((sum, c) => sum + (c.retained[1] ?? 0), 0);
  return {
    headline: [
      { label: t('insight.pdf.retention.cohorts'), value: f.number(cohorts.length) },
      { label: t('insight.pdf.retention.actors'), value: f.number(size) },
      { label: t('insight.pdf.retention.returned'), value: f.percent(size === 0 ? null : back1 / size) },
    ],
    panels: [
      {
        title: t('insight.pdf.retention.matrix'),
        description: t(`insight.pdf.retention.mode_${mode}`),
        chart: {
          kind: 'heat',
          columns,
          rows: cohorts.map((c) => ({
            label: `${f.date(c.start)} (${f.number(c.size)})`,
            cells: c.retained.map((r) => (c.size === 0 ? null : r / c.size)),
            shares: c.retained.map((r) => (c.size === 0 ? null : r / c.size)),
          })),
          format: (v) => f.percent(v),
        },
        table: {
          columns: [
            { label: t('insight.pdf.retention.cohort') },
            { label: t('insight.pdf.retention.size') },
            ...columns.map((label) => ({ label })),
          ],
          rows: cohorts.map((c) => [
            f.date(c.start),
            f.number(c.size),
            ...c.retained.map((r) => f.number(r)),
          ]),
        },
      },
    ],
  };
});
