import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  detectLanguage,
  foldText,
  guessLanguage,
  isStopword,
  splitCompound,
  splitSentences,
  stem,
  stopwords,
  tokenize,
} from '.';
import { Bm25Index, ftsQuery } from '../search';

const stems = (words: string[], language: 'en' | 'nl' | 'nb'): string[] =>
  words.map((w) => stem(w, language));

describe('tokenize', () => {
  it('lower-cases, folds accents and splits on anything but letters and digits', () => {
    expect(tokenize('Café FINANCIËLE e-bike: 08:00–18:00, Straße!')).toEqual([
      'cafe',
      'financiele',
      'e',
      'bike',
      '08',
      '00',
      '18',
      '00',
      'strasse',
    ]);
  });

  it('keeps æ, ø and å, so Norwegian words keep their meaning', () => {
    expect(tokenize('Åpningstider for ØL og BÆR på år')).toEqual([
      'åpningstider',
      'for',
      'øl',
      'og',
      'bær',
      'på',
      'år',
    ]);
    expect(foldText('år')).not.toBe('ar');
  });

  it('handles empty text and other scripts', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  ...  ')).toEqual([]);
    expect(tokenize('Привет мир 42')).toEqual(['привет', 'мир', '42']);
  });
});

describe('stopwords', () => {
  it('has a reasonably sized list per language', () => {
    for (const language of ['en', 'nl', 'nb'] as const) {
      expect(stopwords[language].size).toBeGreaterThanOrEqual(100);
      expect(stopwords[language].size).toBeLessThanOrEqual(220);
    }
  });

  it('knows function words and leaves business words alone', () => {
    expect(isStopword('the', 'en')).toBe(true);
    expect(isStopword('jullie', 'nl')).toBe(true);
    expect(isStopword('jeg', 'nb')).toBe(true);
    expect(isStopword('jeg', 'en')).toBe(false);
    expect(isStopword('jeg')).toBe(true);
    for (const word of ['open', 'price', 'repair', 'afspraak', 'time', 'pris'])
      expect(isStopword(word)).toBe(false);
  });
});

describe('stemmers', () => {
  it('English forms meet', () => {
    expect(new Set(stems(['booking', 'bookings', 'booked', 'book'], 'en')).size).toBe(1);
    expect(new Set(stems(['repairs', 'repaired', 'repairing'], 'en')).size).toBe(1);
    expect(new Set(stems(['reservation', 'reserve', 'reserved'], 'en')).size).toBe(1);
    expect(new Set(stems(['price', 'prices', 'pricing'], 'en')).size).toBe(1);
    expect(stem('deliveries', 'en')).toBe('delivery');
    expect(stem('shipping', 'en')).toBe('ship');
    expect(stem('need', 'en')).toBe('need');
  });

  it('Dutch forms meet (plurals, -en, long vowels, -heid, -ing)', () => {
    expect(stem('afspraken', 'nl')).toBe(stem('afspraak', 'nl'));
    expect(stem('fietsen', 'nl')).toBe(stem('fiets', 'nl'));
    expect(stem('winkels', 'nl')).toBe(stem('winkel', 'nl'));
    expect(stem('prijzen', 'nl')).toBe(stem('prijs', 'nl'));
    expect(stem('reparaties', 'nl')).toBe(stem('reparatie', 'nl'));
    expect(stem('bestellingen', 'nl')).toBe(stem('bestellen', 'nl'));
    expect(stem('beschikbaarheid', 'nl')).toBe(stem('beschikbaar', 'nl'));
    expect(stem('open', 'nl')).toBe('open');
  });

  it('Norwegian forms meet (definite and plural endings, -ing, -het)', () => {
    expect(new Set(stems(['time', 'timer', 'timen'], 'nb')).size).toBe(1);
    expect(stem('reparasjoner', 'nb')).toBe('reparasjon');
    expect(stem('butikken', 'nb')).toBe('butikk');
    expect(stem('bestilling', 'nb')).toBe(stem('bestille', 'nb'));
    expect(stem('priser', 'nb')).toBe(stem('pris', 'nb'));
    expect(stem('meningen', 'nb')).toBe('mening');
  });

  it('leaves numbers and short words alone', () => {
    expect(stem('2024', 'nl')).toBe('2024');
    expect(stem('bus', 'en')).toBe('bus');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['What time do you open on Saturday?', 'en'],
    ['Is the shop open on Sunday?', 'en'],
    ['Kan ik een afspraak maken voor mijn fiets?', 'nl'],
    ['Wanneer zijn jullie open?', 'nl'],
    ['Kan jeg bestille time på tirsdag?', 'nb'],
    ['Hvor mye koster en service?', 'nb'],
    ['Åpningstider i påsken', 'nb'],
  ] as const)('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('says null when it cannot tell', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('42')).toBeNull();
    expect(guessLanguage('Xylofoon quartz').confidence).toBe(0);
  });

  it('uses the prior only to break a tie', () => {
    expect(detectLanguage('menu', 'nl')).toBeNull();
    expect(detectLanguage('Wanneer zijn jullie open?', 'nb')).toBe('nl');
  });
});

describe('analyze', () => {
  it('drops stopwords, stems, and adds cross-language concepts', () => {
    const terms = analyze('Hoe laat gaan jullie open op zaterdag?');
    expect(terms.map((t) => t.surface)).toEqual(['laat', 'open', 'zaterdag']);
    expect(terms[1]?.features).toContain('#hours');
    expect(terms[2]?.features).toContain('#saturday');
    expect(analyze('Are you open on Saturday?').find((t) => t.surface === 'saturday')?.features).toContain(
      '#saturday',
    );
  });

  it('splits compounds the lexicon knows the parts of', () => {
    const surfaces = analyze('Ik heb een fietsenwinkel').flatMap((t) => t.features);
    expect(surfaces).toEqual(expect.arrayContaining(['#bike', '#shop']));
    expect(analyze('sykkelbutikk').flatMap((t) => t.features)).toEqual(
      expect.arrayContaining(['#bike', '#shop']),
    );
    expect(splitCompound('onderhoudsbeurt', (part) => ['onderhoud', 'beurt'].includes(part))).toEqual([
      'onderhoud',
      'beurt',
    ]);
    expect(splitCompound('bookkeeping', () => false)).toBeNull();
  });

  it('does not read English compounds as Dutch ones', () => {
    expect(analyze('bookkeeping software', { language: 'en' }).flatMap((t) => t.features)).not.toContain(
      '#booking',
    );
  });

  it('analyses an undecided text in all three languages', () => {
    const [term] = analyze('reparasjoner');
    expect(term?.features).toEqual(expect.arrayContaining(['reparasjon', '#repair']));
  });
});

describe('Bm25Index', () => {
  it('scores with Okapi BM25 (k1 1.2, b 0.75) on a single field', () => {
    const index = new Bm25Index<string, 'text'>({ fields: { text: 1 } });
    index.add('a', { text: { text: 'zebra zebra lion', language: 'en' } });
    index.add('b', { text: { text: 'lion tiger', language: 'en' } });
    index.add('c', { text: { text: 'giraffe', language: 'en' } });
    const [hit] = index.search('zebra', { language: 'en' });
    // idf = ln(1 + (3 - 1 + 0.5) / (1 + 0.5)); tf = 2; |d| = 3; avgdl = 2
    const idf = Math.log(1 + 2.5 / 1.5);
    const tf = 2 / (1 - 0.75 + (0.75 * 3) / 2);
    expect(hit?.item).toBe('a');
    expect(hit?.score).toBeCloseTo((idf * tf * 2.2) / (tf + 1.2), 10);
    expect(hit?.matchedTerms).toEqual(['zebra']);
    expect(index.search('elephant', { language: 'en' })).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('ranks by field weight and reports the matched query words', () => {
    const index = new Bm25Index<string, 'name' | 'body'>({ fields: { name: 3, body: 1 } });
    index.add('repairs', { name: 'Bike repairs', body: 'We fix flat tyres and brakes.' });
    index.add('sales', { name: 'Bike sales', body: 'Repairs are done next door.' });
    const hits = index.search('repair my bike');
    expect(hits.map((h) => h.item)).toEqual(['repairs', 'sales']);
    expect(hits[0]?.matchedTerms.sort()).toEqual(['bike', 'repair']);
  });

  it('matches across languages through concepts and compounds', () => {
    const index = new Bm25Index<string, 'text'>({ fields: { text: 1 } });
    index.add('hours', { text: { text: 'Opening hours: Monday to Friday 08:00 to 18:00.', language: 'en' } });
    index.add('prices', { text: { text: 'A standard service costs €79.', language: 'en' } });
    expect(index.search('Wanneer zijn jullie open?')[0]?.item).toBe('hours');
    expect(index.search('Hva koster en service?')[0]?.item).toBe('prices');
    expect(index.search('Wat kost een onderhoudsbeurt?')[0]?.item).toBe('prices');
  });

  it('splits an unknown query compound into parts the index knows', () => {
    const index = new Bm25Index<string, 'text'>({ fields: { text: 1 } });
    index.add('garden', { text: { text: 'alles voor tuin en terras', language: 'nl' } });
    index.add('furniture', { text: { text: 'meubelen voor binnen', language: 'nl' } });
    index.add('other', { text: { text: 'gereedschap en verf', language: 'nl' } });
    const hits = index.search('tuinmeubelen', { language: 'nl' });
    expect(hits.map((h) => h.item).sort()).toEqual(['furniture', 'garden']);
    expect(hits[0]?.matchedTerms).toEqual(['tuinmeubelen']);
  });
});

describe('splitSentences', () => {
  it('splits at line breaks and sentence ends, keeping prices and times whole', () => {
    expect(
      splitSentences(
        'Opening hours: Mon–Fri 08:00–18:00. A service costs €79.50. Closed on Sunday!\n- Bring your bike e.g. before noon.',
      ),
    ).toEqual([
      'Opening hours: Mon–Fri 08:00–18:00.',
      'A service costs €79.50.',
      'Closed on Sunday!',
      'Bring your bike e.g. before noon.',
    ]);
    expect(splitSentences('\n\n - \n')).toEqual([]);
  });
});

describe('ftsQuery', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`);
  const insert = db.prepare('INSERT INTO docs (title, body) VALUES (?, ?)');
  insert.run('Opening hours', 'We are open Monday to Friday from 08:00 to 18:00.');
  insert.run('Prices', 'A flat tyre repair costs €17.50.');
  insert.run('Åpningstider', 'Vi har åpent lørdag fra 10:00.');
  const search = (text: string): string[] => {
    const match = ftsQuery(text);
    if (!match) return [];
    return db
      .prepare<[string], { title: string }>(
        'SELECT title FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 3.0, 1.0)',
      )
      .all(match)
      .map((row) => row.title);
  };

  it('is a valid FTS5 expression that finds documents in any of the three languages', () => {
    expect(search('When are you open?')).toContain('Opening hours');
    expect(search('Wanneer zijn jullie open?')).toEqual(
      expect.arrayContaining(['Opening hours', 'Åpningstider']),
    );
    expect(search('Hva koster det å fikse en punktering?')[0]).toBe('Prices');
  });

  it('is null when there is nothing to search for', () => {
    expect(ftsQuery('the and of')).toBeNull();
    expect(ftsQuery('"; DROP TABLE docs; --')).not.toContain(';');
  });
});
