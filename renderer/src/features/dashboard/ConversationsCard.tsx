import { ArrowRight } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { pagePaths } from '../../router/routes';
import { transport } from '../../transport';

/** Since midnight, local time. */
function startOfToday(): number {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

/** Customers' conversations today: how many, how many the agents answered alone, the average thumbs. */
export function ConversationsCard() {
  const { t } = useTranslation();
  const { number, percent } = useFormat();
  const since = useMemo(() => startOfToday(), []);
  const stats = useLoad(() => transport.call('conversations.stats', { since }), String(since));
  const { reload } = stats;

  // live: each conversation that changes may change the figures
  useEffect(() => transport.on('conversation.changed', () => reload()), [reload]);

  const data = stats.data;
  return (
    <Card
      title={t('dashboard.conversations.title')}
      titleId="conversations-summary-title"
      actions={
        <a
          href={pagePaths.conversations}
          className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-600 md:min-h-0"
        >
          {t('dashboard.conversations.open')}
          <ArrowRight aria-hidden="true" className="size-4" />
        </a>
      }
    >
      {stats.error && !data ? (
        <ErrorState error={stats.error} onRetry={reload} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <div className="p-5">
          <p className="text-4xl font-semibold text-slate-900 tabular-nums">{number(data.started)}</p>
          <p className="mt-1 text-sm text-slate-600">
            {t('dashboard.conversations.today', { count: data.started })}
          </p>
          <dl className="mt-5 grid grid-cols-2 gap-3 text-sm">
            <div className="min-w-0 rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-slate-500">{t('dashboard.conversations.withoutPerson')}</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">
                {data.started === 0 ? '—' : percent((data.answeredWithoutPerson / data.started) * 100)}
              </dd>
            </div>
            <div className="min-w-0 rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-slate-500">{t('dashboard.conversations.rating')}</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">
                {data.averageRating === null
                  ? '—'
                  : t('dashboard.conversations.thumbsUp', { share: percent(data.averageRating * 100) })}
              </dd>
            </div>
          </dl>
          {data.waitingForPerson > 0 && (
            <p className="mt-4 text-sm text-amber-800">
              {t('dashboard.conversations.waiting', { count: data.waitingForPerson })}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
