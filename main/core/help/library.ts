import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkAnchor,
  checkIds,
  helpSections,
  languages,
  troubleshootingAnchorForReason,
  troubleshootingSlug,
  type HelpArticle,
  type HelpArticleSummary,
  type HelpSection,
  type Language,
} from '../../contract';

/** One hit of HelpLibrary.search: the article, and the part of it that matched best. */
export interface HelpSearchHit {
  slug: string;
  title: string;
  section: HelpSection;
  /** A line of the best-matching part, in plain text. */
  snippet: string;
  /** The heading anchor of the best-matching part, or null for the article's opening. */
  anchor: string | null;
}

interface Part {
  anchor: string | null;
  heading: string;
  text: string;
  words: string[];
}

interface Article extends HelpArticle {
  /** Every route name this article explains (the first is `route`). */
  routes: string[];
  keywords: string[];
  anchors: string[];
  parts: Part[];
  titleWords: string[];
  keywordWords: string[];
}

/** `{#anchor}` at the end of a heading: the same anchor in every language. */
const headingPattern = /^(#{1,6})\s+(.*?)\s*(?:\{#([a-z0-9-]+)\})?\s*$/;

/** Words for matching: lower case, without accents (å and ø stay what they are apart from that). */
export function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Markdown to the plain text a snippet shows. */
function plain(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_>|#]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface FrontMatter {
  title: string;
  section: HelpSection;
  routes: string[];
  keywords: string[];
}

function list(value: string): string[] {
  return value
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((item) => item.trim().replace(/^["']|["']$/g, ''))
    .filter(Boolean);
}

export function parseArticle(slug: string, source: string, file: string): Article {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`${file}: no front matter`);
  const fields = new Map<string, string>();
  for (const line of match[1]!.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const title = (fields.get('title') ?? '').replace(/^["']|["']$/g, '');
  const section = fields.get('section') as HelpSection;
  if (!title) throw new Error(`${file}: no title`);
  if (!helpSections.includes(section)) throw new Error(`${file}: unknown section ${String(section)}`);
  const front: FrontMatter = {
    title,
    section,
    routes: list(fields.get('route') ?? ''),
    keywords: list(fields.get('keywords') ?? ''),
  };
  const markdown = match[2]!.trim() + '\n';
  const parts: Part[] = [];
  let current: Part = { anchor: null, heading: front.title, text: '', words: [] };
  const anchors: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : headingPattern.exec(line);
    if (heading) {
      parts.push(current);
      const anchor = heading[3] ?? null;
      if (anchor) {
        if (anchors.includes(anchor)) throw new Error(`${file}: anchor ${anchor} twice`);
        anchors.push(anchor);
      }
      current = { anchor, heading: heading[2]!, text: '', words: [] };
    } else {
      current.text += `${line}\n`;
    }
  }
  parts.push(current);
  for (const part of parts) {
    part.text = plain(part.text);
    part.words = wordsOf(`${part.heading} ${part.text}`);
  }
  return {
    slug,
    title: front.title,
    section: front.section,
    route: front.routes[0] ?? null,
    routes: front.routes,
    keywords: front.keywords,
    markdown,
    anchors,
    parts: parts.filter((part) => part.anchor !== null || part.text !== ''),
    titleWords: wordsOf(front.title),
    keywordWords: wordsOf(front.keywords.join(' ')),
  };
}

/** Edit distance of at most one (a typo: one letter wrong, missing, extra or two swapped). */
function nearlySame(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** How well one query word matches one word of an article: whole word, a prefix, or a typo. */
function wordScore(query: string, word: string): number {
  if (word === query) return 1;
  if (query.length >= 2 && word.startsWith(query)) return 0.8;
  if (query.length >= 4 && word.length >= 4 && word.startsWith(query.slice(0, 2)) && nearlySame(query, word))
    return 0.6;
  // a query word longer than the article's (backups ~ backup)
  if (word.length >= 4 && query.startsWith(word) && query.length - word.length <= 2) return 0.7;
  return 0;
}

function bestIn(query: string, words: readonly string[]): number {
  let best = 0;
  for (const word of words) {
    const score = wordScore(query, word);
    if (score > best) best = score;
    if (best === 1) break;
  }
  return best;
}

/**
 * The help center's articles (assets/help/<language>/<slug>.md), read once at start and searched in
 * memory: a few dozen articles per language, so a scan is fast (well under a millisecond per query).
 */
export class HelpLibrary {
  private readonly byLanguage: Map<Language, Map<string, Article>>;

  constructor(articles: Map<Language, Map<string, Article>>) {
    this.byLanguage = articles;
  }

  /** Reads assets/help beside the app (the sources, dist/ in served mode, app.asar). */
  static load(appRoot: string): HelpLibrary {
    const root = join(appRoot, 'assets', 'help');
    const articles = new Map<Language, Map<string, Article>>();
    for (const language of languages) {
      const dir = join(root, language);
      const own = new Map<string, Article>();
      if (existsSync(dir)) {
        for (const file of readdirSync(dir).sort()) {
          if (!file.endsWith('.md')) continue;
          const slug = file.slice(0, -3);
          own.set(slug, parseArticle(slug, readFileSync(join(dir, file), 'utf8'), join(dir, file)));
        }
      }
      articles.set(language, own);
    }
    return new HelpLibrary(articles);
  }

  private articles(language: Language): Map<string, Article> {
    return this.byLanguage.get(language) ?? new Map();
  }

  /** Every article in a language, in the order of the sections. */
  list(language: Language): HelpArticleSummary[] {
    return [...this.articles(language).values()]
      .sort(
        (a, b) =>
          helpSections.indexOf(a.section) - helpSections.indexOf(b.section) ||
          order(a.slug) - order(b.slug) ||
          a.title.localeCompare(b.title, language),
      )
      .map(({ slug, title, section, route, routes }) => ({
        slug,
        title,
        section,
        route,
        routes: [...routes],
      }));
  }

  get(language: Language, slug: string): HelpArticle | null {
    const article = this.articles(language).get(slug);
    if (!article) return null;
    const { title, section, route, routes, markdown } = article;
    return { slug, title, section, route, routes: [...routes], markdown };
  }

  /** The anchors (`{#anchor}` of its headings) of an article. */
  anchors(language: Language, slug: string): string[] {
    return [...(this.articles(language).get(slug)?.anchors ?? [])];
  }

  /**
   * Articles for a query: every word must match (in any order) a word of the article, whole, as the
   * start of a word, or with one typo; the title and keywords weigh most.
   */
  search(language: Language, q: string, limit = 10): HelpSearchHit[] {
    const query = [...new Set(wordsOf(q))].slice(0, 12);
    if (query.length === 0) return [];
    const hits: { hit: HelpSearchHit; score: number }[] = [];
    for (const article of this.articles(language).values()) {
      let score = 0;
      let all = true;
      const partScores = article.parts.map(() => 0);
      for (const word of query) {
        const title = bestIn(word, article.titleWords);
        const keyword = bestIn(word, article.keywordWords);
        let body = 0;
        article.parts.forEach((part, index) => {
          const found = bestIn(word, part.words);
          partScores[index]! += found;
          if (found > body) body = found;
        });
        const best = Math.max(title * 5, keyword * 4, body);
        if (best === 0) {
          all = false;
          break;
        }
        score += best;
      }
      if (!all) continue;
      let bestPart = 0;
      partScores.forEach((value, index) => {
        if (value > partScores[bestPart]!) bestPart = index;
      });
      const part = article.parts[bestPart];
      hits.push({
        score,
        hit: {
          slug: article.slug,
          title: article.title,
          section: article.section,
          snippet: snippetOf(part?.text ?? '', query),
          anchor: part?.anchor ?? null,
        },
      });
    }
    return hits
      .sort((a, b) => b.score - a.score || a.hit.title.localeCompare(b.hit.title, language))
      .slice(0, Math.max(1, limit))
      .map(({ hit }) => hit);
  }

  /**
   * The article a page's "?" opens: the one whose front matter names the route. Takes the router's
   * route name (`costs`, `agent`, `apiKeys`) or the page's hash path (`runs/costs`, `#/agents/<id>`).
   */
  forRoute(route: string): string | null {
    for (const name of [route, routeNameOfPath(route)]) {
      for (const article of this.articles('en').values()) {
        if (article.routes.includes(name)) return article.slug;
      }
    }
    return null;
  }

  /** Where the troubleshooting article says what to do about an error reason or a Guardian check id. */
  troubleshootingFor(reasonOrCheck: string): { slug: string; anchor: string } | null {
    const anchor = (checkIds as readonly string[]).includes(reasonOrCheck)
      ? checkAnchor(reasonOrCheck)
      : troubleshootingAnchorForReason(reasonOrCheck);
    if (!anchor || !this.anchors('en', troubleshootingSlug).includes(anchor)) return null;
    return { slug: troubleshootingSlug, anchor };
  }
}

/** Paths whose first segment is not the route's name (renderer/src/router/routes.ts, pagePaths). */
const pathNames: Record<string, string> = { '': 'dashboard', 'api-keys': 'apiKeys', export: 'dataExport' };
/** Second segments that are pages of their own rather than a record's id. */
const subPages: Record<string, string> = { 'runs/costs': 'costs', 'incidents/escalation': 'escalation' };
/** A record's page under a list (`agents/<id>` is the designer). */
const recordPages: Record<string, string> = {
  agents: 'agent',
  runs: 'run',
  incidents: 'incident',
  conversations: 'conversation',
  inbox: 'inbox',
  help: 'help',
};

/** The route name of a hash path such as `#/runs/costs?x=1` or `agents/123` (as the router reads it). */
export function routeNameOfPath(path: string): string {
  const [first = '', second] = path
    .replace(/^#?\/*/, '')
    .split(/[?#]/)[0]!
    .replace(/\/+$/, '')
    .split('/');
  if (second !== undefined) return subPages[`${first}/${second}`] ?? recordPages[first] ?? first;
  return pathNames[first] ?? first;
}

/** Getting started first, About and the legal pages in a fixed order; the rest by title. */
const fixedOrder = [
  'getting-started',
  'faq',
  'troubleshooting',
  'keyboard-shortcuts',
  'about',
  'terms-of-use',
  'privacy-notice',
  'data-processing-agreement',
];
function order(slug: string): number {
  const at = fixedOrder.indexOf(slug);
  return at === -1 ? fixedOrder.length : at;
}

/** About 160 characters of a part's text around the first word that matches the query. */
function snippetOf(text: string, query: string[]): string {
  if (text.length <= 160) return text;
  const lower = text.toLowerCase();
  let at = -1;
  for (const word of query) {
    const found = lower.indexOf(word);
    if (found !== -1 && (at === -1 || found < at)) at = found;
  }
  if (at <= 40) return `${text.slice(0, 157).trimEnd()}…`;
  const start = text.lastIndexOf(' ', at - 40) + 1;
  return `…${text.slice(start, start + 155).trimEnd()}…`;
}
