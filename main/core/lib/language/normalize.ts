import type { Language } from '../../../contract';

const ringA = '\uE000';
const combiningMarks = /\p{M}+/gu;

/**
 * Lower-cases and folds accents (NFKD, combining marks removed): "Café" → "cafe", "financiële" →
 * "financiele", "Straße" → "strasse". The Norwegian letters keep their identity: æ and ø do not
 * decompose, and å is protected, so "år" (year) never becomes "ar". The folding is the same for every
 * language on purpose: an index in one language and a query in another must meet on the same forms.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/å/g, ringA)
    .normalize('NFKD')
    .replace(combiningMarks, '')
    .replace(/ß/g, 'ss')
    .replace(/œ/g, 'oe')
    .replace(/\uE000/g, 'å');
}

const separators = /[^\p{L}\p{N}]+/u;

/**
 * Splits text into lower-case, accent-folded words: letters and digits of any script; everything else
 * separates ("e-bike's" → ["e", "bike", "s"], "08:00" → ["08", "00"]). Single letters are kept here
 * (language detection needs "i" and "a"); the analyzer drops them.
 *
 * `language` is accepted for symmetry with the other text functions; folding does not depend on it.
 */
export function tokenize(text: string, _language?: Language): string[] {
  if (!text) return [];
  return foldText(text)
    .split(separators)
    .filter((token) => token.length > 0);
}
