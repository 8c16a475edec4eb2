import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { languages } from '../contract';
import { addFormatters } from './formatters';
import { messageText } from './message';

const bundles = import.meta.glob<Record<string, unknown>>('./*.json', { eager: true, import: 'default' });

async function catalogue() {
  const instance = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(
      languages.map((language) => [language, { translation: bundles[`./${language}.json`] ?? {} }]),
    ),
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  addFormatters(instance);
  return instance;
}

describe('sizes in the core’s messages', () => {
  it('says a small database in kB, not "0 MB", in each language and regional format', async () => {
    const i18n = await catalogue();
    // 41 kB: the database of a new installation (the check sends MiB to the kilobyte)
    const small = { key: 'guardian.database_size', params: { mib: 0.04 } };
    const say = (language: string, locale?: string) =>
      messageText(i18n, i18n.getFixedT(language), small, undefined, locale);
    expect(say('en', 'en-GB')).toBe('The database file is 41 kB.');
    expect(say('nl', 'nl-NL')).toBe('Het databasebestand is 41 kB.');
    expect(say('nb', 'nb-NO')).toBe('Databasefilen er på 41 kB.');
  });

  it('says large sizes in MB or GB with the regional decimal separator', async () => {
    const i18n = await catalogue();
    const free = { key: 'guardian.disk.free', params: { mib: 20480 + 512 } };
    expect(messageText(i18n, i18n.getFixedT('en'), free, undefined, 'en-GB')).toBe(
      '20.5 GB free where the data is kept.',
    );
    expect(messageText(i18n, i18n.getFixedT('en'), free, undefined, 'nl-NL')).toBe(
      '20,5 GB free where the data is kept.',
    );
    const wal = { key: 'guardian.wal', params: { mib: 1.5 } };
    expect(messageText(i18n, i18n.getFixedT('nb'), wal, undefined, 'nb-NO')).toBe(
      'Write-ahead-loggen er på 1,5 MB.',
    );
  });
});
