import {
  attributionModels,
  DEFAULT_HALF_LIFE_DAYS,
  DEFAULT_LOOKBACK_DAYS,
  type AttributionModel,
} from '../math/attribution';
import { marketingFigures, type MarketingOutput } from '../marketing';
import { marketingQueries } from '../marketing-queries';
import { palette } from './draw';
import { locales, registerDashboard, type DashboardContext, type Panel } from './panels';

/**
 * The marketing dashboard in a PDF: the same figures as #/insight/marketing (marketingQueries'
 * data through marketingFigures, as insight.marketing answers them): the lead funnel, attribution
 * per channel and per campaign, with the attribution model printed among the filters.
 */

const dayMs = 86_400_000;
const maxRows = 40;

type Row = MarketingOutput['channels'][number];

/** The attribution settings from the PDF's filters, defaulting as the view does. */
function settingsOf(filters: DashboardContext['filters']) {
  const model: AttributionModel = attributionModels.includes(filters.model as AttributionModel)
    ? (filters.model as AttributionModel)
    : 'position_based';
  const half = Number(filters.halfLifeDays);
  const halfLifeDays = Number.isFinite(half) && half > 0 && half <= 365 ? half : DEFAULT_HALF_LIFE_DAYS;
  const back = Number(filters.lookbackDays);
  const lookbackDays = Number.isInteger(back) && back >= 1 && back <= 365 ? back : DEFAULT_LOOKBACK_DAYS;
  return { model, halfLifeDays, lookbackDays };
}

registerDashboard('marketing', (ctx) => {
  const { t, format: f } = ctx;
  ctx.insight.tracker.flush();
  const { model, halfLifeDays, lookbackDays } = settingsOf(ctx.filters);
  const currency = ctx.currency(ctx.tenantId);
  const queries = marketingQueries(ctx.sqlite);
  const read = (range: { from: number; to: number }) =>
    marketingFigures(
      queries.data(ctx.tenantId, { touchesFrom: range.from - lookbackDays * dayMs, ...range }),
      { ...range, now: ctx.now, model, halfLifeDays, lookbackDays, currency },
    );
  const m = read(ctx.range);
  const before = ctx.previous ? read(ctx.previous) : null;
  const whole = new Intl.NumberFormat(locales[f.language], {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  });
  // an axis of small amounts (an empty chart's 0–1) says its fractions instead of '€0 €0 €1'
  const exact = new Intl.NumberFormat(locales[f.language], {
    style: 'currency',
    currency: whole.resolvedOptions().currency,
  });
  const axisMoney = (v: number) => (Number.isInteger(v) ? whole.format(v) : exact.format(v));
  const money = (minor: number) => whole.format(minor / 100);
  const ratio = (v: number | null) => (v === null ? '–' : f.number(v, 2));
  // as the view says a channel: the built-in groups in the language, the tenant's own as written
  const channelName = (c: string) =>
    c === 'direct' || c === 'referral' ? t(`insight.marketing.channels.${c}`) : c;

  const steps = (['visitors', 'conversations', 'leads', 'customers'] as const).map((step, i, all) => {
    const count = m.funnel[step];
    const previous = i === 0 ? count : m.funnel[all[i - 1]!];
    return {
      label: t(`insight.marketing.funnel.${step}`),
      count,
      ofPrevious: i === 0 ? null : previous > 0 ? count / previous : null,
      ofFirst: m.funnel.visitors > 0 ? count / m.funnel.visitors : null,
    };
  });

  const figureColumns = [
    { label: t('insight.marketing.columns.touches') },
    { label: t('insight.marketing.columns.conversions') },
    { label: t('insight.marketing.columns.revenue', { currency }) },
    { label: t('insight.marketing.columns.spend', { currency }) },
    { label: t('insight.marketing.columns.roi') },
    { label: t('insight.marketing.columns.roas') },
  ];
  const figureCells = (r: Row) => [
    f.number(r.touches),
    ratio(r.conversions),
    money(r.revenue),
    money(r.spend),
    f.percent(r.roi),
    r.roas === null ? '–' : `${ratio(r.roas)}x`,
  ];

  const panels: Panel[] = [
    {
      title: t('insight.pdf.marketing.funnel'),
      description: t('insight.pdf.marketing.funnelHint'),
      chart: {
        kind: 'hbars',
        rows: steps.map((s, i) => ({ label: `${i + 1}. ${s.label}`, value: s.count })),
        format: (v) => f.number(v),
      },
      table: {
        columns: [
          { label: t('insight.marketing.columns.step') },
          { label: t('insight.marketing.columns.count') },
          { label: t('insight.marketing.columns.ofPrevious') },
          { label: t('insight.pdf.marketing.ofVisitors') },
        ],
        rows: steps.map((s, i) => [
          `${i + 1}. ${s.label}`,
          f.number(s.count),
          f.percent(s.ofPrevious),
          f.percent(s.ofFirst),
        ]),
      },
    },
    {
      title: t('insight.pdf.marketing.channels'),
      description: t('insight.pdf.marketing.channelsHint'),
      chart: {
        kind: 'hbars',
        color: palette[1]!,
        rows: m.channels
          .slice(0, 10)
          .map((r) => ({ label: channelName(r.channel), value: Math.round(r.revenue) / 100 })),
        format: axisMoney,
      },
      table: {
        columns: [{ label: t('insight.marketing.columns.channel') }, ...figureColumns],
        rows: m.channels.slice(0, maxRows).map((r) => [channelName(r.channel), ...figureCells(r)]),
      },
    },
    {
      title: t('insight.pdf.marketing.campaigns'),
      table: {
        columns: [
          { label: t('insight.marketing.columns.campaign') },
          { label: t('insight.marketing.columns.channel') },
          ...figureColumns,
        ],
        rows: m.campaigns
          .slice(0, maxRows)
          .map((r) => [
            r.name || t('insight.marketing.noCampaign'),
            channelName(r.channel),
            ...figureCells(r),
          ]),
      },
    },
  ];

  const figure = (
    label: string,
    now: number | null,
    was: number | null | undefined,
    say: (n: number) => string,
  ) => ({
    label,
    value: now === null ? '–' : say(now),
    ...(before && was !== undefined
      ? { previous: was === null ? '–' : say(was), change: f.change(now, was) }
      : {}),
  });
  const roas = (x: MarketingOutput) => (x.totals.spend > 0 ? x.totals.revenue / x.totals.spend : null);
  return {
    headline: [
      figure(t('insight.marketing.funnel.visitors'), m.funnel.visitors, before?.funnel.visitors, f.number),
      figure(t('insight.marketing.funnel.leads'), m.funnel.leads, before?.funnel.leads, f.number),
      figure(
        t('insight.pdf.marketing.conversions'),
        m.totals.conversions,
        before?.totals.conversions,
        f.number,
      ),
      figure(t('insight.pdf.marketing.revenue'), m.totals.revenue, before?.totals.revenue, money),
      figure(t('insight.pdf.marketing.spend'), m.totals.spend, before?.totals.spend, money),
      figure(t('insight.marketing.columns.roas'), roas(m), before ? roas(before) : undefined, ratio),
    ],
    panels,
    filters: {
      ...Object.fromEntries(Object.entries(ctx.filters).filter(([key]) => key !== 'halfLifeDays')),
      model,
      ...(model === 'time_decay' ? { halfLifeDays } : {}),
      lookbackDays,
    },
  };
});
