import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { Td, Th } from '../../../components/Table';
import { useFormat } from '../../../i18n/format';
import { cx } from '../../../lib/cx';
import { useLoad } from '../../../lib/use-load';
import { transport } from '../../../transport';
import { ChartCard } from '../shared/ChartCard';
import { CsvButton } from '../shared/CsvButton';
import { useEventLabel } from '../shared/event-label';
import type { DataColumn } from '../shared/DataTable';
import { DeltaBadge } from '../shared/DeltaBadge';
import { InsightHeader } from '../shared/InsightHeader';
import { previousRange, useInsightRangeStore } from '../shared/insight-range-store';
import { FunnelBuilder } from './FunnelBuilder';
import { FunnelChart } from './FunnelChart';
import {
  breakdownRows,
  draftProblem,
  durationParts,
  funnelInput,
  funnelRows,
  overallConversion,
  windowSecondsOf,
  type BreakdownRow,
  type FunnelRow,
} from './funnel-model';
import { useFunnelStore } from './funnel-store';
import { useEventNames } from './use-event-names';
import { usePercent } from './use-percent';

/** A duration in the largest unit that says it, written by Intl in the user's language. */
function useDuration() {
  const { locale } = useFormat();
  return (seconds: number) => {
    const { value, unit } = durationParts(seconds);
    const intlUnit = { seconds: 'second', minutes: 'minute', hours: 'hour', days: 'day' }[unit];
    return new Intl.NumberFormat(locale, { style: 'unit', unit: intlUnit, unitDisplay: 'long' }).format(
      value,
    );
  };
}

/**
 * Funnels (issue 17, section 3): a funnel built from the tenant's event names — ordered steps within
 * a conversion window, strict or loose, exclusion steps, a breakdown by a property — answered by
 * insight.funnel over the section's range (and the period before it when comparing).
 */
export function FunnelsView() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const duration = useDuration();
  const { draft, setDraft, reset } = useFunnelStore();
  const from = useInsightRangeStore((state) => state.from);
  const to = useInsightRangeStore((state) => state.to);
  const compare = useInsightRangeStore((state) => state.compare);
  const names = useEventNames();
  const known = useMemo(() => names.data?.items.map((item) => item.name) ?? [], [names.data]);
  const properties = useMemo(() => {
    const props = new Set<string>();
    const first = names.data?.items.find((item) => item.name === draft.steps[0]);
    for (const property of first?.properties ?? []) props.add(property);
    return [...props];
  }, [names.data, draft.steps]);

  const problem = draftProblem(draft);
  const key = JSON.stringify(funnelInput(draft, { from, to }));
  const current = useLoad(
    () => transport.call('insight.funnel', funnelInput(draft, { from, to })),
    key,
    !problem,
  );
  const before = previousRange({ from, to });
  const previous = useLoad(
    () => transport.call('insight.funnel', funnelInput(draft, before)),
    `previous-${JSON.stringify(funnelInput(draft, before))}`,
    compare && !problem,
  );
  const data = current.data;
  const shown = compare ? previous.data : null;
  const eventLabel = useEventLabel();
  // the table's and the CSV's step column: "1. Conversation started" in the user's language
  const rows = useMemo(
    () =>
      data
        ? funnelRows(data, shown).map((row) => ({
            ...row,
            label: `${row.position}. ${eventLabel(row.name)}`,
          }))
        : [],
    [data, shown, eventLabel],
  );
  const pct = usePercent();

  const columns: DataColumn<FunnelRow>[] = [
    { key: 'label', label: t('insight.funnels.columns.step') },
    {
      key: 'count',
      label: t('insight.funnels.columns.actors'),
      numeric: true,
      render: (r) => number(r.count),
    },
    {
      key: 'conversion',
      label: t('insight.funnels.columns.conversion'),
      numeric: true,
      render: (r) => pct(r.conversion),
    },
    {
      key: 'stepConversion',
      label: t('insight.funnels.columns.stepConversion'),
      numeric: true,
      render: (r) => pct(r.stepConversion),
    },
    {
      key: 'dropOff',
      label: t('insight.funnels.columns.dropOff'),
      numeric: true,
      render: (r) => number(r.dropOff),
    },
    {
      key: 'dropOffPercent',
      label: t('insight.funnels.columns.dropOffPercent'),
      numeric: true,
      render: (r) => pct(r.dropOffPercent),
    },
    ...(compare
      ? ([
          {
            key: 'previousCount',
            label: t('insight.funnels.columns.previousActors'),
            numeric: true,
            render: (r) => (r.previousCount === null ? '–' : number(r.previousCount)),
          },
          {
            key: 'previousConversion',
            label: t('insight.funnels.columns.previousConversion'),
            numeric: true,
            render: (r) => (r.previousConversion === null ? '–' : pct(r.previousConversion)),
          },
        ] satisfies DataColumn<FunnelRow>[])
      : []),
  ];

  const entered = data?.steps[0]?.count ?? 0;
  const completed = data?.steps.at(-1)?.count ?? 0;
  const conversion = overallConversion(data);
  const median = data?.medianSecondsToConvert ?? null;
  const previousData = shown ?? null;
  const label = data
    ? t('insight.funnels.chart.label', {
        count: draft.steps.length,
        summary: rows
          .map((row) =>
            t('insight.funnels.chart.stepSummary', {
              name: eventLabel(row.name),
              value: number(row.count),
              percent: pct(row.conversion),
            }),
          )
          .join('; '),
      })
    : '';

  return (
    <div>
      <InsightHeader
        view="funnels"
        title={t('insight.titles.funnels')}
        description={t('insight.funnels.description')}
        filters={{
          steps: draft.steps.map(eventLabel).join(' → '),
          window: `${draft.windowValue} ${t(`insight.funnels.units.${draft.windowUnit}`)}`,
          order: t(`insight.funnels.orders.${draft.order}`),
          ...(draft.exclude.length > 0 ? { exclude: draft.exclude.map(eventLabel).join(', ') } : {}),
          ...(draft.breakdown ? { breakdown: draft.breakdown } : {}),
        }}
      />

      <Card
        title={t('insight.funnels.builder')}
        titleId="funnel-builder"
        className="mb-6"
        bodyClassName="p-5"
      >
        <FunnelBuilder
          draft={draft}
          onChange={setDraft}
          onReset={reset}
          known={known}
          properties={properties}
        />
      </Card>

      {!problem && (
        <div className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
          <Figure
            label={t('insight.funnels.figures.entered')}
            value={data ? number(entered) : '…'}
            delta={
              previousData && data ? (
                <DeltaBadge current={entered} previous={previousData.steps[0]?.count ?? 0} />
              ) : null
            }
          />
          <Figure
            label={t('insight.funnels.figures.completed')}
            value={data ? number(completed) : '…'}
            delta={
              previousData && data ? (
                <DeltaBadge current={completed} previous={previousData.steps.at(-1)?.count ?? 0} />
              ) : null
            }
          />
          <Figure
            label={t('insight.funnels.figures.conversion')}
            value={data ? (conversion === null ? '–' : pct(conversion)) : '…'}
            delta={
              previousData && data ? (
                <DeltaBadge
                  current={conversion}
                  previous={overallConversion(previousData)}
                  previousText={((p) => (p === null ? '–' : pct(p)))(overallConversion(previousData))}
                />
              ) : null
            }
          />
          <Figure
            label={t('insight.funnels.figures.median')}
            value={data ? (median === null ? t('insight.funnels.figures.noMedian') : duration(median)) : '…'}
            hint={t('insight.funnels.figures.medianHint', {
              window: duration(windowSecondsOf(draft)),
            })}
            delta={
              previousData && data && median !== null ? (
                <DeltaBadge
                  current={median}
                  previous={previousData.medianSecondsToConvert ?? null}
                  higherIsBetter={false}
                  previousText={
                    previousData.medianSecondsToConvert == null
                      ? '–'
                      : duration(previousData.medianSecondsToConvert)
                  }
                />
              ) : null
            }
          />
        </div>
      )}

      {!problem && (
        <ChartCard
          className="mb-6"
          title={t('insight.funnels.chart.title')}
          description={t('insight.funnels.chart.description')}
          label={label}
          loading={!data && !current.error}
          error={current.error}
          onRetry={current.reload}
          empty={Boolean(data) && entered === 0}
          emptyHint={t('insight.funnels.emptyHint')}
          table={{ columns, rows, fileName: 'funnel' }}
        >
          <FunnelChart rows={rows} compare={compare && Boolean(shown)} />
        </ChartCard>
      )}

      {!problem && draft.breakdown && data?.breakdown && (
        <BreakdownCard
          property={draft.breakdown}
          steps={draft.steps}
          rows={breakdownRows(data)}
          format={{ number, pct }}
        />
      )}
    </div>
  );
}

function Figure({
  label,
  value,
  hint,
  delta,
}: {
  label: string;
  value: string;
  hint?: string;
  delta?: ReactNode;
}) {
  return (
    <div className="rounded-xl bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200">
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-xl font-semibold text-slate-900 tabular-nums">
        {value}
        {delta}
      </p>
      {hint && <p className="mt-0.5 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}

function BreakdownCard({
  property,
  steps,
  rows,
  format,
}: {
  property: string;
  steps: readonly string[];
  rows: BreakdownRow[];
  format: { number(value: number): string; pct(value: number): string };
}) {
  const { t } = useTranslation();
  const eventLabel = useEventLabel();
  const title = t('insight.funnels.breakdownTitle', { property });
  const columns: DataColumn<BreakdownRow>[] = [
    {
      key: 'value',
      label: property,
      render: (row) => (row.value === '' ? t('insight.funnels.noValue') : row.value),
    },
    ...steps.map((name, k) => ({
      key: `step${k}`,
      label: `${k + 1}. ${eventLabel(name)}`,
      numeric: true,
      render: (row: BreakdownRow) => format.number(Number(row[`step${k}`] ?? 0)),
    })),
    {
      key: 'conversion',
      label: t('insight.funnels.columns.conversion'),
      numeric: true,
      render: (row) => format.pct(row.conversion),
    },
  ];
  return (
    <Card
      title={title}
      titleId="funnel-breakdown"
      actions={<CsvButton fileName={`funnel-by-${property}`} columns={columns} rows={rows} label={title} />}
    >
      {rows.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-600">
          {t('insight.funnels.breakdownEmpty', { property })}
        </p>
      ) : (
        // a focusable region: with many steps the table scrolls sideways, and a keyboard can scroll it
        <div
          tabIndex={0}
          className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <table aria-label={title} className="w-full border-collapse text-left text-sm">
            <thead>
              <tr>
                {columns.map((column) => (
                  <Th
                    key={column.key}
                    className={cx('whitespace-normal normal-case', column.numeric && 'text-right')}
                  >
                    {column.label}
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.value}>
                  {columns.map((column) => (
                    <Td
                      key={column.key}
                      className={cx('text-slate-700', column.numeric && 'text-right tabular-nums')}
                    >
                      {column.render ? column.render(row) : String(row[column.key] ?? '')}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
