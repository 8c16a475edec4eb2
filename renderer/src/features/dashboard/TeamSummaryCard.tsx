import { ArrowRight } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { roles, type MemberStatus } from '../../contract';
import { useFormat } from '../../i18n/format';
import { pagePaths } from '../../router/routes';
import { useTeamStore } from '../../stores/team-store';

export function TeamSummaryCard() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const { members, status, error, load } = useTeamStore();

  useEffect(() => {
    void load();
  }, [load]);

  const count = (memberStatus: MemberStatus) => members.filter((m) => m.status === memberStatus).length;

  return (
    <Card
      title={t('dashboard.team.title')}
      titleId="team-summary-title"
      actions={
        <a
          href={pagePaths.team}
          className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-600 md:min-h-0"
        >
          {t('dashboard.team.open')}
          <ArrowRight aria-hidden="true" className="size-4" />
        </a>
      }
    >
      {status === 'error' ? (
        <ErrorState error={error} onRetry={() => void load()} />
      ) : status !== 'ready' ? (
        <LoadingState />
      ) : (
        <div className="p-5">
          <p className="text-4xl font-semibold text-slate-900 tabular-nums">{number(count('active'))}</p>
          <p className="mt-1 text-sm text-slate-600">
            {t('dashboard.team.activeMembers', { count: count('active') })}
          </p>
          <dl className="mt-5 grid grid-cols-2 gap-3 text-sm">
            <div className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-slate-500">{t('memberStatus.invited')}</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">{number(count('invited'))}</dd>
            </div>
            <div className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-slate-500">{t('memberStatus.disabled')}</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">{number(count('disabled'))}</dd>
            </div>
          </dl>
          <h3 className="mt-6 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {t('dashboard.team.byRole')}
          </h3>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {[...roles].reverse().map((role) => (
              <li key={role} className="flex items-center justify-between py-1.5">
                <span className="text-slate-700">{t(`roles.${role}`)}</span>
                <span className="font-medium text-slate-900 tabular-nums">
                  {number(members.filter((m) => m.role === role && m.status !== 'disabled').length)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
