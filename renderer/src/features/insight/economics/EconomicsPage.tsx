import { Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { SelectField } from '../../../components/Field';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews';
import { useLoad } from '../../../lib/use-load';
import { useNow } from '../../../lib/use-now';
import { transport } from '../../../transport';
import { PdfButton } from '../reports/PdfButton';
import { CostsEditor, RevenueAndCosts } from './CostsEditor';
import { MovementsChart, MrrForecastChart } from './EconomicsCharts';
import {
  defaultMonthIndex,
  forecastChoices,
  hasPayingCustomers,
  rangeChoices,
  zeroChurnChoices,
  zeroChurnInput,
  type Economics,
  type ZeroChurnChoice,
} from './economics-data';
import { useEconomicsViewStore } from './economics-view-store';
import { MetricCards } from './MetricCards';
import { useEconomicsFormat } from './use-economics-format';

/**
 * The platform admin's unit economics of the installation (issue 17, section 4): headline figures
 * of a month with their change against the month before, MRR movements, MRR with its forecast and
 * prediction intervals, revenue and costs per month, and the costs the admin enters.
 */
export function EconomicsPage() {
  const { t } = useTranslation();
  // kept across leaving the page (a store, not the component's state)
  const { months, forecastMonths, zeroChurn, setMonths, setForecastMonths, setZeroChurn } =
    useEconomicsViewStore();
  const economics = useLoad(
    () =>
      transport.call('insight.economics', { months, forecastMonths, zeroChurn: zeroChurnInput(zeroChurn) }),
    `economics-${months}-${forecastMonths}-${zeroChurn}`,
  );
  const data = economics.data;
  // the PDF's period: the months the page shows (the figures follow months and months ahead)
  const pdfNow = useNow(60_000);
  const monthsStart = Date.UTC(
    new Date(pdfNow).getUTCFullYear(),
    new Date(pdfNow).getUTCMonth() - (months - 1),
    1,
  );

  return (
    <div>
      <PageHeader
        title={t('insight.titles.economics')}
        description={t('insight.economics.description')}
        actions={
          <PdfButton
            dashboard="economics"
            filters={{ from: monthsStart, to: pdfNow + 1, months, forecastMonths, zeroChurn }}
          />
        }
      />
      <div className="mb-6 grid gap-x-6 gap-y-3 rounded-xl bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.4fr)]">
        <SelectField
          label={t('insight.economics.settings.range')}
          value={String(months)}
          onChange={(event) => setMonths(Number(event.target.value))}
          options={rangeChoices.map((n) => ({
            value: String(n),
            label: t('insight.economics.settings.lastMonths', { count: n }),
          }))}
        />
        <SelectField
          label={t('insight.economics.settings.forecast')}
          value={String(forecastMonths)}
          onChange={(event) => setForecastMonths(Number(event.target.value))}
          options={forecastChoices.map((n) => ({
            value: String(n),
            label: t('insight.economics.settings.monthsAhead', { count: n }),
          }))}
        />
        <SelectField
          label={t('insight.economics.settings.zeroChurn')}
          value={zeroChurn}
          onChange={(event) => setZeroChurn(event.target.value as ZeroChurnChoice)}
          hint={t('insight.economics.settings.zeroChurnHint')}
          options={zeroChurnChoices.map((choice) => ({
            value: choice,
            label:
              choice === 'infinite'
                ? t('insight.economics.zeroChurn.infinite')
                : choice === '60'
                  ? t('insight.economics.zeroChurn.capStripe', { count: 60 })
                  : t('insight.economics.zeroChurn.cap', { count: Number(choice) }),
          }))}
        />
      </div>
      {economics.error && !data ? (
        <ErrorState error={economics.error} onRetry={economics.reload} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <Figures
          economics={data}
          zeroChurn={zeroChurn}
          months={months}
          onChanged={economics.reload}
          loading={economics.loading}
        />
      )}
    </div>
  );
}

function Figures({
  economics,
  zeroChurn,
  months,
  onChanged,
  loading,
}: {
  economics: Economics;
  zeroChurn: ZeroChurnChoice;
  months: number;
  onChanged(): void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const format = useEconomicsFormat(economics.currency);
  const now = useNow(60_000);
  const fallback = defaultMonthIndex(economics.months, now);
  const chosen = useEconomicsViewStore((state) => state.chosenMonth);
  const setChosen = useEconomicsViewStore((state) => state.setChosenMonth);
  const found = chosen === null ? -1 : economics.months.findIndex((m) => m.month === chosen);
  const index = found === -1 ? fallback : found;
  // a range that no longer holds the chosen month shows the default one
  const paying = hasPayingCustomers(economics.months);
  const current = economics.months.at(-1);
  const isCurrent = (start: number) =>
    new Date(start).toISOString().slice(0, 7) === new Date(now).toISOString().slice(0, 7);

  return (
    <div className="flex flex-col gap-6" aria-busy={loading || undefined}>
      {economics.modelCostsExcluded && (
        <Alert tone="warning" title={t('insight.economics.excluded.title')}>
          {t('insight.economics.excluded.body', {
            usd: format.moneyIn(Math.round((economics.modelCostsUsdMicros ?? 0) / 10_000), 'USD'),
            currency: economics.currency,
          })}
        </Alert>
      )}
      {!paying || index === -1 ? (
        <section
          aria-labelledby="economics-empty"
          className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200"
        >
          <h2 id="economics-empty" className="sr-only">
            {t('insight.economics.cards.title')}
          </h2>
          <EmptyState icon={Users} title={t('insight.economics.empty')}>
            {t('insight.economics.emptyHint')}
          </EmptyState>
        </section>
      ) : (
        <>
          <section aria-labelledby="economics-figures">
            <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
              <div>
                <h2 id="economics-figures" className="text-base font-semibold text-slate-900">
                  {t('insight.economics.cards.titleOf', {
                    month: format.month(economics.months[index]!.start),
                  })}
                </h2>
                <p className="text-sm text-slate-600">
                  {index > 0
                    ? t('insight.economics.cards.against', {
                        month: format.month(economics.months[index - 1]!.start),
                      })
                    : t('insight.economics.cards.noPrevious')}{' '}
                  {t('insight.economics.cards.stripe')}
                </p>
              </div>
              <SelectField
                className="w-56"
                label={t('insight.economics.cards.month')}
                value={economics.months[index]!.month}
                onChange={(event) => setChosen(event.target.value)}
                options={[...economics.months].reverse().map((m) => ({
                  value: m.month,
                  label: isCurrent(m.start)
                    ? t('insight.economics.cards.soFar', { month: format.month(m.start) })
                    : format.month(m.start),
                }))}
              />
            </div>
            <MetricCards economics={economics} index={index} zeroChurn={zeroChurn} format={format} />
            {current && (
              <p className="mt-3 text-xs text-slate-600">
                {t('insight.economics.cards.mrrNow', {
                  mrr: format.money(current.mrr),
                  customers: current.customers,
                })}
              </p>
            )}
          </section>
          <div className="grid gap-6 2xl:grid-cols-2">
            <MovementsChart economics={economics} format={format} />
            <MrrForecastChart economics={economics} format={format} />
          </div>
        </>
      )}
      <RevenueAndCosts economics={economics} format={format} />
      <CostsEditor months={months} format={format} onChanged={onChanged} />
    </div>
  );
}
