import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/FilterField';
import { PageHeader } from '../../../components/PageHeader';
import { SwitchField } from '../../../components/Switch';
import { cx } from '../../../lib/cx';
import { useNow } from '../../../lib/use-now';
import type { InsightView } from '../InsightPage';
import { PdfButton } from '../reports/PdfButton';
import { dayMs, rangePresets, useInsightRangeStore } from './insight-range-store';

/** A UTC day as the date input writes it. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parseIsoDay = (value: string): number | null => {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
};

/**
 * An Insight view's header: its h1 (PageHeader), the range bar (the last 7–365 days or chosen
 * dates, and "compare to previous period") and, beside the view's own actions, the PDF of the
 * dashboard with the filter values it shows (`filters`: the view's own, like channel or language).
 */
export function InsightHeader({
  view,
  title,
  description,
  filters,
  actions,
}: {
  view: InsightView;
  title: string;
  description?: ReactNode;
  filters?: Record<string, string | number | boolean | undefined>;
  actions?: ReactNode;
}) {
  const from = useInsightRangeStore((state) => state.from);
  const to = useInsightRangeStore((state) => state.to);
  const compare = useInsightRangeStore((state) => state.compare);
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={
          <>
            {actions}
            <PdfButton dashboard={view} filters={{ ...filters, from, to, compare }} />
          </>
        }
      />
      <RangeBar />
    </>
  );
}

/** The section's range: presets, dates by hand, and the comparison with the period before. */
export function RangeBar({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { preset, from, to, compare, setPreset, setCustom, setCompare } = useInsightRangeStore();
  const ids = { from: useId(), to: useId(), group: useId() };
  const today = isoDay(useNow(3_600_000));
  const lastDay = isoDay(to - dayMs);
  const presetClass = (active: boolean) =>
    cx(
      'h-11 px-3 text-sm font-medium transition-colors md:h-9 first:rounded-l-md last:rounded-r-md focus-visible:relative focus-visible:outline-2 focus-visible:outline-indigo-600',
      active ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-50',
    );
  return (
    <div
      className={cx(
        'mb-6 flex flex-wrap items-end gap-x-6 gap-y-3 rounded-xl bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200',
        className,
      )}
    >
      <div role="group" aria-labelledby={ids.group} className="flex flex-col gap-1.5">
        <span id={ids.group} className="text-sm font-medium text-slate-800">
          {t('insight.shared.range')}
        </span>
        <div className="inline-flex divide-x divide-slate-300 rounded-md ring-1 ring-slate-300">
          {rangePresets.map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={preset === name}
              className={presetClass(preset === name)}
              onClick={() => setPreset(name)}
            >
              {t(`insight.shared.presets.${name}`)}
            </button>
          ))}
          <button
            type="button"
            aria-pressed={preset === 'custom'}
            className={presetClass(preset === 'custom')}
            onClick={() => setCustom(from, to - dayMs)}
          >
            {t('insight.shared.presets.custom')}
          </button>
        </div>
      </div>
      {preset === 'custom' && (
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1.5">
            <label htmlFor={ids.from} className="text-sm font-medium text-slate-800">
              {t('insight.shared.from')}
            </label>
            <DateInput
              id={ids.from}
              value={isoDay(from)}
              max={lastDay}
              onChange={(value) => {
                const day = parseIsoDay(value);
                if (day !== null) setCustom(day, to - dayMs);
              }}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor={ids.to} className="text-sm font-medium text-slate-800">
              {t('insight.shared.to')}
            </label>
            <DateInput
              id={ids.to}
              value={lastDay}
              min={isoDay(from)}
              max={today}
              onChange={(value) => {
                const day = parseIsoDay(value);
                if (day !== null) setCustom(from, day);
              }}
            />
          </div>
        </div>
      )}
      <SwitchField
        className="pb-1.5"
        label={t('insight.shared.compare')}
        checked={compare}
        onChange={setCompare}
      />
    </div>
  );
}
