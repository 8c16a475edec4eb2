import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { SelectField } from '../../../components/Field';
import { LoadingState } from '../../../components/StateViews';
import { useErrorMessage } from '../../../i18n/error-message';
import { useFormat } from '../../../i18n/format';
import { useLoad } from '../../../lib/use-load';
import { useNow } from '../../../lib/use-now';
import { transport } from '../../../transport';
import { CsvButton } from '../shared/CsvButton';
import { InsightHeader } from '../shared/InsightHeader';
import { useInsightRangeStore } from '../shared/insight-range-store';
import { nameOptions, useEventNames } from '../funnels/use-event-names';
import { useEventLabel } from '../shared/event-label';
import { cellBackground, cellColors } from './heat-map';
import { retentionCsvRows, retentionTable, type RetentionCell } from './retention-model';
import { useRetentionStore } from './retention-store';

const dayMs = 86_400_000;

/** As many intervals as the range has periods: 4–12 weeks, 3–12 months. */
export function intervalsFor(period: 'week' | 'month', from: number, to: number): number {
  const days = (to - from) / dayMs;
  return period === 'week'
    ? Math.max(4, Math.min(12, Math.ceil(days / 7)))
    : Math.max(3, Math.min(12, Math.ceil(days / 30.44)));
}

/**
 * Retention (issue 17, section 3): a cohort matrix from insight.retention as a heat map — cohorts by
 * the week or month of their start event, the share of each who came back in each interval after it
 * — weekly or monthly, first time or recurring (Mixpanel's semantics), with the start and return
 * events to choose.
 */
export function RetentionView() {
  const { t } = useTranslation();
  const { locale, number, percent } = useFormat();
  const message = useErrorMessage();
  const choice = useRetentionStore();
  const from = useInsightRangeStore((state) => state.from);
  const to = useInsightRangeStore((state) => state.to);
  const names = useEventNames();
  const eventLabel = useEventLabel();
  const known = useMemo(() => names.data?.items.map((item) => item.name) ?? [], [names.data]);
  const periods = intervalsFor(choice.period, from, to);
  const input = {
    period: choice.period,
    mode: choice.mode,
    from,
    to,
    periods,
    ...(choice.startEvent ? { startEvent: choice.startEvent } : {}),
    ...(choice.returnEvent ? { returnEvent: choice.returnEvent } : {}),
  };
  const retention = useLoad(() => transport.call('insight.retention', input), JSON.stringify(input));
  const data = retention.data;
  const now = useNow(60_000);
  const table = useMemo(() => (data ? retentionTable(data, now) : null), [data, now]);
  const fresh = !retention.loading;

  const cohortDate = useMemo(
    () =>
      new Intl.DateTimeFormat(
        locale,
        choice.period === 'week'
          ? { dateStyle: 'medium', timeZone: 'UTC' }
          : { month: 'long', year: 'numeric', timeZone: 'UTC' },
      ),
    [locale, choice.period],
  );
  const pct = (value: number) => percent(Math.round(value));
  const intervalName = (n: number) => t(`insight.retention.interval.${choice.period}`, { n });
  const eventChoices = (chosen: string) => [
    { value: '', label: t('insight.retention.anyEvent') },
    // the platform's events in the user's language, custom ones as written (the raw name is the title)
    ...nameOptions(known, [chosen]).map((name) => ({ value: name, label: eventLabel(name) })),
  ];

  const title = t(`insight.retention.matrixTitle.${choice.period}_${choice.mode}`);
  const csvColumns = table
    ? [
        { key: 'cohort', label: t('insight.retention.cohort') },
        { key: 'size', label: t('insight.retention.size') },
        ...Array.from({ length: table.intervals }, (_, n) => [
          { key: `n${n}`, label: t('insight.retention.csvCount', { interval: intervalName(n) }) },
          { key: `p${n}`, label: t('insight.retention.csvPercent', { interval: intervalName(n) }) },
        ]).flat(),
      ]
    : [];

  const cell = (value: RetentionCell | null, size: number, key: string, heading: string) => {
    if (!value)
      return (
        <td key={key} className="border border-white px-2 py-2 text-center text-xs text-slate-600">
          <span aria-hidden="true">–</span>
          <span className="sr-only">{t('insight.retention.notYet')}</span>
        </td>
      );
    const colors = cellColors(value.percent);
    const counted = t('insight.retention.cellCount', { value: number(value.retained), size: number(size) });
    return (
      <td
        key={key}
        title={`${heading}: ${pct(value.percent)} (${counted})`}
        className="border border-white px-2 py-2 text-center text-xs font-medium tabular-nums"
        style={{ background: colors.background, color: colors.color }}
      >
        {pct(value.percent)}
        <span className="sr-only"> ({counted})</span>
      </td>
    );
  };

  return (
    <div>
      <InsightHeader
        view="retention"
        title={t('insight.titles.retention')}
        description={t('insight.retention.description')}
        filters={{
          period: t(`insight.retention.periods.${choice.period}`),
          mode: t(`insight.retention.modes.${choice.mode}`),
          startEvent: choice.startEvent ? eventLabel(choice.startEvent) : t('insight.retention.anyEvent'),
          returnEvent: choice.returnEvent ? eventLabel(choice.returnEvent) : t('insight.retention.anyEvent'),
        }}
      />

      <div className="mb-6 grid gap-x-6 gap-y-4 rounded-xl bg-white px-4 py-4 shadow-xs ring-1 ring-slate-200 md:grid-cols-2 xl:grid-cols-4">
        <SelectField
          label={t('insight.retention.period')}
          value={choice.period}
          options={(['week', 'month'] as const).map((period) => ({
            value: period,
            label: t(`insight.retention.periods.${period}`),
          }))}
          onChange={(event) => choice.set({ period: event.target.value === 'month' ? 'month' : 'week' })}
        />
        <SelectField
          label={t('insight.retention.mode')}
          value={choice.mode}
          hint={t(`insight.retention.modeHint.${choice.mode}`)}
          options={(['first_time', 'recurring'] as const).map((mode) => ({
            value: mode,
            label: t(`insight.retention.modes.${mode}`),
          }))}
          onChange={(event) =>
            choice.set({ mode: event.target.value === 'recurring' ? 'recurring' : 'first_time' })
          }
        />
        <SelectField
          label={t('insight.retention.startEvent')}
          hint={t('insight.retention.startEventHint')}
          value={choice.startEvent}
          title={choice.startEvent || undefined}
          options={eventChoices(choice.startEvent)}
          onChange={(event) => choice.set({ startEvent: event.target.value })}
        />
        <SelectField
          label={t('insight.retention.returnEvent')}
          hint={t('insight.retention.returnEventHint')}
          value={choice.returnEvent}
          title={choice.returnEvent || undefined}
          options={eventChoices(choice.returnEvent)}
          onChange={(event) => choice.set({ returnEvent: event.target.value })}
        />
      </div>

      <Card
        title={title}
        titleId="retention-matrix"
        actions={
          table && table.rows.length > 0 ? (
            <CsvButton
              fileName={`retention-${choice.period}-${choice.mode}`}
              columns={csvColumns}
              rows={retentionCsvRows(table)}
              label={title}
            />
          ) : null
        }
      >
        {retention.error ? (
          <div className="p-5">
            <Alert
              tone="error"
              title={t('common.loadFailed')}
              reason={retention.error.reason}
              action={
                <Button size="sm" onClick={retention.reload}>
                  {t('common.retry')}
                </Button>
              }
            >
              {message(retention.error)}
            </Alert>
          </div>
        ) : !table || !fresh ? (
          <LoadingState />
        ) : table.rows.length === 0 ? (
          <div className="px-6 py-10 text-center">
            <p className="text-sm font-semibold text-slate-900">{t('insight.shared.empty')}</p>
            <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{t('insight.retention.emptyHint')}</p>
          </div>
        ) : (
          <div className="p-4">
            <p className="mb-3 text-sm text-slate-600">
              {t(`insight.retention.explain.${choice.period}`, {
                people: t('insight.retention.peopleCount', {
                  count: table.totalSize,
                  value: number(table.totalSize),
                }),
                cohorts: t('insight.retention.cohortCount', {
                  count: table.rows.length,
                  value: number(table.rows.length),
                }),
              })}
            </p>
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-sm" aria-labelledby="retention-matrix">
                <thead>
                  <tr>
                    <th scope="col" className="px-2 py-2 text-left text-xs font-semibold text-slate-700">
                      {t('insight.retention.cohort')}
                    </th>
                    <th scope="col" className="px-2 py-2 text-right text-xs font-semibold text-slate-700">
                      {t('insight.retention.size')}
                    </th>
                    {Array.from({ length: table.intervals }, (_, n) => (
                      <th
                        key={n}
                        scope="col"
                        className="px-2 py-2 text-center text-xs font-semibold whitespace-nowrap text-slate-700"
                      >
                        {intervalName(n)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr className="border-b-2 border-slate-300">
                    <th scope="row" className="px-2 py-2 text-left text-xs font-semibold text-slate-900">
                      {t('insight.retention.average')}
                    </th>
                    <td className="px-2 py-2 text-right text-xs font-semibold text-slate-900 tabular-nums">
                      {number(table.totalSize)}
                    </td>
                    {table.average.map((value, n) => cell(value, value?.size ?? 0, `a${n}`, intervalName(n)))}
                  </tr>
                  {table.rows.map((row) => (
                    <tr key={row.start}>
                      <th
                        scope="row"
                        className="px-2 py-2 text-left text-xs font-medium whitespace-nowrap text-slate-800"
                      >
                        {cohortDate.format(row.start)}
                      </th>
                      <td className="px-2 py-2 text-right text-xs text-slate-800 tabular-nums">
                        {number(row.size)}
                      </td>
                      {row.cells.map((value, n) =>
                        cell(value, row.size, `${row.start}-${n}`, intervalName(n)),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="mt-4 flex flex-wrap items-center gap-2 text-xs text-slate-700" aria-hidden="true">
              <span>{percent(0)}</span>
              <span
                className="inline-block h-3 w-48 rounded-sm ring-1 ring-slate-200"
                style={{
                  background: `linear-gradient(to right, ${[0, 20, 49.9, 50, 100]
                    .map((p) => `${cellBackground(p)} ${p}%`)
                    .join(', ')})`,
                }}
              />
              <span>{percent(100)}</span>
              <span className="ml-2">{t('insight.retention.legend')}</span>
            </div>
          </div>
        )}
      </Card>
    </div>
  );
}
