import { detectLanguage, isStopword, stem, tokenize } from '../text';

/**
 * Search terms of a question for the FTS5 index: words without stop words, stemmed in the
 * question's language (they are matched as prefixes, so "hour" finds "hours"). FTS5's
 * remove_diacritics folds å to a, so the query does too.
 */
export function queryTerms(text: string): string[] {
  const language = detectLanguage(text);
  return tokenize(text)
    .filter((word) => word.length > 1 && !isStopword(word, language))
    .map((word) => stem(word, language).replace(/å/g, 'a'));
}
