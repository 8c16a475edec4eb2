import { describe, expect, it } from 'vitest';
import { errorReasons, languages, messageKeys } from '../contract';
import { flatten } from './flatten';

const bundles = import.meta.glob<unknown>('./*.json', { eager: true, import: 'default' });
const catalogue = (language: string) => flatten(bundles[`./${language}.json`]);

/** A key with a `count` parameter is written as its plural forms (i18next: key_one, key_other). */
function said(entries: Record<string, unknown>, key: string): boolean {
  const text = (k: string) => typeof entries[k] === 'string' && (entries[k] as string).trim() !== '';
  return text(key) || (text(`${key}_one`) && text(`${key}_other`));
}

describe('what the core says', () => {
  it('lists its message keys and error reasons once each', () => {
    expect(messageKeys.length).toBeGreaterThan(100);
    expect(new Set(messageKeys).size).toBe(messageKeys.length);
    expect(new Set(errorReasons).size).toBe(errorReasons.length);
  });

  for (const language of languages) {
    describe(language, () => {
      const entries = catalogue(language);

      it('has a sentence for every message key (messages.<key>)', () => {
        expect(messageKeys.filter((key) => !said(entries, `messages.${key}`))).toEqual([]);
      });

      it('has a sentence for every error reason (errors.reasons.<reason>)', () => {
        expect(errorReasons.filter((reason) => !said(entries, `errors.reasons.${reason}`))).toEqual([]);
      });
    });
  }
});

/** The renderer's own sources (not tests), by path. */
const sources = import.meta.glob<string>(
  ['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'],
  {
    eager: true,
    query: '?raw',
    import: 'default',
  },
);

describe('refusals on screen', () => {
  it("are said from their reason or code, never in the server's English words", () => {
    // a CallError's `message` is English for logs and scripts: useErrorMessage and
    // serverFieldError say the refusal from errors.reasons.<reason> or errors.<code>
    const readsMessage = /\b(?:error|err|caught|failure|refusal|submit\.error|step\.error)\??\.message\b/;
    const offenders = Object.entries(sources)
      .filter(([path]) => !path.startsWith('../transport/'))
      .flatMap(([path, text]) =>
        text
          .split('\n')
          .map((line, index) => ({ line: line.trim(), at: `${path}:${index + 1}` }))
          // (a JavaScript Error of the browser's own is not a refusal of the server)
          .filter(({ line }) => readsMessage.test(line) && !/instanceof Error/.test(line))
          .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*'))
          .map(({ line, at }) => `${at}: ${line}`),
      );
    expect(offenders).toEqual([]);
    expect(Object.keys(sources).some((path) => path.endsWith('error-message.ts'))).toBe(true);
  });
});
