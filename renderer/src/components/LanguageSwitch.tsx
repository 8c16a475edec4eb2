import { useTranslation } from 'react-i18next';
import { languages } from '../contract';
import { cx } from '../lib/cx';
import { usePrefsStore } from '../stores/prefs-store';

/**
 * The language buttons; `large` makes them 44 px touch targets (in the phone's menu drawer), 'phone'
 * only below md (on the sign-in pages, whose header has room for them on any screen).
 */
export function LanguageSwitch({
  tone = 'light',
  large = false,
}: {
  tone?: 'light' | 'dark';
  large?: boolean | 'phone';
}) {
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
              'rounded text-xs font-semibold tracking-wide transition-colors',
              large === true
                ? 'min-h-11 min-w-11 px-3'
                : large === 'phone'
                  ? 'min-h-11 min-w-11 px-3 md:min-h-0 md:min-w-0 md:px-2 md:py-1'
                  : 'px-2 py-1',
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
