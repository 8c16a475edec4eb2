/**
 * Splits text into sentences: at line breaks, and after . ! ? when the next sentence starts with a
 * capital, digit, quote or currency sign ("€79.50", "08:00" and "e.g. a" stay whole). List markers
 * ("- ", "* ", "1. ") are removed; pieces without a letter or digit are dropped.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\r?\n+/)) {
    const cleaned = line.replace(/^\s*(?:[-*•·]|\d{1,2}[.)])\s+/u, '').trim();
    if (!cleaned) continue;
    for (const piece of cleaned.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'“‘(€$£])/u)) {
      const sentence = piece.trim();
      if (/[\p{L}\p{N}]/u.test(sentence)) sentences.push(sentence);
    }
  }
  return sentences;
}
