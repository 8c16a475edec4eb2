import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Language } from '../contract';
import { detectLanguage, isLanguage } from '../i18n/languages';

interface PrefsState {
  language: Language;
  setLanguage(language: Language): void;
}

export const usePrefsStore = create<PrefsState>()(
  persist(
    (set) => ({
      language: detectLanguage(),
      setLanguage: (language) => set({ language }),
    }),
    {
      name: 'mindframe.prefs',
      storage: createJSONStorage(() => localStorage),
      merge: (persisted, current) => {
        const language = (persisted as Partial<PrefsState> | undefined)?.language;
        return isLanguage(language) ? { ...current, language } : current;
      },
    },
  ),
);
