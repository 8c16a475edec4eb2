import type { Language } from '../../../contract';

/*
 * Light stemmers: suffix stripping that maps the inflected forms a customer types onto one stem, so
 * "bookings", "booked" and "booking" meet, as do "afspraak"/"afspraken" and "timer"/"timen". They do
 * not try to be linguistically complete (Snowball is); they aim to be predictable. A stem is mostly a
 * prefix of the word, which also makes it usable as an FTS5 prefix query.
 */

const vowels = /[aeiouy]/;
const minStem = 3;

function hasVowel(text: string): boolean {
  return vowels.test(text);
}

function undoubleEnglish(stem: string): string {
  // "shipp" → "ship", "stopp" → "stop"; l, s and z stay ("fill", "pass", "buzz")
  return /([bcdfghjkmnpqrtvwx])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}

/** English: plurals, -ing, -ed, -ly, -ment, -ation, -ness and a final -e. */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(sses|xes|zes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);

  if (w.endsWith('eed')) {
    // "need", "speed", "agreed": keep
  } else if (w.endsWith('ied') && w.length > 4) {
    w = `${w.slice(0, -3)}y`;
  } else if (w.endsWith('ing') && w.length - 3 >= minStem && hasVowel(w.slice(0, -3))) {
    w = undoubleEnglish(w.slice(0, -3));
  } else if (w.endsWith('ed') && w.length - 2 >= minStem && hasVowel(w.slice(0, -2))) {
    w = undoubleEnglish(w.slice(0, -2));
  }

  if (w.endsWith('ation') && w.length - 5 >= 4) w = w.slice(0, -5);
  else if (w.endsWith('ment') && w.length - 4 >= 4) w = w.slice(0, -4);
  else if (w.endsWith('ness') && w.length - 4 >= 4) w = w.slice(0, -4);
  else if (w.endsWith('ly') && w.length - 2 >= 4) w = w.slice(0, -2);

  if (w.endsWith('e') && w.length - 1 >= minStem && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

/** Dutch: -heid, -ing(en), diminutives, -en, plural -s, -e; undoubles consonants and long vowels. */
export function stemDutch(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  const strip = (suffix: string): boolean => {
    if (w.endsWith(suffix) && w.length - suffix.length >= minStem) {
      w = w.slice(0, -suffix.length);
      return true;
    }
    return false;
  };
  if (w.endsWith('heden') && w.length - 5 >= minStem) w = w.slice(0, -5);
  else if (strip('heid')) {
    /* beschikbaarheid → beschikbaar */
  } else if (
    (w.length - 5 >= minStem + 1 && strip('ingen')) ||
    (w.length - 3 >= minStem + 1 && strip('ing'))
  ) {
    /* reserveringen → reserver */
  } else if (w.endsWith('ies') && w.length > 5) w = w.slice(0, -1);
  else if (strip('tjes') || strip('tje') || strip('jes')) {
    /* diminutives */
  } else if (strip('en')) {
    /* afspraken → afsprak, fietsen → fiets */
  } else if (/[aiolnmru]s$/.test(w) && !w.endsWith('is') && w.length - 1 >= minStem) {
    w = w.slice(0, -1); // winkels → winkel, kappers → kapper; fiets, prijs, huis stay
  }
  if (w.endsWith('e') && w.length - 1 >= minStem) w = w.slice(0, -1);
  if (/([bcdfgklmnprt])\1$/.test(w)) w = w.slice(0, -1); // bestell → bestel
  w = w.replace(
    /([^aeiou]|^)(aa|ee|oo|uu)([^aeiouy])$/,
    (_m, before: string, vowel: string, after: string) => {
      return `${before}${vowel[0]}${after}`; // afspraak → afsprak, uur → ur
    },
  );
  if (w.endsWith('z'))
    w = `${w.slice(0, -1)}s`; // prijz(en) → prijs
  else if (w.endsWith('v') && w.length > minStem) w = `${w.slice(0, -1)}f`; // briev(en) → brief
  return w;
}

const norwegianSuffixes = [
  'hetenes',
  'hetene',
  'hetens',
  'ingene',
  'heten',
  'heter',
  'endes',
  'ingen',
  'inger',
  'ende',
  'ande',
  'edes',
  'enes',
  'ing',
  'ane',
  'ene',
  'ens',
  'ers',
  'ets',
  'het',
  'ast',
  'er',
  'en',
  'ar',
  'et',
  'es',
  'as',
  'e',
  'a',
];

/** Norwegian bokmål: definite and plural endings (-en, -et, -ene, -er, -ane ...), -ing, -het. */
export function stemNorwegian(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  for (const suffix of norwegianSuffixes) {
    // "-ing" endings need a longer stem: "bestillingen" → bestill, but "meningen" → mening
    const min = suffix.startsWith('ing') ? minStem + 1 : minStem;
    if (w.endsWith(suffix) && w.length - suffix.length >= min) {
      w = w.slice(0, -suffix.length);
      return w;
    }
  }
  if (/[bcdfghjlmnoprtvyz]s$/.test(w) && w.length - 1 >= minStem) w = w.slice(0, -1);
  return w;
}

export const stemmers: Readonly<Record<Language, (word: string) => string>> = {
  en: stemEnglish,
  nl: stemDutch,
  nb: stemNorwegian,
};

/**
 * The stem of a folded word in `language` (English when the language is unknown: `analyze` is the
 * better choice then, it stems in all three); digits are returned as they are.
 */
export function stem(word: string, language?: Language | null): string {
  if (/^\p{N}+$/u.test(word)) return word;
  return stemmers[language ?? 'en'](word);
}
