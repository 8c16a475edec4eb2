import { describe, expect, it } from 'vitest';
import { flatten, placeholders } from './flatten';
import { languages } from '../contract';

const bundles = import.meta.glob<unknown>('./*.json', { eager: true, import: 'default' });
const load = (language: string) => flatten(bundles[`./${language}.json`]);

const en = load('en');
const enKeys = Object.keys(en).sort();

describe('translations', () => {
  it('has English strings, all non-empty', () => {
    expect(enKeys.length).toBeGreaterThan(100);
    const empty = enKeys.filter((key) => typeof en[key] !== 'string' || (en[key] as string).trim() === '');
    expect(empty).toEqual([]);
  });

  for (const language of languages.filter((l) => l !== 'en')) {
    describe(language, () => {
      const translated = load(language);
      const keys = Object.keys(translated);

      it('has every English key', () => {
        expect(enKeys.filter((key) => !(key in translated))).toEqual([]);
      });

      it('has no key English lacks', () => {
        expect(keys.filter((key) => !(key in en))).toEqual([]);
      });

      it('has no empty or non-text value', () => {
        expect(
          keys.filter(
            (key) => typeof translated[key] !== 'string' || (translated[key] as string).trim() === '',
          ),
        ).toEqual([]);
      });

      it('uses the same {{placeholders}} as English', () => {
        const mismatched = enKeys.filter(
          (key) =>
            typeof translated[key] === 'string' &&
            placeholders(translated[key] as string).join() !== placeholders(en[key] as string).join(),
        );
        expect(mismatched).toEqual([]);
      });
    });
  }

  it('speaks to Dutch users with the informal je, never u/uw', () => {
    const nl = load('nl');
    const formal = Object.entries(nl).filter(
      ([, text]) => typeof text === 'string' && /(^|[^\p{L}])(u|uw|U|Uw)(?![\p{L}])/u.test(text),
    );
    expect(formal.map(([key]) => key)).toEqual([]);
  });

  it('calls two-factor sign-in by one name in each language', () => {
    const other: Record<string, RegExp> = {
      en: /two-step|two-factor authentication/i,
      nl: /tweestapsverificatie|twee-factor/i,
      nb: /tofaktor/i,
    };
    for (const language of languages) {
      const strays = Object.entries(load(language)).filter(
        ([, text]) => typeof text === 'string' && other[language]!.test(text),
      );
      expect(strays.map(([key]) => `${language}: ${key}`)).toEqual([]);
    }
  });
});
