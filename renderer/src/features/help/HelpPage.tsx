import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { cx } from '../../lib/cx';
import { useLoad } from '../../lib/use-load';
import { helpPath } from '../../router/routes';
import { transport } from '../../transport';
import { AboutPanel } from './AboutPanel';
import { anchorId, helpLanguage, helpSectionOrder } from './help-data';
import { loadHelpArticles } from './help-articles';
import type { HelpArticleSummary } from './help-data';
import { HelpMarkdown } from './HelpMarkdown';
import { brandedText, useBrandStore } from '../../stores/brand-store';

/** `#/help` (getting started) and `#/help/<slug>?a=<anchor>`: the help center, offline. */
export function HelpPage({ slug = 'getting-started', anchor }: { slug?: string; anchor?: string }) {
  const { t, i18n } = useTranslation();
  const language = helpLanguage(i18n.language);
  const brand = useBrandStore((state) => state.brand);
  // the articles say the product's name; About (and its licences) keeps Mindframe's
  const branded = (markdown: string, articleSlug: string) =>
    articleSlug === 'about' ? markdown : brandedText(markdown, brand);
  const articles = useLoad(() => loadHelpArticles(language), language);
  const article = useLoad(() => transport.call('help.get', { slug, language }), `${language}:${slug}`);
  const current = article.data?.slug === slug ? article.data : undefined;

  // a heading's anchor (a "What to do" link, a link to a heading): scroll it into view once shown
  useEffect(() => {
    if (!current || !anchor) return;
    const target = document.getElementById(anchorId(anchor));
    target?.scrollIntoView({ block: 'start' });
  }, [current, anchor]);

  return (
    <>
      <PageHeader
        title={current?.title ?? t('help.title')}
        // on an article: where it is in the help; the help's own description before one has loaded
        description={
          current ? `${t('help.title')} · ${t(`help.sections.${current.section}`)}` : t('help.description')
        }
      />
      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <HelpNav articles={articles.data} current={slug} />
        <div className="min-w-0">
          {article.error && !current ? (
            <Card>
              <ErrorState error={article.error} title={t('help.notFound')} onRetry={article.reload} />
            </Card>
          ) : !current ? (
            <Card>
              <LoadingState />
            </Card>
          ) : (
            <Card bodyClassName="px-5 py-4 md:px-8 md:py-6">
              <article lang={language} className="max-w-3xl text-[0.95rem]">
                <HelpMarkdown
                  markdown={branded(current.markdown, current.slug)}
                  slug={current.slug}
                  anchorLabel={t('help.anchorLink')}
                  newWindowLabel={t('help.newWindow')}
                />
              </article>
            </Card>
          )}
          {current?.slug === 'about' && <AboutPanel />}
        </div>
      </div>
    </>
  );
}

function HelpNav({ articles, current }: { articles: HelpArticleSummary[] | undefined; current: string }) {
  const { t } = useTranslation();
  const sections = useMemo(
    () =>
      helpSectionOrder
        .map((section) => ({ section, items: (articles ?? []).filter((a) => a.section === section) }))
        .filter((group) => group.items.length > 0),
    [articles],
  );
  return (
    <nav aria-label={t('help.navLabel')} className="lg:sticky lg:top-0 lg:self-start">
      <p className="mb-3 hidden text-sm text-slate-600 lg:block">{t('help.description')}</p>
      <div className="space-y-5 rounded-xl bg-white px-3 py-4 shadow-xs ring-1 ring-slate-200 lg:max-h-[calc(100vh-10rem)] lg:overflow-y-auto">
        {sections.map(({ section, items }) => (
          <div key={section}>
            <h2 className="px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
              {t(`help.sections.${section}`)}
            </h2>
            <ul className="mt-1.5 space-y-0.5">
              {items.map((item) => (
                <li key={item.slug}>
                  <a
                    href={helpPath(item.slug)}
                    aria-current={item.slug === current ? 'page' : undefined}
                    className={cx(
                      'block rounded-md px-2 py-1.5 text-sm',
                      item.slug === current
                        ? 'bg-indigo-50 font-medium text-indigo-800'
                        : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
                    )}
                  >
                    {item.title}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
