import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from '../app-info';

/**
 * What one e-mail says, as plain text (never HTML): the template builds it from its data and the
 * catalogue, the layout escapes every piece of it into the shared MJML layout and writes the
 * plain-text part from the same pieces.
 */
export interface MailDoc {
  language: string;
  subject: string;
  /** The line mail clients show beside the subject. */
  preheader: string;
  /** The organisation's name (else the product's) at the top. */
  header: string;
  product: string;
  heading: string;
  paragraphs: string[];
  quote: { label: string; text: string } | null;
  facts: { label: string; value: string }[];
  list: { heading: string; items: string[] } | null;
  /** A button to an absolute http(s) URL, with the URL written out below it. */
  action: { label: string; url: string; fallback: string } | null;
  /** Where to go when there is a link but no absolute URL for it (shown as text). */
  linkNote: string | null;
  /** Small print under the button (expiry, "ignore this if…"). */
  after: string[];
  /** Why this person gets this mail. */
  reason: string;
  sentBy: string;
  /** The colour of the button and links (#rrggbb; white text on it meets WCAG AA). */
  color: string;
  /** The brand's logo at the top (an inline image), or none. */
  logo: { src: string; alt: string } | null;
  /** Where to write for help (the brand's support address), or none. */
  support: string | null;
}

type Block = 'logo' | 'quote' | 'facts' | 'list' | 'action' | 'linknote' | 'after' | 'support';
const blocks: Block[] = ['logo', 'quote', 'facts', 'list', 'action', 'linknote', 'after', 'support'];

interface Mjml2Html {
  (mjml: string, options?: Record<string, unknown>): Promise<{ html: string; errors: unknown[] }>;
}

/** Loaded on first use: most installations send little e-mail, and start-up stays fast. */
function mjml2html(): Mjml2Html {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose
  const loaded = require('mjml') as Mjml2Html | { default: Mjml2Html };
  return typeof loaded === 'function' ? loaded : loaded.default;
}

let source: string | null = null;

/** assets/email/layout.mjml beside the app (the source tree, dist/ in served mode, app.asar). */
export function layoutSource(): string {
  source ??= readFileSync(join(findAppRoot(), 'assets', 'email', 'layout.mjml'), 'utf8').replace(
    /^<!--[\s\S]*?-->\s*/,
    '',
  );
  return source;
}

const compiled = new Map<string, Promise<string>>();

/** The layout with the given blocks, compiled by MJML once and kept. */
function compiledLayout(present: Set<Block>): Promise<string> {
  const key = blocks.filter((block) => present.has(block)).join(',');
  let html = compiled.get(key);
  if (!html) {
    const mjml = layoutSource().replace(
      /[ \t]*<!--#(\w+)-->\n?([\s\S]*?)[ \t]*<!--\/\1-->\n?/g,
      (_all, name: string, inner: string) => (present.has(name as Block) ? inner : ''),
    );
    html = mjml2html()(mjml, { validationLevel: 'soft', keepComments: false }).then((result) => result.html);
    // a failed compile is not kept: the next mail tries again
    html.catch(() => compiled.delete(key));
    compiled.set(key, html);
  }
  return html;
}

export const escapeHtml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Text with its line breaks kept. */
const lines = (value: string) => escapeHtml(value).replace(/\r?\n/g, '<br>');

function blocksOf(doc: MailDoc): Set<Block> {
  const present = new Set<Block>();
  if (doc.logo) present.add('logo');
  if (doc.support) present.add('support');
  if (doc.quote) present.add('quote');
  if (doc.facts.length > 0) present.add('facts');
  if (doc.list) present.add('list');
  if (doc.action) present.add('action');
  if (doc.linkNote) present.add('linknote');
  if (doc.after.length > 0) present.add('after');
  return present;
}

/** The HTML part: the compiled layout with the doc's pieces escaped into it. */
export async function htmlOf(doc: MailDoc): Promise<string> {
  const layout = await compiledLayout(blocksOf(doc));
  const values: Record<string, string> = {
    lang: escapeHtml(doc.language),
    subject: escapeHtml(doc.subject),
    preheader: escapeHtml(doc.preheader),
    organisation: escapeHtml(doc.header),
    product: escapeHtml(doc.product),
    heading: escapeHtml(doc.heading),
    paragraphs: doc.paragraphs
      .map((p, i) => `<p style="margin:${i === 0 ? '0' : '12px'} 0 0 0">${lines(p)}</p>`)
      .join(''),
    quoteLabel: escapeHtml(doc.quote?.label ?? ''),
    quote: lines(doc.quote?.text ?? ''),
    facts: doc.facts
      .map(
        (fact) =>
          `<tr><td class="mf-label" style="white-space:nowrap;color:#475569;padding:6px 16px 6px 0;vertical-align:top;border-bottom:1px solid #e2e8f0">${escapeHtml(fact.label)}</td>` +
          `<td class="mf-value" style="width:100%;color:#0f172a;font-weight:600;padding:6px 0;vertical-align:top;border-bottom:1px solid #e2e8f0;word-break:break-word">${lines(fact.value)}</td></tr>`,
      )
      .join(''),
    listHeading: escapeHtml(doc.list?.heading ?? ''),
    list: doc.list
      ? `<ol class="mf-list" style="margin:0;padding-left:20px">${doc.list.items
          .map((item) => `<li>${escapeHtml(item)}</li>`)
          .join('')}</ol>`
      : '',
    actionUrl: escapeHtml(doc.action?.url ?? ''),
    actionLabel: escapeHtml(doc.action?.label ?? ''),
    actionFallback: doc.action
      ? `${escapeHtml(doc.action.fallback)}<br><a class="mf-link" href="${escapeHtml(doc.action.url)}" style="color:${escapeHtml(doc.color)};word-break:break-all">${escapeHtml(doc.action.url)}</a>`
      : '',
    linkNote: lines(doc.linkNote ?? ''),
    after: doc.after
      .map((p, i) => `<p style="margin:${i === 0 ? '0' : '8px'} 0 0 0">${lines(p)}</p>`)
      .join(''),
    reason: escapeHtml(doc.reason),
    sentBy: escapeHtml(doc.sentBy),
    color: escapeHtml(doc.color),
    logoSrc: escapeHtml(doc.logo?.src ?? ''),
    logoAlt: escapeHtml(doc.logo?.alt ?? ''),
    support: escapeHtml(doc.support ?? ''),
  };
  // one pass, so a value that happens to contain "[[x]]" is never filled in again
  return layout.replace(/\[\[(\w+)\]\]/g, (all, name: string) => values[name] ?? all);
}

/** The plain-text part, from the same pieces. */
export function textOf(doc: MailDoc): string {
  const out: string[] = [doc.header, '', doc.heading, '', ...doc.paragraphs.flatMap((p) => [p, ''])];
  if (doc.quote) out.push(doc.quote.label, ...doc.quote.text.split(/\r?\n/).map((line) => `> ${line}`), '');
  if (doc.facts.length > 0) out.push(...doc.facts.map((fact) => `${fact.label}: ${fact.value}`), '');
  if (doc.list) out.push(doc.list.heading, ...doc.list.items.map((item, i) => `${i + 1}. ${item}`), '');
  if (doc.action) out.push(`${doc.action.label}: ${doc.action.url}`, '');
  if (doc.linkNote) out.push(doc.linkNote, '');
  if (doc.after.length > 0) out.push(...doc.after.flatMap((p) => [p, '']));
  out.push('-- ', doc.reason, doc.sentBy);
  if (doc.support) out.push(doc.support);
  return out.join('\n');
}
