import { ArrowRight, CircleAlert, CircleCheck, TriangleAlert } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Card } from '../../components/Card';
import { ErrorState, LoadingState } from '../../components/StateViews';
import type { GuardianStatus, HealthCheck, HealthSummary } from '../../contract';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { pagePaths } from '../../router/routes';
import { useGuardianStore } from '../../stores/guardian-store';
import { useHealthStore } from '../../stores/health-store';
import { checkKey, compareChecks } from '../guardian/guardian-meta';
import { useGuardianText } from '../guardian/guardian-text';
import { useHealthText } from './health-text';
import { ScoreRing } from './ScoreRing';

const statusTone: Record<HealthSummary['status'], { badge: BadgeTone; ring: string }> = {
  healthy: { badge: 'success', ring: 'stroke-emerald-500' },
  degraded: { badge: 'warning', ring: 'stroke-amber-500' },
  unhealthy: { badge: 'danger', ring: 'stroke-red-500' },
};

const checkIcon: Record<HealthCheck['status'], { icon: typeof CircleCheck; className: string }> = {
  ok: { icon: CircleCheck, className: 'text-emerald-600' },
  warn: { icon: TriangleAlert, className: 'text-amber-600' },
  critical: { icon: CircleAlert, className: 'text-red-600' },
};

const shownChecks = 6;

/**
 * The Guardian's score with the checks that need attention, and how many approvals and incidents
 * wait. Where the Guardian cannot answer, the installation's own health summary stands in.
 */
export function HealthCard() {
  const { t } = useTranslation();
  const { time } = useFormat();
  const guardian = useGuardianStore((state) => state.current);
  const guardianError = useGuardianStore((state) => state.error);
  const loadGuardian = useGuardianStore((state) => state.load);
  const fallback = guardian === null && guardianError !== null;
  const health = useHealthStore();
  const loadHealth = health.load;

  useEffect(() => {
    void loadGuardian();
  }, [loadGuardian]);
  useEffect(() => {
    if (fallback) void loadHealth();
  }, [fallback, loadHealth]);

  const checkedAt = guardian?.checkedAt ?? (fallback ? health.summary?.checkedAt : undefined);
  return (
    <Card
      title={t('health.title')}
      titleId="health-title"
      className="lg:col-span-2"
      actions={
        <span className="flex items-center gap-4">
          {checkedAt !== undefined && (
            <span className="flex items-center gap-2 text-xs text-slate-500">
              <span className="relative flex size-2">
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60" />
                <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
              </span>
              {t('health.checkedAt', { time: time(checkedAt) })}
            </span>
          )}
          {guardian && (
            <a
              href={pagePaths.guardian}
              className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-600"
            >
              {t('health.openGuardian')}
              <ArrowRight aria-hidden="true" className="size-4" />
            </a>
          )}
        </span>
      }
    >
      {guardian ? (
        <GuardianHealth status={guardian} />
      ) : !fallback ? (
        <LoadingState />
      ) : !health.summary && health.status === 'error' ? (
        <ErrorState error={health.error} onRetry={() => void loadHealth()} />
      ) : !health.summary ? (
        <LoadingState />
      ) : (
        <InstallationHealth summary={health.summary} />
      )}
    </Card>
  );
}

function GuardianHealth({ status }: { status: GuardianStatus }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const text = useGuardianText();
  const checks = [...status.checks].sort(compareChecks);
  const shown = checks.slice(0, shownChecks);
  const rest = checks.length - shown.length;
  return (
    <div className="flex flex-col gap-6 p-5 sm:flex-row sm:items-start">
      <div className="flex flex-col items-center gap-3 sm:w-44">
        <ScoreRing
          score={status.score}
          tone={statusTone[status.status].ring}
          caption={t('health.outOf100')}
          label={t('health.scoreLabel', { score: status.score })}
        />
        <Badge tone={statusTone[status.status].badge}>{t(`health.status.${status.status}`)}</Badge>
        <dl className="mt-1 grid w-full grid-cols-2 gap-2 text-center text-xs">
          <Count
            href={pagePaths.guardian}
            label={t('health.pendingApprovals')}
            value={number(status.pendingApprovals)}
            alert={status.pendingApprovals > 0}
          />
          <Count
            href={pagePaths.incidents}
            label={t('health.openIncidents')}
            value={number(status.openIncidents)}
            alert={status.openIncidents > 0}
          />
        </dl>
      </div>
      <div className="min-w-0 flex-1">
        <ul aria-label={t('health.checksLabel')} className="divide-y divide-slate-100">
          {shown.map((check) => {
            const { icon: Icon, className } = checkIcon[check.status];
            const value = text.value(check);
            return (
              <li key={checkKey(check)} className="flex items-start gap-3 py-2.5 first:pt-0 last:pb-0">
                <Icon aria-hidden="true" className={`mt-0.5 size-4.5 shrink-0 ${className}`} />
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-x-2 text-sm font-medium text-slate-900">
                    {text.checkLabel(check)}
                    <span className="sr-only">{t(`health.checkStatus.${check.status}`)}</span>
                    {value !== null && (
                      <span className="ml-auto font-normal text-slate-600 tabular-nums">{value}</span>
                    )}
                  </p>
                  <p className="truncate text-sm text-slate-600">{check.message}</p>
                </div>
              </li>
            );
          })}
        </ul>
        {rest > 0 && (
          <p className="mt-3 text-sm text-slate-500">
            <a href={pagePaths.guardian} className="font-medium text-indigo-700 hover:underline">
              {t('health.moreChecks', { count: rest })}
            </a>
          </p>
        )}
      </div>
    </div>
  );
}

function Count({
  href,
  label,
  value,
  alert,
}: {
  href: string;
  label: string;
  value: string;
  alert: boolean;
}) {
  return (
    <a
      href={href}
      className={cx(
        'flex flex-col rounded-lg px-2 py-1.5 ring-1 ring-inset',
        alert
          ? 'bg-amber-50 ring-amber-200 hover:bg-amber-100'
          : 'bg-slate-50 ring-slate-100 hover:bg-slate-100',
      )}
    >
      <dt className="text-slate-600">{label}</dt>
      <dd className={cx('text-lg font-semibold tabular-nums', alert ? 'text-amber-800' : 'text-slate-900')}>
        {value}
      </dd>
    </a>
  );
}

function InstallationHealth({ summary }: { summary: HealthSummary }) {
  const { t } = useTranslation();
  const text = useHealthText();
  return (
    <div className="flex flex-col gap-6 p-5 sm:flex-row sm:items-start">
      <div className="flex flex-col items-center gap-3 sm:w-40">
        <ScoreRing
          score={summary.score}
          tone={statusTone[summary.status].ring}
          caption={t('health.outOf100')}
          label={t('health.scoreLabel', { score: summary.score })}
        />
        <Badge tone={statusTone[summary.status].badge}>{t(`health.status.${summary.status}`)}</Badge>
      </div>
      <ul aria-label={t('health.checksLabel')} className="flex-1 divide-y divide-slate-100">
        {summary.checks.map((check) => {
          const { icon: Icon, className } = checkIcon[check.status];
          return (
            <li key={check.id} className="flex items-start gap-3 py-2.5 first:pt-0 last:pb-0">
              <Icon aria-hidden="true" className={`mt-0.5 size-4.5 shrink-0 ${className}`} />
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-x-2 text-sm font-medium text-slate-900">
                  {text.name(check)}
                  <span className="sr-only">{t(`health.checkStatus.${check.status}`)}</span>
                </p>
                <p className="text-sm text-slate-600">{text.message(check)}</p>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
