import { analyze, conceptPrefix, conceptWords, type AnalyzeOptions } from './analyze';

const maxTerms = 64;

/**
 * An SQLite FTS5 MATCH expression for a free-text question, for a table created with
 * `tokenize = 'unicode61 remove_diacritics 2'`: the question's meaningful words as prefix queries of
 * their stems, OR-ed, plus the words of every lexicon concept they belong to in all three languages.
 * So "Wanneer zijn jullie open?" also finds "Opening hours" and "Åpningstider", and "Hva koster en
 * service?" finds "prices". Stopwords are left out, so an OR query does not match every document; rank
 * with FTS5's bm25(). Returns null when the text has no searchable word (then there is nothing to match).
 */
export function ftsQuery(text: string, options: AnalyzeOptions = {}): string | null {
  const stems = new Set<string>();
  for (const term of analyze(text, options)) {
    for (const feature of term.features) {
      if (feature.startsWith(conceptPrefix)) {
        for (const word of conceptWords(feature.slice(conceptPrefix.length))) stems.add(word);
      } else {
        stems.add(feature);
      }
    }
  }
  const parts = [...stems]
    .filter((word) => /^[\p{L}\p{N}]+$/u.test(word))
    .slice(0, maxTerms)
    .map((word) => (word.length >= 3 && !/^\p{N}+$/u.test(word) ? `"${word}"*` : `"${word}"`));
  return parts.length > 0 ? parts.join(' OR ') : null;
}
