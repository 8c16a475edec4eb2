import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Language } from '../contract';
import { detectLanguage, isLanguage } from '../i18n/languages';
import { isRegionalFormat, type RegionalFormat } from '../i18n/region';

interface PrefsState {
  language: Language;
  setLanguage(language: Language): void;
  /** How dates and numbers are written ('auto': the system's region for the language). */
  region: RegionalFormat;
  setRegion(region: RegionalFormat): void;
}

export const usePrefsStore = create<PrefsState>()(
  persist(
    (set) => ({
      language: detectLanguage(),
      setLanguage: (language) => set({ language }),
      region: 'auto',
      setRegion: (region) => set({ region }),
    }),
    {
      name: 'mindframe.prefs',
      storage: createJSONStorage(() => localStorage),
      merge: (persisted, current) => {
        const stored = persisted as Partial<PrefsState> | undefined;
        return {
          ...current,
          ...(isLanguage(stored?.language) ? { language: stored.language } : {}),
          ...(isRegionalFormat(stored?.region) ? { region: stored.region } : {}),
        };
      },
    },
  ),
);
