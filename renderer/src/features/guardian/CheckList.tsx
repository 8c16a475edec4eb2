import { Bot, CircleAlert, CircleCheck, Cpu, Server, TriangleAlert, Wrench } from 'lucide-react';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import type { CheckStatus, GuardianCheck, GuardianStatus, MethodOutput } from '../../contract';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { agentPath } from '../../router/routes';
import { Sparkline } from './charts';
import { Disclosure } from '../../components/Disclosure';
import { checkKey, groupChecks, splitByAudience, valueSeries, type ValueSeries } from './guardian-meta';
import { useGuardianText } from './guardian-text';
import { WhatToDo, whatToDoForCheckPath } from '../../components/WhatToDo';

export const checkIcon: Record<CheckStatus, { icon: typeof CircleCheck; className: string }> = {
  ok: { icon: CircleCheck, className: 'text-emerald-600' },
  warn: { icon: TriangleAlert, className: 'text-amber-600' },
  critical: { icon: CircleAlert, className: 'text-red-600' },
};

type History = MethodOutput<'guardian.history'>;

/** Every check behind the score: this installation, then each agent and provider. */
export function CheckList({ status, history }: { status: GuardianStatus; history: History | undefined }) {
  const { t } = useTranslation();
  const groups = groupChecks(status.checks);
  const series = useMemo(
    () => new Map((history ? valueSeries(history) : []).map((s) => [s.key, s])),
    [history],
  );
  return (
    <Card title={t('guardian.checksTitle')} titleId="guardian-checks-title">
      <div className="grid divide-y divide-slate-100 xl:grid-cols-2 xl:divide-x xl:divide-y-0">
        <CheckGroup
          icon={<Server aria-hidden="true" className="size-4" />}
          title={t('guardian.groups.installation')}
          checks={groups.installation}
          series={series}
          empty={t('guardian.groups.installationEmpty')}
        />
        <div className="divide-y divide-slate-100">
          <CheckGroup
            icon={<Bot aria-hidden="true" className="size-4" />}
            title={t('guardian.groups.agents')}
            checks={groups.agents}
            series={series}
            empty={t('guardian.groups.agentsEmpty')}
          />
          <CheckGroup
            icon={<Cpu aria-hidden="true" className="size-4" />}
            title={t('guardian.groups.providers')}
            checks={groups.providers}
            series={series}
            empty={t('guardian.groups.providersEmpty')}
          />
        </div>
      </div>
    </Card>
  );
}

function CheckGroup({
  icon,
  title,
  checks,
  series,
  empty,
}: {
  icon: ReactNode;
  title: string;
  checks: GuardianCheck[];
  series: Map<string, ValueSeries>;
  empty: string;
}) {
  const { t } = useTranslation();
  // the checks a shop owner reads first; the machine's internals under "Advanced", open when one is not OK
  const { plain, technical } = splitByAudience(checks);
  const attention = technical.filter((check) => check.status !== 'ok').length;
  const rows = (list: GuardianCheck[], label: string) => (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {list.map((check) => (
        <CheckRow key={checkKey(check)} check={check} series={seriesOf(check, checks, series)} />
      ))}
    </ul>
  );
  return (
    <section className="px-5 py-4" aria-label={title}>
      <h3 className="mb-2 flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {icon}
        {title}
      </h3>
      {checks.length === 0 ? (
        <p className="py-2 text-sm text-slate-500">{empty}</p>
      ) : (
        <>
          {plain.length > 0 && rows(plain, title)}
          {technical.length > 0 && (
            <Disclosure
              // a technical check that stops being OK opens it again
              key={attention > 0 ? 'attention' : 'ok'}
              className={cx(plain.length > 0 && 'mt-2 border-t border-slate-100 pt-2')}
              title={t('health.advanced.title')}
              summary={
                attention > 0
                  ? t('health.advanced.attention', { count: attention })
                  : t('health.advanced.allOk', { count: technical.length })
              }
              defaultOpen={attention > 0}
            >
              {rows(technical, `${title}: ${t('health.advanced.title')}`)}
            </Disclosure>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The history of this check: kept per check, or, for a check about one agent or provider, per check id
 * (the worst of them), which speaks for this one only when it is the only one.
 */
function seriesOf(
  check: GuardianCheck,
  all: GuardianCheck[],
  series: Map<string, ValueSeries>,
): ValueSeries | undefined {
  const own = series.get(checkKey(check));
  if (own || !check.target) return own;
  return all.filter((c) => c.id === check.id).length === 1 ? series.get(check.id) : undefined;
}

function CheckRow({ check, series }: { check: GuardianCheck; series: ValueSeries | undefined }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const text = useGuardianText();
  const { icon: Icon, className } = checkIcon[check.status];
  const value = text.value(check);
  const drawn = series && series.drawable && series.points.length > 1 ? series : null;
  const values = drawn?.points.flatMap((p) => (p.value === null ? [] : [p.value])) ?? [];
  return (
    <li className="flex items-start gap-3 py-2.5">
      <Icon aria-hidden="true" className={cx('mt-0.5 size-4.5 shrink-0', className)} />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm font-medium text-slate-900">
          <span>{text.checkName(check.id)}</span>
          {check.target &&
            (check.target.type === 'agent' ? (
              <a href={agentPath(check.target.id)} className="font-normal text-indigo-700 hover:underline">
                {check.target.name}
              </a>
            ) : (
              <span className="font-normal text-slate-600">{check.target.name}</span>
            ))}
          <span className="sr-only">{t(`health.checkStatus.${check.status}`)}</span>
          {value !== null && (
            <span className="ml-auto font-semibold text-slate-900 tabular-nums">{value}</span>
          )}
        </p>
        <p className="text-sm text-slate-600">{text.message(check)}</p>
        <WhatToDo
          href={whatToDoForCheckPath(check.id)}
          label={text.checkLabel(check)}
          className="mt-0.5 text-xs"
        />
        {check.strategy && (
          <p className="mt-1 flex items-center gap-1 text-xs text-slate-500">
            <Wrench aria-hidden="true" className="size-3.5 shrink-0" />
            {t('guardian.strategyApplies', { strategy: text.strategy(check.strategy) })}
          </p>
        )}
      </div>
      {drawn && (
        // on a phone the words need the width
        <div className="hidden shrink-0 sm:block">
          <Sparkline
            series={drawn}
            label={t('guardian.sparkline', {
              name: text.checkLabel(check),
              low: number(Math.min(...values)),
              high: number(Math.max(...values)),
            })}
          />
        </div>
      )}
    </li>
  );
}
