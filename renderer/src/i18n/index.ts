import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { usePrefsStore } from '../stores/prefs-store';
import { languages } from '../contract';
import { addFormatters } from './formatters';

// Loaded through Vite rather than `import en from './en.json'`: the renderer's tsconfig project lists
// only .ts/.tsx files, and a composite project refuses imports of files it does not list.
const bundles = import.meta.glob<Record<string, unknown>>('./*.json', { eager: true, import: 'default' });

export const resources: Resource = Object.fromEntries(
  languages.map((language) => [language, { translation: bundles[`./${language}.json`] ?? {} }]),
);

export function initI18n(): typeof i18next {
  const language = usePrefsStore.getState().language;
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    // {{product}} / {{productShort}}: the brand's name once it is loaded (stores/brand-store.ts)
    interpolation: {
      escapeValue: false,
      defaultVariables: { product: 'Mindframe Control Center', productShort: 'Mindframe' },
    },
  });
  addFormatters(i18next);
  document.documentElement.lang = language;
  usePrefsStore.subscribe((state) => {
    if (state.language === i18next.language) return;
    void i18next.changeLanguage(state.language);
    document.documentElement.lang = state.language;
  });
  return i18next;
}
