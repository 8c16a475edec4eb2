import type { Language } from '../contract';

/**
 * Regional formats for dates and numbers, apart from the language of the words: an English user in
 * Europe writes "7 Dec 2026, 14:05", not "Dec 7, 2026, 2:05 PM". 'auto' follows the browser's or
 * system's region where it speaks the chosen language.
 */
export const regionalFormats = [
  'auto',
  'en-GB',
  'en-US',
  'en-IE',
  'nl-NL',
  'nl-BE',
  'nb-NO',
  'de-DE',
  'fr-FR',
  'sv-SE',
  'da-DK',
] as const;
export type RegionalFormat = (typeof regionalFormats)[number];

export const isRegionalFormat = (value: unknown): value is RegionalFormat =>
  typeof value === 'string' && (regionalFormats as readonly string[]).includes(value);

/** Without a region of the chosen language in the system's list: the European one. */
const defaultRegion: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL', nb: 'nb-NO' };

/** The locale dates and numbers are formatted in. */
export function formatLocale(
  language: Language,
  region: RegionalFormat,
  systemLanguages: readonly string[],
): string {
  if (region !== 'auto') return region;
  // "no" and "nn" speak for Norwegian too; a bare language ("en") names no region
  const base = (tag: string) => (tag.split('-')[0] === 'no' ? 'nb' : tag.split('-')[0]!.toLowerCase());
  const match = systemLanguages.find((tag) => tag.includes('-') && base(tag) === language);
  if (match) {
    try {
      return Intl.getCanonicalLocales(match)[0] ?? defaultRegion[language];
    } catch {
      return defaultRegion[language];
    }
  }
  return defaultRegion[language];
}
