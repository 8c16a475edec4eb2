import { ArrowRight } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { pagePaths } from '../../router/routes';
import { useAgentsStore } from '../../stores/agents-store';
import { transport } from '../../transport';
import { useMoney } from '../../i18n/use-money';
import { MoneyNote } from '../../components/MoneyNote';

const runsLimit = 200;

function startOfToday(): number {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

/** Active agents, and today's runs and cost, from the methods the other screens use. */
export function AgentsSummaryCard() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const money = useMoney();
  const { agents, status, error, load } = useAgentsStore();
  const today = startOfToday();
  const stats = useLoad(async () => {
    const [runs, costs] = await Promise.all([
      transport.call('runs.list', { from: today, limit: runsLimit }),
      transport.call('runs.costs', { from: today }),
    ]);
    return { runs: runs.runs.length, more: runs.nextBefore !== null, costMicros: costs.totalCostMicros };
  }, String(today));

  useEffect(() => {
    void load();
  }, [load]);

  const active = agents.filter((agent) => agent.status === 'active').length;
  return (
    <Card
      title={t('dashboard.agents.title')}
      titleId="agents-summary-title"
      actions={
        <a
          href={pagePaths.agents}
          className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-600 md:min-h-0"
        >
          {t('dashboard.agents.open')}
          <ArrowRight aria-hidden="true" className="size-4" />
        </a>
      }
    >
      {status === 'error' || stats.error ? (
        <ErrorState
          error={error ?? stats.error}
          onRetry={() => {
            void load();
            stats.reload();
          }}
        />
      ) : status !== 'ready' || !stats.data ? (
        <LoadingState />
      ) : (
        <div className="p-5">
          <p className="text-4xl font-semibold text-slate-900 tabular-nums">{number(active)}</p>
          <p className="mt-1 text-sm text-slate-600">
            {t('dashboard.agents.active', { count: active, total: number(agents.length) })}
          </p>
          <dl className="mt-5 grid grid-cols-2 gap-3 text-sm">
            <div className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-slate-500">{t('dashboard.agents.runsToday')}</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">
                {number(stats.data.runs)}
                {stats.data.more ? '+' : ''}
              </dd>
            </div>
            <div className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-slate-500">{t('dashboard.agents.costToday')}</dt>
              <dd
                className="font-semibold text-slate-900 tabular-nums"
                title={money.fromUsd(stats.data.costMicros) ?? undefined}
              >
                {money.cost(stats.data.costMicros)}
              </dd>
            </div>
          </dl>
          <MoneyNote className="mt-2" />
        </div>
      )}
    </Card>
  );
}
