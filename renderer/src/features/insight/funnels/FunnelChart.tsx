import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { usePercent } from './use-percent';
import { chartColors } from '../shared/chart-colors';
import { useEventLabel } from '../shared/event-label';
import type { FunnelRow } from './funnel-model';

/**
 * The funnel as bars: one row per step, its bar as long as its share of the first step, the count
 * and conversion beside it and the drop-off from the step before under it. With a comparison, the
 * previous period's share is a dashed outline behind the bar (and said in words).
 */
export function FunnelChart({ rows, compare }: { rows: readonly FunnelRow[]; compare: boolean }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const pct = usePercent();
  const eventLabel = useEventLabel();
  return (
    <div className="px-2 pb-2">
      {compare && (
        <div className="mb-3 flex flex-wrap gap-4 text-xs text-slate-700">
          <span className="inline-flex items-center gap-1.5">
            <span className="inline-block h-3 w-5 rounded-sm" style={{ background: chartColors.primary }} />
            {t('insight.funnels.chart.current')}
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span
              className="inline-block h-3 w-5 rounded-sm border-2 border-dashed"
              style={{ borderColor: chartColors.previous }}
            />
            {t('insight.funnels.chart.previous')}
          </span>
        </div>
      )}
      <ol className="flex flex-col gap-3">
        {rows.map((row) => (
          <li
            key={row.position}
            className="grid grid-cols-[minmax(8rem,14rem)_minmax(0,1fr)] items-center gap-3"
          >
            <div className="min-w-0 text-sm">
              <span className="font-semibold text-slate-900">{row.position}. </span>
              <span className="break-words text-slate-800" title={row.name}>
                {eventLabel(row.name)}
              </span>
            </div>
            <div className="min-w-0">
              <div className="relative h-8 rounded-md bg-slate-100">
                {compare && row.previousConversion !== null && (
                  <div
                    className="absolute inset-y-0 left-0 rounded-md border-2 border-dashed"
                    style={{
                      width: `${Math.min(100, row.previousConversion)}%`,
                      borderColor: chartColors.previous,
                    }}
                  />
                )}
                <div
                  className="absolute inset-y-1 left-0 rounded"
                  style={{
                    width: `${Math.max(row.count > 0 ? 0.5 : 0, Math.min(100, row.conversion))}%`,
                    background: chartColors.primary,
                  }}
                />
              </div>
              <div className="mt-1 flex flex-wrap items-baseline justify-between gap-x-3 text-xs">
                <span className="text-slate-900">
                  <span className="font-semibold tabular-nums">{pct(row.conversion)}</span>{' '}
                  {t('insight.funnels.chart.actors', { count: row.count, value: number(row.count) })}
                  {compare && row.previousConversion !== null && row.previousCount !== null && (
                    <span className="text-slate-600">
                      {' · '}
                      {t('insight.funnels.chart.before', {
                        percent: pct(row.previousConversion),
                        value: number(row.previousCount),
                      })}
                    </span>
                  )}
                </span>
                {row.position > 1 && row.dropOff === 0 && (
                  <span className="text-slate-600">{t('insight.funnels.chart.noDropOff')}</span>
                )}
                {row.position > 1 && row.dropOff > 0 && (
                  <span className="text-red-700 tabular-nums">
                    {t('insight.funnels.chart.dropOff', {
                      value: number(row.dropOff),
                      percent: pct(row.dropOffPercent),
                    })}
                  </span>
                )}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
