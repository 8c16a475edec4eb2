import type { Language, Localized } from '../../contract';

/** The text in the UI language, falling back to English. */
export function localized(text: Localized, language: string): string {
  return text[language as Language] || text.en;
}

export function templateLanguage(language: string): Language {
  return language === 'nl' || language === 'nb' ? language : 'en';
}
