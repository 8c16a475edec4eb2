import { ArrowRight, CircleAlert, CircleCheck, TriangleAlert } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Card } from '../../components/Card';
import { ErrorState, LoadingState } from '../../components/StateViews';
import type { GuardianCheck, GuardianStatus, HealthCheck, HealthSummary } from '../../contract';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { pagePaths } from '../../router/routes';
import { useGuardianStore } from '../../stores/guardian-store';
import { useHealthStore } from '../../stores/health-store';
import { Disclosure } from '../../components/Disclosure';
import { checkKey, compareChecks, isTechnical } from '../guardian/guardian-meta';
import { useGuardianText } from '../guardian/guardian-text';
import { isTechnicalHealthCheck, useHealthText } from './health-text';
import { ScoreRing } from '../../components/ScoreRing';

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

const shownProblems = 4;

/** Guardian checks that the installation's own health summary already shows (by its ids). */
const coveredByHealth: Partial<Record<GuardianCheck['id'], string>> = {
  database: 'database',
  integrity: 'database',
  disk: 'disk',
  wal: 'wal',
  event_loop: 'eventLoop',
  memory: 'memory',
};

/**
 * The Guardian's score, what it found wrong, and this installation's own checks (live, in the user's
 * language), with how many approvals and incidents wait. Where the Guardian cannot answer, the
 * installation's health summary stands alone.
 */
export function HealthCard() {
  const { t } = useTranslation();
  const { time } = useFormat();
  const guardian = useGuardianStore((state) => state.current);
  const guardianError = useGuardianStore((state) => state.error);
  const loadGuardian = useGuardianStore((state) => state.load);
  const health = useHealthStore();
  const loadHealth = health.load;

  useEffect(() => {
    void loadGuardian();
    void loadHealth();
  }, [loadGuardian, loadHealth]);

  const summary = health.summary;
  const checkedAt = Math.max(guardian?.checkedAt ?? 0, summary?.checkedAt ?? 0);
  return (
    <Card
      title={t('health.title')}
      titleId="health-title"
      className="md:col-span-2"
      actions={
        <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
          {checkedAt > 0 && (
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
              className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-600 md:min-h-0"
            >
              {t('health.openGuardian')}
              <ArrowRight aria-hidden="true" className="size-4" />
            </a>
          )}
        </span>
      }
    >
      {guardian || summary ? (
        <HealthBody guardian={guardian} summary={summary} />
      ) : guardianError && health.status === 'error' ? (
        <ErrorState
          error={health.error ?? guardianError}
          onRetry={() => {
            void loadGuardian();
            void loadHealth();
          }}
        />
      ) : (
        <LoadingState />
      )}
    </Card>
  );
}

interface Row {
  key: string;
  status: HealthCheck['status'];
  name: string;
  value: string | null;
  message: string;
  technical: boolean;
}

function HealthBody({
  guardian,
  summary,
}: {
  guardian: GuardianStatus | null;
  summary: HealthSummary | null;
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const guardianText = useGuardianText();
  const healthText = useHealthText();
  const score = guardian?.score ?? summary?.score ?? 0;
  const status = guardian?.status ?? summary?.status ?? 'healthy';
  // what the Guardian found wrong beyond the installation's own checks, worst first
  const problems = (guardian?.checks ?? [])
    .filter((check) => check.status !== 'ok' && !(summary && coveredByHealth[check.id]))
    .sort(compareChecks);
  const shown = problems.slice(0, shownProblems);
  const more = problems.length - shown.length;
  const rows: Row[] = [
    ...shown.map((check) => ({
      key: checkKey(check),
      status: check.status,
      name: guardianText.checkLabel(check),
      value: guardianText.value(check),
      message: guardianText.message(check),
      technical: isTechnical(check.id),
    })),
    ...(summary?.checks ?? []).map((check) => ({
      key: `health:${check.id}`,
      status: check.status,
      name: healthText.name(check),
      value: null,
      message: healthText.message(check),
      technical: isTechnicalHealthCheck(check.id),
    })),
  ];
  // the checks a shop owner reads first; the machine's internals under "Advanced", open when one of them is not OK
  const plain = rows.filter((row) => !row.technical);
  const technical = rows.filter((row) => row.technical);
  const attention = technical.filter((row) => row.status !== 'ok').length;
  return (
    <div className="flex flex-col gap-6 p-5 sm:flex-row sm:items-start">
      <div className="flex flex-col items-center gap-3 sm:w-44">
        <ScoreRing
          score={score}
          tone={statusTone[status].ring}
          caption={t('health.outOf100')}
          label={t('health.scoreLabel', { score })}
        />
        <Badge tone={statusTone[status].badge}>{t(`health.status.${status}`)}</Badge>
        {guardian && (
          <ul className="mt-1 grid w-full grid-cols-2 gap-2 text-center text-xs">
            <Count
              href={pagePaths.guardian}
              label={t('health.pendingApprovals')}
              value={number(guardian.pendingApprovals)}
              alert={guardian.pendingApprovals > 0}
            />
            <Count
              href={pagePaths.incidents}
              label={t('health.openIncidents')}
              value={number(guardian.openIncidents)}
              alert={guardian.openIncidents > 0}
            />
          </ul>
        )}
      </div>
      <div className="min-w-0 flex-1">
        <CheckRows label={t('health.checksLabel')} rows={plain} />
        {more > 0 && (
          <p className="mt-3 text-sm">
            <a
              href={pagePaths.guardian}
              className="inline-flex min-h-11 items-center font-medium text-indigo-700 hover:underline md:min-h-0"
            >
              {t('health.moreProblems', { count: more })}
            </a>
          </p>
        )}
        {technical.length > 0 && (
          <Disclosure
            // a technical check that stops being OK opens it again
            key={attention > 0 ? 'attention' : 'ok'}
            className="mt-3 border-t border-slate-100 pt-2"
            title={t('health.advanced.title')}
            summary={
              attention > 0
                ? t('health.advanced.attention', { count: attention })
                : t('health.advanced.allOk', { count: technical.length })
            }
            defaultOpen={attention > 0}
          >
            <CheckRows label={t('health.advanced.title')} rows={technical} />
          </Disclosure>
        )}
      </div>
    </div>
  );
}

function CheckRows({ label, rows }: { label: string; rows: Row[] }) {
  const { t } = useTranslation();
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {rows.map((row) => {
        const { icon: Icon, className } = checkIcon[row.status];
        return (
          <li key={row.key} className="flex items-start gap-3 py-2.5 first:pt-0 last:pb-0">
            <Icon aria-hidden="true" className={`mt-0.5 size-4.5 shrink-0 ${className}`} />
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-x-2 text-sm font-medium text-slate-900">
                {row.name}
                <span className="sr-only">{t(`health.checkStatus.${row.status}`)}</span>
                {row.value !== null && (
                  <span className="ml-auto font-normal text-slate-600 tabular-nums">{row.value}</span>
                )}
              </p>
              <p className="text-sm break-words text-slate-600">{row.message}</p>
            </div>
          </li>
        );
      })}
    </ul>
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
  // a link per count (its name is the label and the number), in a list: a dl may not hold links around its terms
  return (
    <li className="flex min-w-0">
      <a
        href={href}
        className={cx(
          'flex min-w-0 flex-1 flex-col rounded-lg px-2 py-1.5 ring-1 ring-inset',
          alert
            ? 'bg-amber-50 ring-amber-200 hover:bg-amber-100'
            : 'bg-slate-50 ring-slate-100 hover:bg-slate-100',
        )}
      >
        <span className="text-slate-600">{label}</span>
        <span
          className={cx('text-lg font-semibold tabular-nums', alert ? 'text-amber-800' : 'text-slate-900')}
        >
          {value}
        </span>
      </a>
    </li>
  );
}
