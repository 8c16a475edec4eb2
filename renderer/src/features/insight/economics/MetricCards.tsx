import { Info } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../../lib/cx';
import { DeltaBadge } from '../shared/DeltaBadge';
import {
  metricDefinitions,
  type Economics,
  type EconomicsMonth,
  type MetricDefinition,
  type ZeroChurnChoice,
} from './economics-data';
import type { useEconomicsFormat } from './use-economics-format';

type Format = ReturnType<typeof useEconomicsFormat>;

/**
 * The headline figures of one month, each with what it means (a button opens the explanation) and
 * its change against the month before: in percent, or in percentage points for a percentage.
 */
export function MetricCards({
  economics,
  index,
  zeroChurn,
  format,
}: {
  economics: Economics;
  index: number;
  zeroChurn: ZeroChurnChoice;
  format: Format;
}) {
  const { t } = useTranslation();
  const month = economics.months[index]!;
  const previous = index > 0 ? economics.months[index - 1]! : null;
  const breakEven = economics.breakEvenMonth;
  // no rate from US dollars is known: the core left the model costs out (the page's note says so)
  const excluded = economics.modelCostsExcluded === true;
  const breakEvenStart = breakEven ? economics.months.find((m) => m.month === breakEven)?.start : undefined;

  return (
    <ul
      className="grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-4"
      aria-label={t('insight.economics.cards.label')}
    >
      {metricDefinitions.map((definition) => (
        <MetricCard
          key={definition.key}
          title={t(`insight.economics.metrics.${definition.key}.title`)}
          value={valueText(definition, month, format, t, zeroChurn)}
          explanation={explanation(definition, t, zeroChurn)}
          delta={previous && deltaOf(definition, month, previous, format)}
          note={noteOf(definition, month, format, t, zeroChurn, excluded)}
        />
      ))}
      <MetricCard
        title={t('insight.economics.metrics.breakEven.title')}
        value={
          breakEvenStart !== undefined
            ? format.month(breakEvenStart)
            : t('insight.economics.metrics.breakEven.none')
        }
        explanation={t('insight.economics.metrics.breakEven.explanation')}
        note={t('insight.economics.metrics.breakEven.note', { profit: format.money(month.profit) })}
      />
    </ul>
  );
}

function MetricCard({
  title,
  value,
  explanation,
  delta,
  note,
}: {
  title: string;
  value: string;
  explanation: ReactNode;
  delta?: ReactNode;
  note?: ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <li className="flex min-w-0 flex-col rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <div className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-600">{title}</h3>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-about`}
          aria-label={t('insight.economics.cards.about', { name: title })}
          title={t('insight.economics.cards.about', { name: title })}
          onClick={() => setOpen((current) => !current)}
          className={cx(
            '-m-1 inline-flex min-h-11 min-w-11 items-center justify-center rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600 md:min-h-0 md:min-w-0',
            open && 'bg-slate-100 text-slate-700',
          )}
        >
          <Info aria-hidden="true" className="size-4" />
        </button>
      </div>
      <p className="mt-1 text-xl font-semibold tracking-tight break-words text-slate-900 tabular-nums">
        {value}
      </p>
      {(delta || note) && (
        <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1">
          {delta}
          {note && <span className="text-xs text-slate-600">{note}</span>}
        </div>
      )}
      <p
        id={`${id}-about`}
        hidden={!open}
        className="mt-3 border-t border-slate-100 pt-2 text-xs text-slate-700"
      >
        {explanation}
      </p>
    </li>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function formatValue(definition: MetricDefinition, value: number, format: Format, t: T): string {
  switch (definition.kind) {
    case 'money':
      return format.money(value);
    case 'count':
      return String(value);
    case 'percent':
      return format.percent(value);
    case 'ratio':
      return definition.key === 'ltvToCac'
        ? t('insight.economics.ratioToOne', { ratio: format.ratio(value) })
        : format.ratio(value);
    case 'months':
      return t('insight.economics.months', {
        count: Math.round(value * 10) / 10,
        value: format.decimal(value),
      });
  }
}

function valueText(
  definition: MetricDefinition,
  month: EconomicsMonth,
  format: Format,
  t: T,
  zeroChurn: ZeroChurnChoice,
): string {
  const value = definition.value(month);
  if (value !== null) return formatValue(definition, value, format, t);
  if (definition.key === 'ltv' && zeroChurn === 'infinite' && month.customerChurnPercent === 0)
    return t('insight.economics.unbounded');
  return '—';
}

function deltaOf(
  definition: MetricDefinition,
  month: EconomicsMonth,
  previous: EconomicsMonth,
  format: Format,
) {
  const current = definition.value(month);
  const before = definition.value(previous);
  if (current === null || before === null) return null;
  return (
    <DeltaBadge
      current={current}
      previous={before}
      higherIsBetter={definition.higherIsBetter}
      // a percentage's change in percentage points ("−20 pts"), not in percent of itself
      unit={definition.kind === 'percent' ? 'points' : 'percent'}
      previousText={
        definition.kind === 'percent'
          ? format.percent(before)
          : definition.kind === 'money'
            ? format.money(before)
            : format.ratio(before)
      }
    />
  );
}

function explanation(definition: MetricDefinition, t: T, zeroChurn: ZeroChurnChoice): string {
  if (definition.key === 'ltv')
    return `${t('insight.economics.metrics.ltv.explanation')} ${zeroChurnMeaning(t, zeroChurn)}`;
  return t(`insight.economics.metrics.${definition.key}.explanation`);
}

/** What the zero-churn setting makes of a month without churn, in words. */
export function zeroChurnMeaning(t: T, zeroChurn: ZeroChurnChoice): string {
  return zeroChurn === 'infinite'
    ? t('insight.economics.zeroChurn.meaningInfinite')
    : t('insight.economics.zeroChurn.meaningCap', { count: Number(zeroChurn) });
}

function noteOf(
  definition: MetricDefinition,
  m: EconomicsMonth,
  format: Format,
  t: T,
  zeroChurn: ZeroChurnChoice,
  modelCostsExcluded: boolean,
): string | null {
  const key = `insight.economics.metrics.${definition.key}`;
  switch (definition.key) {
    case 'mrr':
      return t(`${key}.note`, { amount: format.money(m.netNewMrr) });
    case 'arr':
      return t(`${key}.note`);
    case 'customers':
      return t(`${key}.note`, { added: m.newCustomers, lost: m.churnedCustomers });
    case 'arpa':
      return t(`${key}.note`);
    case 'customerChurn':
      return t(`${key}.note`, { count: m.churnedCustomers });
    case 'grossRevenueChurn':
      return t(`${key}.note`, { amount: format.money(m.churnMrr + m.contractionMrr) });
    case 'netRevenueChurn':
      return m.netRevenueChurnPercent !== null && m.netRevenueChurnPercent < 0
        ? t(`${key}.negative`)
        : t(`${key}.note`);
    case 'ltv':
      if (m.customerChurnPercent === 0) return zeroChurnMeaning(t, zeroChurn);
      return m.ltv === null ? t('insight.economics.notKnown') : t(`${key}.note`);
    case 'cac':
      return m.cac === null
        ? t(`${key}.none`)
        : t(`${key}.note`, { amount: format.money(m.campaignSpend), count: m.newCustomers });
    case 'ltvToCac':
      if (m.ltvToCac !== null) return t(`${key}.note`);
      return m.cac === 0 ? t(`${key}.noSpend`) : t('insight.economics.notKnown');
    case 'payback':
      return m.paybackMonths === null ? t('insight.economics.notKnown') : t(`${key}.note`);
    case 'grossMargin':
      return m.grossMarginPercent === null
        ? t(`${key}.noRevenue`)
        : modelCostsExcluded
          ? t(`${key}.noteExcluded`, {
              revenue: format.money(m.revenue),
              costs: format.money(m.otherCosts),
            })
          : t(`${key}.note`, {
              revenue: format.money(m.revenue),
              costs: format.money(m.modelCosts + m.otherCosts),
            });
    case 'quickRatio':
      return m.quickRatio === null ? t(`${key}.noLosses`) : t(`${key}.note`);
  }
}
