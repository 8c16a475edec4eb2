import { BookOpen, KeyRound } from 'lucide-react';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { pagePaths } from '../../../router/routes';
import { exampleBatch } from './data-model';

/** How to send events from one's own systems: `POST /api/v1/events` with an API key. */
export function ApiPanel() {
  const { t } = useTranslation();
  const titleId = useId();
  const body = useMemo(() => exampleBatch(Date.UTC(2026, 0, 15, 9, 30)), []);
  const linkClass =
    'inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';
  return (
    <Card
      title={t('insight.data.api.title')}
      titleId={titleId}
      bodyClassName="grid grid-cols-1 gap-4 p-5 lg:grid-cols-2"
    >
      <div className="flex min-w-0 flex-col gap-3">
        <p className="text-sm text-slate-700">{t('insight.data.api.description')}</p>
        <p className="text-sm text-slate-700">
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[13px] text-slate-900">
            POST /api/v1/events
          </code>{' '}
          · <code className="font-mono text-[13px]">Authorization: Bearer …</code>
        </p>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>{t('insight.data.api.batch')}</li>
          <li>{t('insight.data.api.id')}</li>
          <li>{t('insight.data.api.at')}</li>
          <li>{t('insight.data.api.scope')}</li>
        </ul>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          <a className={linkClass} href={pagePaths.apiKeys}>
            <KeyRound aria-hidden="true" className="size-4" />
            {t('insight.data.api.keys')}
          </a>
          <a className={linkClass} href="/api/docs" target="_blank" rel="noreferrer">
            <BookOpen aria-hidden="true" className="size-4" />
            {t('insight.data.api.docs')}
          </a>
        </div>
      </div>
      <pre
        className="max-h-72 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        tabIndex={0}
        aria-label={t('insight.data.api.exampleLabel')}
      >
        {body}
      </pre>
    </Card>
  );
}
