import { useTranslation } from 'react-i18next';
import { languages } from '../contract';
import { cx } from '../lib/cx';
import { usePrefsStore } from '../stores/prefs-store';

export function LanguageSwitch({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const { t } = useTranslation();
  const language = usePrefsStore((state) => state.language);
  const setLanguage = usePrefsStore((state) => state.setLanguage);
  return (
    <div
      role="group"
      aria-label={t('language.label')}
      className={cx(
        'inline-flex rounded-md p-0.5',
        tone === 'dark' ? 'bg-slate-800 ring-1 ring-slate-700' : 'bg-slate-100 ring-1 ring-slate-200',
      )}
    >
      {languages.map((code) => {
        const active = code === language;
        return (
          <button
            key={code}
            type="button"
            lang={code}
            aria-pressed={active}
            title={t(`language.names.${code}`)}
            onClick={() => setLanguage(code)}
            className={cx(
              'rounded px-2 py-1 text-xs font-semibold tracking-wide transition-colors',
              tone === 'dark'
                ? active
                  ? 'bg-slate-600 text-white'
                  : 'text-slate-400 hover:text-white'
                : active
                  ? 'bg-white text-slate-900 shadow-xs'
                  : 'text-slate-600 hover:text-slate-900',
            )}
          >
            {code.toUpperCase()}
            <span className="sr-only"> {t(`language.names.${code}`)}</span>
          </button>
        );
      })}
    </div>
  );
}
