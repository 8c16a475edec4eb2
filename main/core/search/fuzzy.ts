/** Word handling for global search: folding, query words, FTS5 match strings and typo distance. */

/** Lower case without diacritics ("Søknad" → "søknad", "café" → "cafe"), as the FTS tokenizers fold. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a query (letters and digits), folded, at most 8, duplicates dropped. */
export function queryWords(q: string): string[] {
  const words = fold(q).match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, 8);
}

/** Every word as a prefix, all of them required, in any order: `"fiets"* "band"*`. */
export function wordsMatch(words: readonly string[]): string {
  return words.map((word) => `"${word}"*`).join(' ');
}

/** The trigrams of the words of three letters or more, any of them: `"bik" OR "ike" OR "kee"`. */
export function trigramMatch(words: readonly string[]): string | null {
  const grams = new Set<string>();
  for (const word of words) {
    const letters = [...word];
    for (let i = 0; i + 3 <= letters.length; i += 1) grams.add(letters.slice(i, i + 3).join(''));
  }
  if (grams.size === 0) return null;
  return [...grams]
    .slice(0, 40)
    .map((gram) => `"${gram}"`)
    .join(' OR ');
}

const rowsOf = (size: number) => [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
let rows = rowsOf(64);

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > (rows[0] as Int32Array).length) rows = rowsOf(b.length + 1);
  let [before, previous, row] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    row[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        value = Math.min(value, before[j - 2]! + 1);
      row[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    [before, previous, row] = [previous, row, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}

/** How many typing errors a query word may have: none below 4 letters, 1 up to 7, 2 from 8. */
export function allowedErrors(word: string): number {
  const length = [...word].length;
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * How well a query word matches the words of a text: 1 for a word it begins, less for a word within
 * its allowed typing errors (as a whole word or as the start of a longer one), 0 when none is close.
 */
export function wordCloseness(
  word: string,
  textWords: ReadonlySet<string>,
  /** Closeness of words already compared (one query compares the same words across many records). */
  seen: Map<string, number> = new Map(),
): number {
  const max = allowedErrors(word);
  let best = 0;
  for (const candidate of textWords) {
    let close = seen.get(candidate);
    if (close === undefined) {
      close = closenessOf(word, candidate, max);
      seen.set(candidate, close);
    }
    if (close === 1) return 1;
    if (close > best) best = close;
  }
  return best;
}

function closenessOf(word: string, candidate: string, max: number): number {
  if (candidate.startsWith(word)) return 1;
  if (max === 0 || candidate.length < word.length - max) return 0;
  const whole = editDistance(word, candidate, max);
  const prefix =
    candidate.length > word.length ? editDistance(word, candidate.slice(0, word.length), max) : max + 1;
  const distance = Math.min(whole, prefix);
  return distance <= max ? 1 - distance / (word.length + 1) : 0;
}

/** The folded words of a text, as a set. */
export function textWords(text: string): Set<string> {
  return new Set(fold(text).match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Some words of `text` around the first place a query word (or its close match) occurs, on one line. */
export function snippetAround(text: string, words: readonly string[], width = 120): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  const folded = fold(flat);
  let at = -1;
  for (const word of words) {
    const found = folded.search(new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}`, 'u'));
    if (found >= 0 && (at < 0 || found < at)) at = found;
  }
  if (at < 0) return undefined;
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
