import { languages, type Language } from '../../../contract';
import { concepts } from './lexicon';
import { tokenize } from './normalize';
import { stem } from './stemmers';

/** Per language: stem (and plain word) → concept ids. */
const lexiconIndex: Record<Language, Map<string, string[]>> = { en: new Map(), nl: new Map(), nb: new Map() };
/** Per concept: stems of its words in every language (for query expansion). */
const conceptStems = new Map<string, string[]>();

function addToLexicon(language: Language, key: string, concept: string): void {
  const list = lexiconIndex[language].get(key);
  if (!list) lexiconIndex[language].set(key, [concept]);
  else if (!list.includes(concept)) list.push(concept);
}

for (const [concept, words] of Object.entries(concepts)) {
  const stems = new Set<string>();
  for (const language of languages) {
    for (const raw of (words[language] ?? '').split(/\s+/).filter(Boolean)) {
      for (const word of tokenize(raw)) {
        const stemmed = stem(word, language);
        addToLexicon(language, word, concept);
        addToLexicon(language, stemmed, concept);
        stems.add(stemmed);
      }
    }
  }
  conceptStems.set(concept, [...stems]);
}

/** The lexicon concepts a folded word belongs to in `language` (by the word itself or its stem). */
export function conceptsOf(word: string, language: Language): string[] {
  const index = lexiconIndex[language];
  const direct = index.get(word) ?? [];
  const stemmed = index.get(stem(word, language)) ?? [];
  if (stemmed.length === 0) return direct;
  if (direct.length === 0) return stemmed;
  return [...new Set([...direct, ...stemmed])];
}

/** The stems of every word of a concept, in every language ("hours" → open, åpningstid, geopend ...). */
export function conceptWords(concept: string): readonly string[] {
  return conceptStems.get(concept) ?? [];
}

/** Is the folded word itself (not only its stem) a lexicon word of `language`? */
export function isLexiconWord(word: string, language: Language): boolean {
  return lexiconIndex[language].has(word);
}
