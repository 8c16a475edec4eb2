import type { Language, MethodOutput } from '../../contract';

export type HelpArticleSummary = MethodOutput<'help.list'>['articles'][number];
export type HelpSection = HelpArticleSummary['section'];
import { isLanguage } from '../../i18n/languages';
import type { Route } from '../../router/routes';

/** The help center's language: the screen's, or English. */
export function helpLanguage(language: string | undefined): Language {
  const base = language?.split('-')[0];
  return base && isLanguage(base) ? base : 'en';
}

/** The help's sections in the order the navigation shows them. */
export const helpSectionOrder: readonly HelpSection[] = [
  'start',
  'pages',
  'faq',
  'troubleshooting',
  'reference',
  'legal',
];

/** The article a page's "?" opens: the one that names the page's route; else getting started. */
export function articleForRoute(articles: readonly HelpArticleSummary[], route: Route): string {
  if (route.name === 'help') return route.slug ?? 'getting-started';
  return articles.find((article) => article.routes.includes(route.name))?.slug ?? 'getting-started';
}

/** Keys typed into a field are the field's. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as { tagName?: unknown }).tagName !== 'string') return false;
  const element = target as unknown as { tagName: string; isContentEditable?: boolean; type?: string };
  const tag = element.tagName.toLowerCase();
  if (element.isContentEditable) return true;
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(
    (element.type ?? 'text').toLowerCase(),
  );
}

/** `{#anchor}` at the end of a heading's text: the anchor, and the text without it. */
export function splitHeadingAnchor(text: string): { text: string; anchor: string | null } {
  const match = /^(.*?)\s*\{#([a-z0-9-]+)\}\s*$/s.exec(text);
  return match ? { text: match[1]!, anchor: match[2]! } : { text, anchor: null };
}

/** The id a heading's anchor gets in the page (prefixed: the article's anchors never clash with the app's ids). */
export const anchorId = (anchor: string) => `help-${anchor}`;

/** Where a link in an article goes: a page of the app, somewhere else (a new window), or nowhere. */
export function linkKind(href: string | undefined): 'app' | 'external' | 'none' {
  if (!href) return 'none';
  if (href.startsWith('#/')) return 'app';
  if (/^(https?:|mailto:)/i.test(href)) return 'external';
  return 'none';
}
