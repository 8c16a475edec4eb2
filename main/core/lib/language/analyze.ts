import { languages, type Language } from '../../../contract';
import { conceptsOf } from './concepts';
import { guessLanguage } from './language';
import { stem } from './stemmers';
import { isStopword } from './stopwords';
import { tokenize } from './normalize';

/**
 * One meaningful word of a text: its folded surface form and the features it can match on — its stem
 * in each language the text is analyzed in, and the lexicon concepts it belongs to ("#bike"). Two
 * words match when they share a feature.
 */
export interface Term {
  surface: string;
  features: string[];
}

export interface AnalyzeOptions {
  /**
   * The text's language when the caller knows it. Without it the language is detected; when that is
   * undecided (short or mixed text) the text is analyzed in all three languages at once.
   */
  language?: Language;
  /** Tie-breaker for detection (e.g. the user's interface language); ignored when `language` is set. */
  prior?: Language;
}

/** Concepts are features too; the prefix keeps them apart from stems. */
export const conceptPrefix = '#';

export { conceptsOf, conceptWords } from './concepts';

/** The languages a text is analyzed in: the given one, the detected one, or all three. */
export function analysisLanguages(text: string, options: AnalyzeOptions = {}): Language[] {
  if (options.language) return [options.language];
  const detected = guessLanguage(text, options.prior).language;
  return detected ? [detected] : [...languages];
}

function isMeaningful(token: string, langs: readonly Language[]): boolean {
  if (token.length < 2 && !/^\p{N}$/u.test(token)) return false;
  if (langs.length === 1) return !isStopword(token, langs[0]);
  return !isStopword(token);
}

/** Stems and concepts of one folded word in the given languages. */
export function featuresOf(word: string, langs: readonly Language[]): string[] {
  const features = new Set<string>();
  for (const language of langs) features.add(stem(word, language));
  for (const language of langs) {
    for (const concept of conceptsOf(word, language)) features.add(conceptPrefix + concept);
  }
  return [...features];
}

const linkingEndings = ['s', 'e', 'en', 'er'];

/**
 * Splits a Dutch or Norwegian compound into two parts that `isKnown` accepts, trying the linking
 * letters ("fietsenwinkel" → fiets(en) + winkel, "onderhoudsbeurt" → onderhoud(s) + beurt,
 * "sykkelbutikk" → sykkel + butikk). The right part may itself be a compound. Returns null when no
 * split has known parts on both sides. Longest left part first.
 */
export function splitCompound(
  word: string,
  isKnown: (part: string) => boolean,
  minPart = 3,
): string[] | null {
  if (word.length < minPart * 2) return null;
  for (let cut = word.length - minPart; cut >= minPart; cut -= 1) {
    const right = word.slice(cut);
    const leftRaw = word.slice(0, cut);
    const left = [
      leftRaw,
      ...linkingEndings
        .filter((ending) => leftRaw.endsWith(ending))
        .map((ending) => leftRaw.slice(0, -ending.length)),
    ].find((candidate) => candidate.length >= minPart && isKnown(candidate));
    if (!left) continue;
    if (isKnown(right)) return [left, right];
    const rest = right.length >= minPart * 2 ? splitCompound(right, isKnown, minPart) : null;
    if (rest) return [left, ...rest];
  }
  return null;
}

/**
 * A Dutch or Norwegian compound of which the lexicon knows only one part: that part alone. The last
 * part is tried first, as it carries the meaning ("filterkoffie" → koffie), then the first
 * ("salgssummen" → salg). Not for English, where "bookkeeping" is no booking.
 */
function knownPart(word: string, langs: readonly Language[]): string[] | null {
  const compounding = langs.filter((language) => language !== 'en');
  if (compounding.length === 0) return null;
  const usable = (part: string): boolean =>
    part.length >= 4 &&
    knownInLexicon(part, compounding) &&
    !(langs.includes('en') && knownInLexicon(part, ['en']));
  for (let cut = 3; cut <= word.length - 4; cut += 1) {
    const tail = word.slice(cut);
    if (usable(tail)) return [tail];
  }
  for (let cut = word.length - 4; cut >= 4; cut -= 1) {
    const left = word.slice(0, cut);
    const candidates = [
      left,
      ...linkingEndings.filter((e) => left.endsWith(e)).map((e) => left.slice(0, -e.length)),
    ];
    const head = candidates.find(usable);
    if (head) return [head];
  }
  return null;
}

const knownCache = new Map<string, boolean>();

function knownInLexicon(part: string, langs: readonly Language[]): boolean {
  const key = `${langs.join(',')}:${part}`;
  let known = knownCache.get(key);
  if (known === undefined) {
    known = langs.some((language) => conceptsOf(part, language).length > 0);
    if (knownCache.size >= wordCacheLimit) knownCache.clear();
    knownCache.set(key, known);
  }
  return known;
}

/**
 * Turns text into terms: tokenize, drop stopwords and single letters, stem in the text's language(s),
 * add lexicon concepts, and split compounds the lexicon knows the parts of (the whole word stays a term
 * too). Deterministic.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Term[] {
  return analyzeIn(text, analysisLanguages(text, options));
}

/** Terms of one word per language set; words repeat a lot (examples, templates, questions). */
const wordCache = new Map<string, Term[]>();
const wordCacheLimit = 50_000;

function analyzeWord(token: string, langs: readonly Language[]): Term[] {
  const key = `${langs.join(',')}:${token}`;
  const cached = wordCache.get(key);
  if (cached) return cached;
  const result: Term[] = [];
  if (isMeaningful(token, langs)) {
    const features = featuresOf(token, langs);
    result.push({ surface: token, features });
    const hasConcept = features.some((feature) => feature.startsWith(conceptPrefix));
    if (!hasConcept && token.length >= 7 && !/\p{N}/u.test(token)) {
      const parts = splitCompound(token, (part) => knownInLexicon(part, langs)) ?? knownPart(token, langs);
      for (const part of parts ?? []) result.push({ surface: token, features: featuresOf(part, langs) });
    }
  }
  if (wordCache.size >= wordCacheLimit) wordCache.clear();
  wordCache.set(key, result);
  return result;
}

/** `analyze` in the given languages (one, or several when the text's language is unknown). */
export function analyzeIn(text: string, langs: readonly Language[]): Term[] {
  const terms: Term[] = [];
  for (const token of tokenize(text)) {
    for (const term of analyzeWord(token, langs))
      terms.push({ surface: term.surface, features: [...term.features] });
  }
  return terms;
}

/** The stems of a text's meaningful words (in its first analysis language; no concepts). */
export function terms(text: string, options: AnalyzeOptions = {}): string[] {
  return analyze(text, options).map((term) => term.features[0] as string);
}
