import { CircleHelp } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { helpPath, type Route } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { articleForRoute, helpLanguage, isTypingTarget } from './help-data';
import { loadHelpArticles } from './help-articles';
import type { HelpArticleSummary } from './help-data';

/** The articles of the screen's language, loaded once (null until they are, or when they cannot be). */
function useHelpArticles(): HelpArticleSummary[] | null {
  const { i18n } = useTranslation();
  const language = helpLanguage(i18n.language);
  const [loaded, setLoaded] = useState<{ language: string; articles: HelpArticleSummary[] } | null>(null);
  useEffect(() => {
    let current = true;
    loadHelpArticles(language).then(
      (articles) => current && setLoaded({ language, articles }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [language]);
  return loaded?.language === language ? loaded.articles : null;
}

/**
 * The "?" in the shell's header: the help article of the page you are on. F1 and "?" open it too,
 * unless you are typing, a dialog is open, or the page used the key itself (the Inbox's and the
 * designer's "?" show their own shortcuts: they call preventDefault, and this listener on window
 * hears the key after them).
 */
export function HelpButton({ route }: { route: Route }) {
  const { t } = useTranslation();
  const articles = useHelpArticles();
  const href = helpPath(articles ? articleForRoute(articles, route) : 'getting-started');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey)
        return;
      if (event.key !== 'F1' && event.key !== '?') return;
      if (isTypingTarget(event.target)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      event.preventDefault();
      if (window.location.hash !== href) navigate(href);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [href]);

  return (
    <a
      href={href}
      aria-label={t('help.button')}
      title={`${t('help.button')} (F1)`}
      aria-keyshortcuts="F1 ?"
      className="flex size-11 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 md:size-9"
    >
      <CircleHelp aria-hidden="true" className="size-5" />
    </a>
  );
}
