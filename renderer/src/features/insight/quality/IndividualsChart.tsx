import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CallError } from '../../../transport';
import { useFormat } from '../../../i18n/format';
import { ChartCard } from '../shared/ChartCard';
import { axisTick, chartColors } from '../shared/chart-colors';
import type { DataColumn } from '../shared/DataTable';

/** A control-chart rule id (Western Electric we1–we4, Nelson n1–n8). */
export type Rule = string;

/** Each rule drawn with its own shape and colour (never colour alone: the legend says it in words). */
const ruleMarks: Record<string, { shape: 'triangle' | 'square' | 'diamond'; color: string }> = {
  we1: { shape: 'triangle', color: chartColors.negative },
  n1: { shape: 'triangle', color: chartColors.negative },
  we2: { shape: 'diamond', color: chartColors.warning },
  n5: { shape: 'diamond', color: chartColors.warning },
  we3: { shape: 'square', color: '#be185d' },
  n6: { shape: 'square', color: '#be185d' },
};
const markOf = (rule: string) => ruleMarks[rule] ?? { shape: 'square' as const, color: '#7c3aed' };

export type ChartRow = {
  at: number;
  day: string;
  value: number;
  movingRange: number | null;
  rules: string;
  rule: Rule | null;
};

/** What the individuals chart draws: the points, the limits and the rules' firings (index into points). */
export interface IndividualsData {
  center: number;
  ucl: number;
  lcl: number;
  usl?: number | null | undefined;
  lsl?: number | null | undefined;
  points: readonly { at: number; value: number; movingRange?: number | null }[];
  signals: readonly { rule: Rule; index: number }[];
}

/** Rows of the chart and its table: each point with the rules completed at it, said in words. */
export function useChartRows(chart: IndividualsData | null, daily: boolean): ChartRow[] {
  const { t } = useTranslation();
  const format = useFormat();
  return useMemo(() => {
    if (!chart) return [];
    const byIndex = new Map<number, Rule[]>();
    for (const s of chart.signals) byIndex.set(s.index, [...(byIndex.get(s.index) ?? []), s.rule]);
    return chart.points.map((p, i) => ({
      at: p.at,
      day: daily ? format.date(p.at) : format.dateTime(p.at),
      value: p.value,
      movingRange: p.movingRange ?? null,
      rules: (byIndex.get(i) ?? []).map((rule) => t(`insight.quality.rules.${rule}`)).join('; '),
      rule: byIndex.get(i)?.[0] ?? null,
    }));
  }, [chart, daily, t, format]);
}

/**
 * The individuals (X) chart of a process: its points, X̄/UCL/LCL and the spec limits, the points
 * completing a rule marked by shape and colour, the rules that fired said in words below, and its
 * numbers as a table. Used by the Quality view and by the incident a firing opened.
 */
export function IndividualsChartCard({
  name,
  unit,
  chart,
  daily,
  description,
  loading,
  error,
  onRetry,
  empty,
  emptyHint,
  withMovingRange = false,
  fileName,
}: {
  name: string;
  unit: string;
  chart: IndividualsData | null;
  daily: boolean;
  description?: ReactNode;
  loading?: boolean;
  error?: CallError | null;
  onRetry?: () => void;
  empty?: boolean;
  emptyHint?: ReactNode;
  withMovingRange?: boolean;
  fileName: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const num = (value: number, digits = 2) =>
    new Intl.NumberFormat(format.locale, { maximumFractionDigits: digits }).format(value);
  const rows = useChartRows(chart, daily);
  const fired = [...new Set((chart?.signals ?? []).map((s) => s.rule))];
  const unitText = unit ? ` ${unit}` : '';
  const usl = chart?.usl ?? null;
  const lsl = chart?.lsl ?? null;
  const tableColumns: DataColumn<ChartRow>[] = [
    { key: 'day', label: t(daily ? 'insight.quality.columns.day' : 'insight.quality.columns.at') },
    { key: 'value', label: t('insight.quality.columns.value', { unit: unit || '—' }), numeric: true },
    ...(withMovingRange
      ? [{ key: 'movingRange' as const, label: t('insight.quality.columns.movingRange'), numeric: true }]
      : []),
    { key: 'rules', label: t('insight.quality.columns.rules') },
  ];
  const yDomain = useMemo((): [number, number] | undefined => {
    if (!chart) return undefined;
    const all = [
      ...chart.points.map((p) => p.value),
      chart.ucl,
      chart.lcl,
      ...(usl !== null ? [usl] : []),
      ...(lsl !== null ? [lsl] : []),
    ];
    const low = Math.min(...all);
    const high = Math.max(...all);
    const pad = (high - low) * 0.08 || 1;
    return [low - pad, high + pad];
  }, [chart, usl, lsl]);

  return (
    <ChartCard
      title={t('insight.quality.chart.individuals')}
      description={
        description ??
        (chart
          ? t('insight.quality.chart.limits', {
              center: num(chart.center),
              ucl: num(chart.ucl),
              lcl: num(chart.lcl),
              unit: unitText,
            })
          : undefined)
      }
      label={t('insight.quality.chart.summary', {
        name,
        points: chart?.points.length ?? 0,
        signals: chart?.signals.length ?? 0,
      })}
      loading={loading}
      error={error}
      onRetry={onRetry}
      empty={empty}
      emptyHint={emptyHint}
      table={{ columns: tableColumns, rows, fileName }}
    >
      <div className="h-72">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 12, right: 64, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={chartColors.grid} vertical={false} />
            <XAxis dataKey="day" tick={axisTick} minTickGap={24} />
            <YAxis tick={axisTick} domain={yDomain} width={56} tickFormatter={(v: number) => num(v, 1)} />
            <Tooltip
              formatter={(value) => [`${num(Number(value))}${unitText}`, t('insight.quality.chart.value')]}
            />
            {chart && (
              <>
                <ReferenceLine y={chart.center} stroke={chartColors.positive} label={limitLabel('X̄')} />
                <ReferenceLine
                  y={chart.ucl}
                  stroke={chartColors.negative}
                  strokeDasharray="6 3"
                  label={limitLabel('UCL')}
                />
                <ReferenceLine
                  y={chart.lcl}
                  stroke={chartColors.negative}
                  strokeDasharray="6 3"
                  label={limitLabel('LCL')}
                />
              </>
            )}
            {usl !== null && (
              <ReferenceLine
                y={usl}
                stroke={chartColors.warning}
                strokeDasharray="2 2"
                label={limitLabel('USL')}
              />
            )}
            {lsl !== null && (
              <ReferenceLine
                y={lsl}
                stroke={chartColors.warning}
                strokeDasharray="2 2"
                label={limitLabel('LSL')}
              />
            )}
            <Line
              type="linear"
              dataKey="value"
              stroke={chartColors.primary}
              strokeWidth={2}
              isAnimationActive={false}
              dot={(props: { cx?: number; cy?: number; index?: number }) => (
                <PointMark
                  key={props.index}
                  cx={props.cx}
                  cy={props.cy}
                  rule={rows[props.index ?? 0]?.rule ?? null}
                />
              )}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <RuleLegend fired={fired} />
    </ChartCard>
  );
}

export const limitLabel = (text: string) => ({
  value: text,
  position: 'right' as const,
  fontSize: 11,
  fill: chartColors.axis,
});

function PointMark({
  cx,
  cy,
  rule,
}: {
  cx?: number | undefined;
  cy?: number | undefined;
  rule: Rule | null;
}) {
  if (cx === undefined || cy === undefined) return null;
  if (!rule) return <circle cx={cx} cy={cy} r={3} fill={chartColors.primary} />;
  return <Shape cx={cx} cy={cy} {...markOf(rule)} size={6} />;
}

function Shape({
  cx,
  cy,
  shape,
  color,
  size,
}: {
  cx: number;
  cy: number;
  shape: 'triangle' | 'square' | 'diamond';
  color: string;
  size: number;
}) {
  if (shape === 'triangle')
    return (
      <polygon
        points={`${cx},${cy - size} ${cx - size},${cy + size * 0.8} ${cx + size},${cy + size * 0.8}`}
        fill={color}
        stroke="#fff"
        strokeWidth={1}
      />
    );
  if (shape === 'diamond')
    return (
      <polygon
        points={`${cx},${cy - size} ${cx + size},${cy} ${cx},${cy + size} ${cx - size},${cy}`}
        fill={color}
        stroke="#fff"
        strokeWidth={1}
      />
    );
  return (
    <rect
      x={cx - size * 0.8}
      y={cy - size * 0.8}
      width={size * 1.6}
      height={size * 1.6}
      fill={color}
      stroke="#fff"
      strokeWidth={1}
    />
  );
}

function RuleLegend({ fired }: { fired: Rule[] }) {
  const { t } = useTranslation();
  return (
    <div className="border-t border-slate-200 px-5 py-3">
      {fired.length === 0 ? (
        <p className="text-sm text-slate-600">{t('insight.quality.chart.noSignals')}</p>
      ) : (
        <>
          <p className="text-xs font-semibold text-slate-700">{t('insight.quality.chart.fired')}</p>
          <ul className="mt-1 flex flex-col gap-1">
            {fired.map((rule) => (
              <li key={rule} className="flex items-center gap-2 text-sm text-slate-800">
                <svg width="14" height="14" aria-hidden="true" className="shrink-0">
                  <Shape cx={7} cy={7} size={5.5} {...markOf(rule)} />
                </svg>
                {t(`insight.quality.rules.${rule}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
