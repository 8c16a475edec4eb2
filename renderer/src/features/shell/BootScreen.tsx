import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../components/BrandMark';
import { ErrorState } from '../../components/StateViews';
import { Spinner } from '../../components/Spinner';
import { useSessionStore } from '../../stores/session-store';

/** What shows while the app asks the core who is signed in, or when it cannot reach it. */
export function BootScreen() {
  const { t } = useTranslation();
  const phase = useSessionStore((state) => state.phase);
  const bootError = useSessionStore((state) => state.bootError);
  const boot = useSessionStore((state) => state.boot);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-slate-50 px-6">
      <BrandMark className="size-12" />
      {phase === 'bootFailed' ? (
        <div className="w-full max-w-md rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <h1 className="sr-only">{t('boot.failedTitle')}</h1>
          <ErrorState error={bootError} title={t('boot.failedTitle')} onRetry={() => void boot()} />
        </div>
      ) : (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner className="text-indigo-600" />
          {t('boot.loading')}
        </p>
      )}
    </main>
  );
}
