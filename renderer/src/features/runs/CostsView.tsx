import { Coins } from 'lucide-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { NativeSelect } from '../../components/Field';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { Table, Td, Th } from '../../components/Table';
import type { MethodOutput } from '../../contract';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { transport } from '../../transport';
import { stepModelLabel } from '../agents/models';
import { useProvidersStore } from '../../stores/providers-store';
import { groupCosts, totalCosts, type CostGrouping } from './costs';
import { useMoney } from '../../i18n/use-money';
import { MoneyNote } from '../../components/MoneyNote';
import { dateInputValue, dayEnd, dayStart } from './run-status';
import { DateInput, FilterField } from '../../components/FilterField';

type Answer = MethodOutput<'runs.costs'>;
const groupings: CostGrouping[] = ['day', 'agent', 'model', 'all'];

export function CostsView() {
  const { t } = useTranslation();
  const { number, date } = useFormat();
  const { cost: money } = useMoney();
  const providers = useProvidersStore((state) => state.providers);
  const ensureProviders = useProvidersStore((state) => state.ensure);
  const [from, setFrom] = useState(() => dateInputValue(Date.now() - 29 * 24 * 3600 * 1000));
  const [to, setTo] = useState(() => dateInputValue(Date.now()));
  const [by, setBy] = useState<CostGrouping>('day');
  const ids = { from: useId(), to: useId(), by: useId() };
  const costs = useLoad<Answer>(() => {
    const start = dayStart(from);
    const end = dayEnd(to);
    return transport.call('runs.costs', {
      ...(start !== undefined ? { from: start } : {}),
      ...(end !== undefined ? { to: end } : {}),
    });
  }, `${from}|${to}`);
  const answer = costs.data;
  const { error, loading } = costs;

  useEffect(() => {
    void ensureProviders();
  }, [ensureProviders]);

  const lines = useMemo(() => groupCosts(answer?.rows ?? [], by), [answer, by]);
  const totals = useMemo(() => totalCosts(answer?.rows ?? []), [answer]);
  const dayLabel = (day: string) => {
    const start = dayStart(day);
    return start === undefined ? day : date(start);
  };

  return (
    <Card>
      <form
        aria-label={t('runs.costs.filters')}
        onSubmit={(event) => event.preventDefault()}
        className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-5 py-4"
      >
        <FilterField id={ids.from} label={t('runs.filters.from')} className="w-40">
          <DateInput id={ids.from} value={from} max={to || undefined} onChange={setFrom} />
        </FilterField>
        <FilterField id={ids.to} label={t('runs.filters.to')} className="w-40">
          <DateInput id={ids.to} value={to} min={from || undefined} onChange={setTo} />
        </FilterField>
        <FilterField id={ids.by} label={t('runs.costs.groupBy')} className="w-52">
          <NativeSelect
            id={ids.by}
            value={by}
            onChange={(event) => setBy(event.target.value as CostGrouping)}
            options={groupings.map((g) => ({ value: g, label: t(`runs.costs.grouping.${g}`) }))}
          />
        </FilterField>
        {answer && (
          <div className="ml-auto text-right">
            <p className="text-xs font-medium text-slate-500 uppercase">{t('runs.costs.total')}</p>
            <p className="text-2xl font-semibold text-slate-900 tabular-nums">
              {money(answer.totalCostMicros)}
            </p>
            <MoneyNote className="mt-0.5 max-w-72" />
          </div>
        )}
      </form>
      {error ? (
        <ErrorState error={error} onRetry={costs.reload} />
      ) : !answer || (loading && lines.length === 0) ? (
        <LoadingState label={t('runs.costs.loading')} />
      ) : lines.length === 0 ? (
        <EmptyState icon={Coins} title={t('runs.costs.empty')}>
          {t('runs.costs.emptyHint')}
        </EmptyState>
      ) : (
        <Table label={t('runs.costs.tableLabel')}>
          <thead>
            <tr>
              {(by === 'day' || by === 'all') && <Th>{t('runs.costs.columns.day')}</Th>}
              {(by === 'agent' || by === 'all') && <Th>{t('runs.columns.agent')}</Th>}
              {(by === 'model' || by === 'all') && <Th>{t('runs.costs.columns.model')}</Th>}
              <Th className="text-right">{t('runs.costs.columns.steps')}</Th>
              <Th className="text-right">{t('runs.costs.columns.tokensIn')}</Th>
              <Th className="text-right">{t('runs.costs.columns.tokensOut')}</Th>
              <Th className="text-right">{t('runs.columns.cost')}</Th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.key} className="hover:bg-slate-50/60">
                {line.day !== null && (
                  <Td className="whitespace-nowrap text-slate-900">{dayLabel(line.day)}</Td>
                )}
                {line.agentName !== null && <Td className="text-slate-900">{line.agentName}</Td>}
                {line.model !== null && (
                  <Td className="text-slate-700">{stepModelLabel(t, line.model, providers)}</Td>
                )}
                <Td className="text-right tabular-nums">{number(line.steps)}</Td>
                <Td className="text-right tabular-nums">{number(line.tokensIn)}</Td>
                <Td className="text-right tabular-nums">{number(line.tokensOut)}</Td>
                <Td className="text-right font-medium tabular-nums">{money(line.costMicros)}</Td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="bg-slate-50 font-semibold">
              <Td colSpan={by === 'all' ? 3 : 1} className="text-slate-900">
                {t('runs.costs.totals')}
              </Td>
              <Td className="text-right tabular-nums">{number(totals.steps)}</Td>
              <Td className="text-right tabular-nums">{number(totals.tokensIn)}</Td>
              <Td className="text-right tabular-nums">{number(totals.tokensOut)}</Td>
              <Td className="text-right tabular-nums">{money(totals.costMicros)}</Td>
            </tr>
          </tfoot>
        </Table>
      )}
    </Card>
  );
}
