import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { usePrefsStore } from '../stores/prefs-store';
import en from './en.json';
import nb from './nb.json';
import nl from './nl.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

export function initI18n(): typeof i18next {
  const language = usePrefsStore.getState().language;
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, nl: { translation: nl }, nb: { translation: nb } },
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
  usePrefsStore.subscribe((state) => {
    if (state.language === i18next.language) return;
    void i18next.changeLanguage(state.language);
    document.documentElement.lang = state.language;
  });
  return i18next;
}
