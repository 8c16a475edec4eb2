import { texts, type Language } from './texts';

export const languages = Object.keys(texts) as Language[];

const isLanguage = (value: string): value is Language => (languages as string[]).includes(value);

/**
 * The widget's language for a tag like `nb-NO`, `nl-BE` or `en`: Norwegian of any written form (`no`,
 * `nb`, `nn`) is bokmål; a language the widget has no texts for is null.
 */
export function languageOf(tag: unknown): Language | null {
  if (typeof tag !== 'string') return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const mapped = base === 'no' || base === 'nn' ? 'nb' : base;
  return isLanguage(mapped) ? mapped : null;
}

/**
 * The language the widget speaks to this visitor: the first of the browser's preferred languages the
 * channel offers (any the widget has texts for, when the channel's list is unknown); else the channel's
 * default language; else the first the channel offers; else English.
 */
export function chooseLanguage(
  channel: { languages?: unknown; defaultLanguage?: unknown },
  preferred: readonly string[],
): Language {
  const listed = (Array.isArray(channel.languages) ? channel.languages : [])
    .map(languageOf)
    .filter((l): l is Language => l !== null);
  const offered = listed.length > 0 ? listed : languages;
  for (const tag of preferred) {
    const language = languageOf(tag);
    if (language && offered.includes(language)) return language;
  }
  const fallback = languageOf(channel.defaultLanguage);
  if (fallback && offered.includes(fallback)) return fallback;
  return listed[0] ?? 'en';
}

/** A text with `{name}` placeholders filled in. */
export function format(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
