import { CircleAlert, CircleCheck, TriangleAlert } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Card } from '../../components/Card';
import { ErrorState, LoadingState } from '../../components/StateViews';
import type { HealthCheck, HealthSummary } from '../../contract';
import { useFormat } from '../../i18n/format';
import { useHealthStore } from '../../stores/health-store';
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

export function HealthCard() {
  const { t } = useTranslation();
  const { time } = useFormat();
  const text = useHealthText();
  const { summary, status, error, load } = useHealthStore();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card
      title={t('health.title')}
      titleId="health-title"
      className="lg:col-span-2"
      actions={
        summary && (
          <span className="flex items-center gap-2 text-xs text-slate-500">
            <span className="relative flex size-2">
              <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60" />
              <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
            </span>
            {t('health.checkedAt', { time: time(summary.checkedAt) })}
          </span>
        )
      }
    >
      {!summary && status === 'error' ? (
        <ErrorState error={error} onRetry={() => void load()} />
      ) : !summary ? (
        <LoadingState />
      ) : (
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
      )}
    </Card>
  );
}
