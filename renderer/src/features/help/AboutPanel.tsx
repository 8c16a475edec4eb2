import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { ErrorState, LoadingState } from '../../components/StateViews';
import type { MethodOutput } from '../../contract';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { transport } from '../../transport';

type About = MethodOutput<'help.about'>;

/** About's live facts: version, build, data folder (admins and owners), secret store, licences. */
export function AboutPanel() {
  const about = useLoad(() => transport.call('help.about', {}), 'about');
  if (about.error && !about.data)
    return (
      <Card className="mt-6">
        <ErrorState error={about.error} onRetry={about.reload} />
      </Card>
    );
  if (!about.data)
    return (
      <Card className="mt-6">
        <LoadingState />
      </Card>
    );
  return (
    <>
      <Installation about={about.data} />
      <Licences licences={about.data.licences} />
    </>
  );
}

function secretStoreKey(store: About['secretStore']): string {
  if (store.store === 'keychain') return 'secretStore.keychain.title';
  return store.keySource === 'environment'
    ? 'secretStore.fileEnvironment.title'
    : 'secretStore.fileBeside.title';
}

function Installation({ about }: { about: About }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const rows: [string, string][] = [
    [t('about.version'), about.version],
    [t('about.builtAt'), about.builtAt === null ? t('about.fromSources') : dateTime(about.builtAt)],
    [t('about.secretStore'), t(secretStoreKey(about.secretStore))],
  ];
  if (about.dataDir !== null) rows.push([t('about.dataFolder'), about.dataDir]);
  return (
    <Card className="mt-6" title={t('about.installationTitle')} titleId="about-installation">
      <dl className="divide-y divide-slate-100 px-5">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 py-3 sm:grid-cols-[12rem_minmax(0,1fr)]">
            <dt className="text-sm font-medium text-slate-600">{label}</dt>
            <dd className="text-sm break-all text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {about.dataDir === null && (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
          {t('about.dataFolderAdmins')}
        </p>
      )}
    </Card>
  );
}

function Licences({ licences }: { licences: About['licences'] }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const words = filter.trim().toLowerCase();
    return words
      ? licences.filter((p) => `${p.name} ${p.license ?? ''}`.toLowerCase().includes(words))
      : licences;
  }, [licences, filter]);
  return (
    <Card className="mt-6" title={t('about.licencesTitle')} titleId="about-licences">
      {licences.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">{t('about.licencesNotBuilt')}</p>
      ) : (
        <div className="px-5 py-4">
          <p className="text-sm text-slate-600">{t('about.licencesIntro', { count: licences.length })}</p>
          <label className="mt-3 block max-w-sm text-sm font-medium text-slate-700">
            {t('about.licencesFilter')}
            <input
              type="search"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
            />
          </label>
          <ul className="mt-4 divide-y divide-slate-100 border-t border-slate-100">
            {shown.map((p) => (
              <li key={`${p.name}@${p.version}`} className="py-2">
                <details>
                  <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-3 text-sm">
                    <span className="font-medium text-slate-900">{p.name}</span>
                    <span className="text-slate-600 tabular-nums">{p.version}</span>
                    <span className="ml-auto rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
                      {p.license ?? t('about.noLicenceNamed')}
                    </span>
                  </summary>
                  <div className="mt-2 space-y-2">
                    {p.homepage && /^https?:\/\//.test(p.homepage) && (
                      <a
                        href={p.homepage}
                        target="_blank"
                        rel="noopener noreferrer"
                        className="text-sm break-all text-indigo-700 underline"
                      >
                        {p.homepage}
                      </a>
                    )}
                    <pre className="max-h-64 overflow-auto rounded-md bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-700">
                      {p.text ?? t('about.noLicenceFile')}
                    </pre>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
