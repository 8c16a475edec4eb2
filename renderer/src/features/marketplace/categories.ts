import type { Language, Localized, TemplateCategory } from '../../contract';

export const categoryList = [
  'customer_service',
  'sales_leads',
  'scheduling',
  'operations',
  'hr',
  'ecommerce',
  'finance',
  'marketing',
] as const satisfies readonly TemplateCategory[];

type MissingCategory = Exclude<TemplateCategory, (typeof categoryList)[number]>;
const everyCategoryListed: [MissingCategory] extends [never] ? true : never = true;
void everyCategoryListed;

/** The text in the UI language, falling back to English. */
export function localized(text: Localized, language: string): string {
  return text[language as Language] || text.en;
}

export function templateLanguage(language: string): Language {
  return language === 'nl' || language === 'nb' ? language : 'en';
}
