import { locales, registerDashboard, type Panel } from './panels';

/**
 * The installation's unit economics in a PDF (a platform administrator's only: insight.reportPdf
 * refuses it to anyone else): headline figures, MRR movements, MRR with the forecast, revenue and
 * costs per month, from the same query as insight.economics with the page's settings as filters.
 */

registerDashboard('economics', (ctx) => {
  const { t, format: f } = ctx;
  const months = Number(ctx.filters.months);
  const ahead = Number(ctx.filters.forecastMonths);
  const settings = {
    months: Number.isInteger(months) && months >= 3 && months <= 24 ? months : 12,
    forecastMonths: Number.isInteger(ahead) && ahead >= 3 && ahead <= 12 ? ahead : 6,
  };
  // LTV without churn: 'infinite', or a cap in months (the page's setting; 60 when none)
  const cap = Number(ctx.filters.zeroChurn);
  const zeroChurn =
    ctx.filters.zeroChurn === 'infinite'
      ? ('infinite' as const)
      : { capMonths: Number.isInteger(cap) && cap >= 1 && cap <= 600 ? cap : 60 };
  const e = ctx.economics({ ...settings, zeroChurn });
  const locale = locales[f.language];
  const whole = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: e.currency,
    maximumFractionDigits: 0,
  });
  // an axis of small amounts (an empty chart's 0–1) says its fractions instead of '€0 €0 €1'
  const exact = new Intl.NumberFormat(locales[f.language], {
    style: 'currency',
    currency: whole.resolvedOptions().currency,
  });
  const axisMoney = (v: number) => (Number.isInteger(v) ? whole.format(v) : exact.format(v));
  const money = (minor: number | null) => (minor === null ? '–' : whole.format(minor / 100));
  const monthName = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthOf = (key: string) => {
    const [y, m] = key.split('-').map(Number);
    return y && m ? monthName.format(new Date(Date.UTC(y, m - 1, 15))) : key;
  };
  const share = (v: number | null) => (v === null ? '–' : f.percent(v / 100));
  const current = e.months.at(-1);
  const labels = e.months.map((m) => monthOf(m.month));
  const movements = ['newMrr', 'expansionMrr', 'reactivationMrr', 'contractionMrr', 'churnMrr'] as const;
  const colors = ['#047857', '#0e7490', '#4f46e5', '#b45309', '#be123c'];
  const ahead95 = e.forecast.points;
  const method = t(`insight.economics.forecast.method.${e.forecast.method}`);

  const panels: Panel[] = [
    {
      title: t('insight.economics.movements.title'),
      description: t('insight.pdf.economics.movementsHint'),
      chart: {
        kind: 'stacked',
        labels,
        series: movements.map((key, i) => ({
          name: t(`insight.economics.movements.${key}`),
          color: colors[i]!,
          values: e.months.map((m) => Math.abs(m[key]) / 100),
        })),
        format: axisMoney,
      },
      table: {
        columns: [
          { label: t('insight.economics.columns.month') },
          ...movements.map((key) => ({ label: t(`insight.economics.movements.${key}`) })),
          { label: t('insight.economics.movements.netNewMrr') },
        ],
        rows: e.months.map((m) => [
          monthOf(m.month),
          ...movements.map((key) => money(m[key])),
          money(m.netNewMrr),
        ]),
      },
    },
    {
      title: t('insight.economics.forecast.title'),
      description: t('insight.pdf.economics.forecastHint', { count: ahead95.length, method }),
      chart: {
        kind: 'line',
        labels: [...labels, ...e.forecast.months.map(monthOf)],
        series: [
          {
            name: `${t('insight.economics.forecast.mrr')} / ${t('insight.economics.forecast.forecast')}`,
            color: '#4f46e5',
            values: [...e.months.map((m) => m.mrr / 100), ...ahead95.map((p) => p.mean / 100)],
          },
        ],
        format: axisMoney,
        marks: ahead95.map((p, i) => ({
          index: e.months.length + i,
          value: p.mean / 100,
          color: '#b45309',
          name: t('insight.economics.forecast.forecast'),
        })),
      },
      table: {
        columns: [
          { label: t('insight.economics.columns.month') },
          { label: t('insight.economics.forecast.forecast') },
          { label: t('insight.economics.forecast.lower80') },
          { label: t('insight.economics.forecast.upper80') },
          { label: t('insight.economics.forecast.lower95') },
          { label: t('insight.economics.forecast.upper95') },
        ],
        rows: ahead95.map((p, i) => [
          monthOf(e.forecast.months[i] ?? ''),
          money(p.mean),
          money(p.lower80),
          money(p.upper80),
          money(p.lower95),
          money(p.upper95),
        ]),
      },
    },
    {
      title: t('insight.economics.money.title'),
      table: {
        columns: [
          { label: t('insight.economics.columns.month') },
          { label: t('insight.economics.money.revenue') },
          { label: t('insight.economics.money.modelCosts') },
          { label: t('insight.economics.money.otherCosts') },
          { label: t('insight.economics.money.campaignSpend') },
          { label: t('insight.pdf.economics.grossMargin') },
          { label: t('insight.economics.money.profit') },
        ],
        rows: e.months.map((m) => [
          monthOf(m.month),
          money(m.revenue),
          money(m.modelCosts),
          money(m.otherCosts),
          money(m.campaignSpend),
          share(m.grossMarginPercent),
          money(m.profit),
        ]),
      },
    },
  ];
  return {
    headline: [
      { label: t('insight.economics.metrics.mrr.title'), value: money(current?.mrr ?? null) },
      { label: t('insight.economics.metrics.arr.title'), value: money(current?.arr ?? null) },
      {
        label: t('insight.economics.metrics.customers.title'),
        value: current ? f.number(current.customers) : '–',
      },
      { label: t('insight.economics.metrics.arpa.title'), value: money(current?.arpa ?? null) },
      { label: t('insight.economics.metrics.ltv.title'), value: money(current?.ltv ?? null) },
      {
        label: t('insight.economics.metrics.ltvToCac.title'),
        value: current?.ltvToCac == null ? '–' : `${f.number(current.ltvToCac, 1)} : 1`,
      },
    ],
    panels,
    filters: {
      ...ctx.filters,
      ...settings,
      zeroChurn: zeroChurn === 'infinite' ? 'infinite' : zeroChurn.capMonths,
    },
  };
});
