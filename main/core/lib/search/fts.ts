import { analyze, conceptPrefix, conceptWords, type AnalyzeOptions } from '../language/analyze';

const maxTerms = 64;

/**
 * An SQLite FTS5 MATCH expression for a free-text question, for a table created with
 * `tokenize = 'unicode61 remove_diacritics 2'`: the question's meaningful words, and their stems as
 * prefix queries (stems of four letters or more; shorter ones as whole words), OR-ed, plus the words
 * of every lexicon concept they belong to in all three languages.
 * So "Wanneer zijn jullie open?" also finds "Opening hours" and "Åpningstider", and "Hva koster en
 * service?" finds "prices". Stopwords are left out, so an OR query does not match every document; rank
 * with FTS5's bm25(). Returns null when the text has no searchable word (then there is nothing to match).
 */
export function ftsQuery(text: string, options: AnalyzeOptions = {}): string | null {
  const words = new Map<string, boolean>();
  const add = (word: string, prefix: boolean): void => {
    if (!/^[\p{L}\p{N}]+$/u.test(word)) return;
    words.set(word, (words.get(word) ?? false) || prefix);
  };
  for (const term of analyze(text, options)) {
    add(term.surface, false);
    for (const feature of term.features) {
      if (feature.startsWith(conceptPrefix)) {
        for (const word of conceptWords(feature.slice(conceptPrefix.length))) add(word, isPrefixable(word));
      } else {
        add(feature, isPrefixable(feature));
      }
    }
  }
  const parts = [...words].slice(0, maxTerms).map(([word, prefix]) => (prefix ? `"${word}"*` : `"${word}"`));
  return parts.length > 0 ? parts.join(' OR ') : null;
}

/** Short stems as prefixes match too much ("car" → "card", "tim" → "timber"); they match whole words. */
function isPrefixable(word: string): boolean {
  return word.length >= 4 && !/^\p{N}+$/u.test(word);
}
