/** Client-side matching of pages and actions: every typed word begins a word of the label, any order. */

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function wordsOf(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** 0 when some word is not found; higher when the label starts with the first word. */
export function commandScore(query: string, label: string, keywords = ''): number {
  const words = wordsOf(query);
  if (words.length === 0) return 0;
  const own = wordsOf(label);
  const extra = wordsOf(keywords);
  let score = 0;
  for (const word of words) {
    if (own.some((candidate) => candidate.startsWith(word))) score += 2;
    else if (extra.some((candidate) => candidate.startsWith(word))) score += 1;
    else return 0;
  }
  return score + (own[0]?.startsWith(words[0] ?? '') ? 1 : 0);
}
