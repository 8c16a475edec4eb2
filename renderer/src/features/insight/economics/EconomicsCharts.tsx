import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartCard } from '../shared/ChartCard';
import { axisTick, chartColors } from '../shared/chart-colors';
import type { DataColumn } from '../shared/DataTable';
import {
  forecastOnly,
  movementRows,
  mrrRows,
  type Economics,
  type MovementRow,
  type MrrRow,
} from './economics-data';
import type { useEconomicsFormat } from './use-economics-format';

type Format = ReturnType<typeof useEconomicsFormat>;

/** The colours of the movements: gains above the axis, losses below it, the net as a dark line. */
const movementColors = {
  newMrr: chartColors.primary,
  expansionMrr: chartColors.positive,
  reactivationMrr: chartColors.secondary,
  contractionMrr: chartColors.warning,
  churnMrr: chartColors.negative,
  netNewMrr: '#0f172a',
} as const;
const movementKeys = ['newMrr', 'expansionMrr', 'reactivationMrr', 'contractionMrr', 'churnMrr'] as const;
const legendOrder = [...movementKeys, 'netNewMrr'] as const;

/** MRR movements per month (new, expansion, reactivation up; contraction and churn down) and the net. */
export function MovementsChart({ economics, format }: { economics: Economics; format: Format }) {
  const { t } = useTranslation();
  const rows = useMemo(() => movementRows(economics.months, format.digits), [economics, format.digits]);
  const name = (key: keyof typeof movementColors) => t(`insight.economics.movements.${key}`);
  const columns: DataColumn<MovementRow>[] = [
    { key: 'month', label: t('insight.economics.columns.month'), render: (r) => format.month(r.start) },
    ...[...movementKeys, 'netNewMrr' as const].map((key) => ({
      key,
      label: name(key),
      numeric: true,
      render: (r: MovementRow) => format.major(r[key]),
    })),
  ];
  const last = rows.at(-1);
  const label = last
    ? t('insight.economics.movements.label', {
        from: format.month(rows[0]!.start),
        to: format.month(last.start),
        month: format.month(last.start),
        newMrr: format.major(last.newMrr),
        expansionMrr: format.major(last.expansionMrr),
        reactivationMrr: format.major(last.reactivationMrr),
        contractionMrr: format.major(-last.contractionMrr),
        churnMrr: format.major(-last.churnMrr),
        net: format.major(last.netNewMrr),
      })
    : '';
  return (
    <ChartCard
      title={t('insight.economics.movements.title')}
      description={t('insight.economics.movements.description')}
      label={label}
      table={{ columns, rows, fileName: 'mrr-movements' }}
    >
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={rows}
            stackOffset="sign"
            margin={{ top: 8, right: 12, bottom: 0, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke={chartColors.grid} vertical={false} />
            <XAxis
              dataKey="start"
              tickFormatter={(v: number) => format.monthShort(v)}
              tick={axisTick}
              stroke={chartColors.grid}
            />
            <YAxis
              tickFormatter={(v: number) => format.compact(v)}
              tick={axisTick}
              stroke={chartColors.grid}
              width={72}
            />
            <ReferenceLine y={0} stroke={chartColors.axis} />
            <Tooltip
              formatter={(value, key) => [format.major(Math.abs(Number(value))), String(key)]}
              labelFormatter={(v) => format.month(Number(v))}
            />
            <Legend
              wrapperStyle={{ fontSize: 12 }}
              itemSorter={(item) => legendOrder.indexOf(String(item.dataKey) as (typeof legendOrder)[number])}
            />
            {movementKeys.map((key) => (
              <Bar
                key={key}
                dataKey={key}
                name={name(key)}
                stackId="mrr"
                fill={movementColors[key]}
                isAnimationActive={false}
                maxBarSize={36}
              />
            ))}
            <Line
              dataKey="netNewMrr"
              name={name('netNewMrr')}
              stroke={movementColors.netNewMrr}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}

/** MRR month by month and its forecast with 80 % and 95 % prediction intervals as bands. */
export function MrrForecastChart({ economics, format }: { economics: Economics; format: Format }) {
  const { t } = useTranslation();
  const rows = useMemo(() => mrrRows(economics, format.digits), [economics, format.digits]);
  const ahead = forecastOnly(rows);
  const { forecast } = economics;
  const method = t(`insight.economics.forecast.method.${forecast.method}`, {
    defaultValue: forecast.methodName,
  });
  const money = (v: number | null) => (v === null ? '' : format.major(v));
  const legendNames = [
    t('insight.economics.forecast.mrr'),
    t('insight.economics.forecast.forecast'),
    t('insight.economics.forecast.band80'),
    t('insight.economics.forecast.band95'),
  ];
  const forecastLegendOrder = (name: unknown) => legendNames.indexOf(String(name));
  const columns: DataColumn<MrrRow>[] = [
    { key: 'month', label: t('insight.economics.columns.month'), render: (r) => format.month(r.start) },
    { key: 'mrr', label: t('insight.economics.forecast.mrr'), numeric: true, render: (r) => money(r.mrr) },
    {
      key: 'forecast',
      label: t('insight.economics.forecast.forecast'),
      numeric: true,
      render: (r) => (r.mrr === null ? money(r.forecast) : ''),
    },
    {
      key: 'lower80',
      label: t('insight.economics.forecast.lower80'),
      numeric: true,
      render: (r) => (r.mrr === null ? money(r.lower80) : ''),
    },
    {
      key: 'upper80',
      label: t('insight.economics.forecast.upper80'),
      numeric: true,
      render: (r) => (r.mrr === null ? money(r.upper80) : ''),
    },
    {
      key: 'lower95',
      label: t('insight.economics.forecast.lower95'),
      numeric: true,
      render: (r) => (r.mrr === null ? money(r.lower95) : ''),
    },
    {
      key: 'upper95',
      label: t('insight.economics.forecast.upper95'),
      numeric: true,
      render: (r) => (r.mrr === null ? money(r.upper95) : ''),
    },
  ];
  // the CSV: the history's MRR, the forecast's figures only where they are a forecast
  const csvRows = rows.map((r) =>
    r.mrr === null ? r : { ...r, forecast: null, lower80: null, upper80: null, lower95: null, upper95: null },
  );
  const lastKnown = [...rows].reverse().find((r) => r.mrr !== null);
  const end = ahead.at(-1);
  const label =
    lastKnown && end
      ? t('insight.economics.forecast.label', {
          from: format.month(rows[0]!.start),
          to: format.month(lastKnown.start),
          mrr: money(lastKnown.mrr),
          month: format.month(end.start),
          forecast: money(end.forecast),
          lower80: money(end.lower80),
          upper80: money(end.upper80),
          lower95: money(end.lower95),
          upper95: money(end.upper95),
          method,
        })
      : '';
  return (
    <ChartCard
      title={t('insight.economics.forecast.title')}
      description={
        <>
          {t('insight.economics.forecast.description', { count: ahead.length, method })}{' '}
          {t('insight.economics.forecast.parameters', {
            alpha: format.ratio(forecast.alpha),
            beta: new Intl.NumberFormat(format.locale, { maximumSignificantDigits: 2 }).format(forecast.beta),
          })}
          {forecast.fittedMonths !== undefined && forecast.fittedFrom !== undefined && (
            <>
              {' '}
              {economics.months.find((m) => m.mrr > 0)?.month === forecast.fittedFrom
                ? t('insight.economics.forecast.fitted', {
                    count: forecast.fittedMonths,
                    month: format.month(Date.parse(`${forecast.fittedFrom}-01T00:00:00Z`)),
                  })
                : t('insight.economics.forecast.fittedLast', { count: forecast.fittedMonths })}
            </>
          )}
          {ahead.some((r) => r.clipped) && <> {t('insight.economics.forecast.clipped')}</>}
        </>
      }
      label={label}
      table={{ columns, rows: csvRows, fileName: 'mrr-forecast' }}
    >
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={rows}
            margin={{ top: 8, right: 12, bottom: 0, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke={chartColors.grid} vertical={false} />
            <XAxis
              dataKey="start"
              tickFormatter={(v: number) => format.monthShort(v)}
              tick={axisTick}
              stroke={chartColors.grid}
            />
            <YAxis
              tickFormatter={(v: number) => format.compact(v)}
              tick={axisTick}
              stroke={chartColors.grid}
              width={72}
              domain={[0, 'auto']}
            />
            <Tooltip
              formatter={(value, key) =>
                Array.isArray(value)
                  ? [`${money(Number(value[0]))} – ${money(Number(value[1]))}`, String(key)]
                  : [money(Number(value)), String(key)]
              }
              labelFormatter={(v) => format.month(Number(v))}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={(item) => forecastLegendOrder(item.value)} />
            <Area
              dataKey={(r: MrrRow) => (r.lower95 === null ? null : [r.lower95, r.upper95])}
              name={t('insight.economics.forecast.band95')}
              stroke="none"
              fill={chartColors.primary}
              fillOpacity={0.12}
              isAnimationActive={false}
              activeDot={false}
            />
            <Area
              dataKey={(r: MrrRow) => (r.lower80 === null ? null : [r.lower80, r.upper80])}
              name={t('insight.economics.forecast.band80')}
              stroke="none"
              fill={chartColors.primary}
              fillOpacity={0.25}
              isAnimationActive={false}
              activeDot={false}
            />
            <Line
              dataKey="mrr"
              name={t('insight.economics.forecast.mrr')}
              stroke={chartColors.primary}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
            <Line
              dataKey="forecast"
              name={t('insight.economics.forecast.forecast')}
              stroke={chartColors.primary}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}
