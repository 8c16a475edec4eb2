import { palette } from './draw';
import { registerDashboard, type Panel } from './panels';

/**
 * The quality dashboard in a PDF: the process table (sigma level with its convention, DPMO, yield,
 * Cp/Cpk, status) and each process's individuals chart with its centre line, control and
 * specification limits and the points where a rule fired, from QualityService.detail as
 * insight.process answers it.
 */

const maxCharts = 6;
const maxSignalRows = 20;
const centre = '#0f172a';
const control = '#be123c';
const spec = '#b45309';

registerDashboard('quality', (ctx) => {
  const { t, format: f } = ctx;
  const quality = ctx.quality;
  const details = quality
    .list(ctx.tenantId)
    .map((process) => quality.detail(ctx.tenantId, process, ctx.range));
  const num = (v: number | null, digits = 2) => (v === null ? '–' : f.number(v, digits));
  const sigma = (d: (typeof details)[number]['figures']) =>
    d.sigmaLevel === null
      ? d.dpmo === 0
        ? t('insight.quality.unbounded')
        : '–'
      : `${f.number(d.sigmaLevel, 2)} (${t(`insight.quality.conventionsShort.${d.convention}`)})`;
  const panels: Panel[] = [
    {
      title: t('insight.pdf.quality.processes'),
      table: {
        columns: [
          { label: t('insight.quality.columns.process') },
          { label: t('insight.quality.columns.sigma') },
          { label: 'DPMO' },
          { label: t('insight.quality.columns.yield') },
          { label: 'Cp' },
          { label: 'Cpk' },
          { label: t('insight.quality.columns.status') },
        ],
        rows: details.map((d) => [
          d.process.name,
          sigma(d.figures),
          num(d.figures.dpmo, 0),
          d.figures.yieldPercent === null ? '–' : `${f.number(d.figures.yieldPercent, 2)} %`,
          num(d.figures.cp),
          num(d.figures.cpk),
          t(`insight.quality.statuses.${d.figures.status}`),
        ]),
      },
    },
  ];
  for (const d of details.slice(0, maxCharts)) {
    const chart = d.chart;
    const unit = d.process.unit;
    const fired = [...new Set((chart?.signals ?? []).map((s) => s.rule))];
    const rulesSaid = fired.map((rule) => t(`insight.quality.rules.${rule}`));
    const valueLabel = t('insight.quality.columns.value', { unit });
    const references = chart
      ? [
          {
            label: `${t('insight.pdf.quality.centre')} ${num(chart.center)}`,
            value: chart.center,
            color: centre,
          },
          { label: `UCL ${num(chart.ucl)}`, value: chart.ucl, color: control, dashed: true },
          { label: `LCL ${num(chart.lcl)}`, value: chart.lcl, color: control, dashed: true },
          ...(d.process.usl === null
            ? []
            : [{ label: `USL ${num(d.process.usl)}`, value: d.process.usl, color: spec, dashed: true }]),
          ...(d.process.lsl === null
            ? []
            : [{ label: `LSL ${num(d.process.lsl)}`, value: d.process.lsl, color: spec, dashed: true }]),
        ]
      : [];
    const byIndex = new Map<number, string[]>();
    for (const s of chart?.signals ?? []) byIndex.set(s.index, [...(byIndex.get(s.index) ?? []), s.rule]);
    const signalRows = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).slice(0, maxSignalRows);
    panels.push({
      title: t('insight.pdf.quality.chart', { name: d.process.name }),
      description:
        rulesSaid.length > 0
          ? t('insight.pdf.quality.fired', { rules: rulesSaid.join('; ') })
          : chart
            ? t('insight.pdf.quality.noneFired')
            : t('insight.pdf.quality.tooFew'),
      ...(chart
        ? {
            chart: {
              kind: 'line' as const,
              labels: chart.points.map((p) => f.day(p.at)),
              series: [{ name: valueLabel, color: palette[0]!, values: chart.points.map((p) => p.value) }],
              format: (v: number) => f.number(v, 2),
              references,
              marks: signalRows.map(([index]) => ({
                index,
                value: chart.points[index]?.value ?? 0,
                color: control,
                name: t('insight.pdf.quality.firedPoint'),
              })),
            },
          }
        : {}),
      table: {
        columns: [
          { label: t('insight.quality.columns.day') },
          { label: valueLabel },
          { label: t('insight.quality.columns.rules') },
        ],
        rows: signalRows.map(([index, rules]) => [
          f.date(chart?.points[index]?.at ?? 0),
          num(chart?.points[index]?.value ?? null),
          rules.map((rule) => t(`insight.quality.rules.${rule}`)).join('; '),
        ]),
      },
    });
  }
  const count = (status: string) => details.filter((d) => d.figures.status === status).length;
  return {
    headline: [
      { label: t('insight.pdf.quality.count'), value: f.number(details.length) },
      { label: t('insight.quality.statuses.in_control'), value: f.number(count('in_control')) },
      { label: t('insight.quality.statuses.signal'), value: f.number(count('signal')) },
    ],
    panels,
  };
});
