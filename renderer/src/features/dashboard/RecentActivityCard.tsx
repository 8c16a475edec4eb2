import { ArrowRight, ScrollText } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Card } from '../../components/Card';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { useFormat } from '../../i18n/format';
import { useNow } from '../../lib/use-now';
import { pagePaths } from '../../router/routes';
import { useAuditStore } from '../../stores/audit-store';
import { actionTone } from '../audit/audit-actions';
import { useAuditText } from '../audit/use-audit-text';

export function RecentActivityCard() {
  const { t } = useTranslation();
  const { relative, dateTime } = useFormat();
  const text = useAuditText();
  const now = useNow();
  const recent = useAuditStore((state) => state.recent);
  const { status, error } = useAuditStore((state) => state.recentState);
  const loadRecent = useAuditStore((state) => state.loadRecent);

  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  return (
    <Card
      title={t('dashboard.activity.title')}
      titleId="recent-activity-title"
      className="md:col-span-2 xl:col-span-3"
      actions={
        <a
          href={pagePaths.audit}
          className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-600 md:min-h-0"
        >
          {t('dashboard.activity.open')}
          <ArrowRight aria-hidden="true" className="size-4" />
        </a>
      }
    >
      {status === 'error' ? (
        <ErrorState error={error} onRetry={() => void loadRecent()} />
      ) : status !== 'ready' ? (
        <LoadingState />
      ) : recent.length === 0 ? (
        <EmptyState icon={ScrollText} title={t('dashboard.activity.empty')} />
      ) : (
        <ul className="divide-y divide-slate-100">
          {recent.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
              <Badge tone={actionTone(entry.action)}>{text.action(entry)}</Badge>
              {/* on a phone: who and what on a line of its own, under the action and the time */}
              <p className="order-last w-full min-w-0 truncate text-sm text-slate-700 sm:order-none sm:w-auto sm:flex-1">
                <span className="font-medium text-slate-900">{entry.actorName}</span>
                {text.details(entry) && <span className="text-slate-500"> · {text.details(entry)}</span>}
              </p>
              <time
                dateTime={new Date(entry.at).toISOString()}
                title={dateTime(entry.at)}
                className="ml-auto shrink-0 text-xs text-slate-500 sm:ml-0"
              >
                {relative(entry.at, Math.max(now, entry.at))}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
