import { describe, expect, it } from 'vitest';
import { chooseLanguage, format, languageOf } from './language';
import { texts } from './texts';

const all = { languages: ['en', 'nl', 'nb'], defaultLanguage: 'en' };

describe('the widget language', () => {
  it('reads browser language tags, Norwegian of any kind as bokmål', () => {
    expect(languageOf('nb-NO')).toBe('nb');
    expect(languageOf('no')).toBe('nb');
    expect(languageOf('nn-NO')).toBe('nb');
    expect(languageOf('nl-BE')).toBe('nl');
    expect(languageOf('EN_us')).toBe('en');
    expect(languageOf('de-DE')).toBeNull();
    expect(languageOf(undefined)).toBeNull();
  });

  it("takes the visitor's first preferred language that the channel offers", () => {
    expect(chooseLanguage(all, ['nb-NO', 'en-US'])).toBe('nb');
    expect(chooseLanguage(all, ['de-DE', 'nl-NL', 'en'])).toBe('nl');
    expect(chooseLanguage({ languages: ['en', 'nl'], defaultLanguage: 'nl' }, ['nb-NO', 'en-GB'])).toBe('en');
  });

  it("falls back to the channel's default language, then to the first it offers, then to English", () => {
    expect(chooseLanguage({ languages: ['en', 'nl', 'nb'], defaultLanguage: 'nb' }, ['fr-FR'])).toBe('nb');
    expect(chooseLanguage({ languages: ['nl', 'nb'], defaultLanguage: 'en' }, ['fr'])).toBe('nl');
    expect(chooseLanguage({ languages: ['nl'] }, [])).toBe('nl');
    expect(chooseLanguage({}, ['fr'])).toBe('en');
    expect(chooseLanguage({}, ['nb'])).toBe('nb');
    expect(chooseLanguage({ languages: 'en' as unknown, defaultLanguage: 'xx' }, [])).toBe('en');
  });

  it('fills in placeholders and leaves unknown ones', () => {
    expect(format('{count} characters left', { count: 12 })).toBe('12 characters left');
    expect(format('Chat with {name}', {})).toBe('Chat with {name}');
  });
});

describe('the widget texts', () => {
  const keys = Object.keys(texts.en).sort();
  const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();

  it('say everything in Dutch and Norwegian, with the same placeholders', () => {
    for (const language of ['nl', 'nb'] as const) {
      expect(Object.keys(texts[language]).sort()).toEqual(keys);
      for (const key of keys) {
        const text = texts[language][key as keyof typeof texts.en];
        expect(text.trim(), `${language}.${key}`).not.toBe('');
        expect(placeholders(text), `${language}.${key}`).toEqual(
          placeholders(texts.en[key as keyof typeof texts.en]),
        );
      }
    }
  });

  it('are translated (not English left behind), except words both languages share', () => {
    const same = new Set(['nb.send']);
    for (const language of ['nl', 'nb'] as const)
      for (const key of keys) {
        if (same.has(`${language}.${key}`)) continue;
        expect(texts[language][key as keyof typeof texts.en], `${language}.${key}`).not.toBe(
          texts.en[key as keyof typeof texts.en],
        );
      }
  });

  it('address the visitor as je in Dutch, never u or uw', () => {
    for (const text of Object.values(texts.nl)) expect(text).not.toMatch(/\b(u|uw)\b/i);
  });
});
