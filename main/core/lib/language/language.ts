import { languages, type Language } from '../../../contract';
import { isLexiconWord } from './concepts';
import { tokenize } from './normalize';
import { stopwords } from './stopwords';

export interface LanguageGuess {
  /** The language, or null when the text gives too little to go on. */
  language: Language | null;
  /** 0–1: how far the best language is ahead of the others. */
  confidence: number;
  scores: Record<Language, number>;
}

/**
 * Scores a text for English, Dutch and Norwegian bokmål by its stopwords (a word that is a stopword in
 * two languages counts half for each), the business words of the lexicon (half as much) and a few letters and endings only one of them has (æ/ø/å;
 * Dutch "ij", "-heid"; Norwegian "-sjon"). `prior` (the user's interface language, say) breaks ties.
 * Decided when the best language has at least one point and leads the next by at least 0.75.
 */
export function guessLanguage(text: string, prior?: Language): LanguageGuess {
  const scores: Record<Language, number> = { en: 0, nl: 0, nb: 0 };
  for (const token of tokenize(text)) {
    const owners = languages.filter((language) => stopwords[language].has(token));
    for (const owner of owners) scores[owner] += 1 / owners.length;
    if (owners.length === 0) {
      const lexicon = languages.filter((language) => isLexiconWord(token, language));
      for (const owner of lexicon) scores[owner] += 0.5 / lexicon.length;
      if (/[æøå]/.test(token)) scores.nb += 1;
      else if (/sjon(en|er|ene)?$/.test(token)) scores.nb += 0.5;
      if (/ij/.test(token) || /(heid|lijk|tje)$/.test(token)) scores.nl += 0.5;
    }
  }
  if (prior) scores[prior] += 0.25;
  const ranked = [...languages].sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0] as Language;
  const second = ranked[1] as Language;
  const lead = scores[best] - scores[second];
  const decided = scores[best] >= 1 && lead >= 0.75;
  const total = scores.en + scores.nl + scores.nb;
  return {
    language: decided ? best : null,
    confidence: decided && total > 0 ? Math.min(1, lead / total + 0.25) : 0,
    scores,
  };
}

/** The language of a text, or null when it is too short or mixed to tell. */
export function detectLanguage(text: string, prior?: Language): Language | null {
  return guessLanguage(text, prior).language;
}
