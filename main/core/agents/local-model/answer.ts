import type { Language } from '../../../contract';
import { analyze, conceptPrefix, guessLanguage, splitSentences, type Term } from '../../lib/language';
import { Bm25Index } from '../../lib/search';

/** What the offline model says before the facts it found, and when it found none. */
export const phrases: Record<Language, { leadIn: string; unknown: string }> = {
  en: {
    leadIn: 'Here is what I found:',
    unknown: "I'm sorry, I don't have information about that. A colleague can help you further.",
  },
  nl: {
    leadIn: 'Dit heb ik gevonden:',
    unknown: 'Sorry, daarover heb ik geen informatie. Een collega kan u verder helpen.',
  },
  nb: {
    leadIn: 'Dette fant jeg:',
    unknown: 'Beklager, det har jeg ikke informasjon om. En kollega kan hjelpe deg videre.',
  },
};

export interface ComposedAnswer {
  text: string;
  language: Language;
  /** The context sentences the answer is made of (empty when it does not know). */
  sentences: string[];
}

export interface ComposeOptions {
  /** At most this many sentences (3 unless told). */
  maxSentences?: number;
  /** The answer's language when the question does not reveal it. */
  fallbackLanguage?: Language;
}

interface Candidate {
  text: string;
  order: number;
  language: Language | null;
}

/**
 * The language to answer a question in: the detected one; for a text too short to decide ("APK?",
 * "Openingstijden?") the language its words lean to, if any; else `fallback`.
 */
export function answerLanguage(question: string, fallback: Language = 'en'): Language {
  const guess = guessLanguage(question);
  if (guess.language) return guess.language;
  const ranked = (Object.entries(guess.scores) as [Language, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first && second && first[1] > 0 && first[1] > second[1]) return first[0];
  return fallback;
}

/**
 * A fixed reply in the question's language from a Reply section: lines "en: …", "nl: …", "nb: …"
 * (a line without a language prefix is the default). Null when the section has no usable line.
 */
export function pickReply(reply: string, language: Language): string | null {
  const byLanguage = new Map<string, string>();
  const plain: string[] = [];
  for (const line of reply.split(/\r?\n/)) {
    const match = /^\s*(en|nl|nb)\s*:\s*(.+)$/i.exec(line);
    if (match) byLanguage.set((match[1] as string).toLowerCase(), (match[2] as string).trim());
    else if (line.trim()) plain.push(line.trim());
  }
  return byLanguage.get(language) ?? (plain.length ? plain.join(' ') : null) ?? byLanguage.get('en') ?? null;
}

/**
 * A line is a heading when more lines follow it in its block and it does not end like a sentence
 * ("Opening hours", "Prices (incl. VAT):"); its words steer which of the block's sentences are picked,
 * but it is never part of the answer.
 */
function candidates(context: string): { candidate: Candidate; heading: string }[] {
  const result: { candidate: Candidate; heading: string }[] = [];
  let order = 0;
  for (const block of context.split(/\r?\n\s*\r?\n/)) {
    const lines = block
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const headings: string[] = [];
    lines.forEach((line, index) => {
      const isHeading =
        index < lines.length - 1 && line.length <= 120 && (/:$/.test(line) || !/[.!?)]$/.test(line));
      if (isHeading && (index === 0 || /:$/.test(line))) {
        headings.push(line.replace(/:$/, ''));
        return;
      }
      for (const sentence of splitSentences(line)) {
        const language = guessLanguage(sentence).language;
        result.push({ candidate: { text: sentence, order: order++, language }, heading: headings.join(' ') });
      }
    });
  }
  return result;
}

/**
 * Topic words steer by meaning only: their lexicon concepts, not their stems, so an English topic
 * ("opening hours") does not pull the answer towards English sentences when the question is Dutch.
 */
function topicTerms(topic: string): Term[] {
  return analyze(topic).map((term) => {
    const concepts = term.features.filter((feature) => feature.startsWith(conceptPrefix));
    return concepts.length > 0 ? { surface: term.surface, features: concepts } : term;
  });
}

function normalizeSentence(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The offline model's answer: the sentences of `context` that best match the question and the topic.
 *
 * - Sentences are scored with BM25 (little length normalisation); a sentence's heading counts at a
 *   third of its own words; `topic` words count like the question's, by their lexicon concepts only.
 * - The answer is in one language, so a fact kept in three languages is said once: the question's
 *   language when one of its sentences matches as many of the question's words as any sentence and
 *   scores within a 75% bonus of the best; else the best sentence's language.
 * - At most three sentences (`maxSentences`), those scoring at least 45% of the best, in the order
 *   they have in the context, after a short lead-in in the question's language.
 * - Nothing matches → an honest "I don't know" in that language. It never writes a fact that is not
 *   in the context.
 */
export function composeAnswer(
  context: string,
  question: string,
  topic = '',
  options: ComposeOptions = {},
): ComposedAnswer {
  const language = answerLanguage(question, options.fallbackLanguage);
  const unknown = { text: phrases[language].unknown, language, sentences: [] };
  if (!context.trim() || !(question.trim() || topic.trim())) return unknown;

  // little length normalisation: a long sentence that lists the opening days is no worse an answer
  const index = new Bm25Index<Candidate, 'text' | 'heading'>({ fields: { text: 1, heading: 0.35 }, b: 0.3 });
  const seen = new Set<string>();
  const questionKey = normalizeSentence(question);
  for (const { candidate, heading } of candidates(context)) {
    const key = normalizeSentence(candidate.text);
    if (seen.has(key) || key === questionKey) continue;
    seen.add(key);
    index.add(candidate, { text: candidate.text, heading });
  }
  const questionTerms = index.queryTerms(question);
  const found = index.search([...questionTerms, ...topicTerms(topic)]);
  const top = found[0];
  if (!top || top.score <= 0) return unknown;
  // Answer in one language: the question's, when a sentence in it is nearly as good as the best one
  // (within the 75% bonus, and matching as many of the question's own words), else the best
  // sentence's language.
  const matchedWords = new Map(index.search(questionTerms).map((hit) => [hit.item, hit.termsMatched]));
  const coverage = Math.max(0, ...matchedWords.values());
  const native = found.find((hit) => hit.item.language === language);
  const useNative =
    native !== undefined &&
    (matchedWords.get(native.item) ?? 0) >= coverage &&
    native.score * 1.75 >= top.score;
  const answerIn = useNative ? language : top.item.language;
  const pool = found.filter(
    (hit) => hit.item.language === null || answerIn === null || hit.item.language === answerIn,
  );
  const best = pool[0]?.score ?? 0;
  const chosen = pool
    .filter((hit) => hit.score >= best * 0.45)
    .slice(0, options.maxSentences ?? 3)
    .map((hit) => hit.item)
    .sort((a, b) => a.order - b.order)
    .map((candidate) => candidate.text);
  return { text: `${phrases[language].leadIn} ${chosen.join(' ')}`, language, sentences: chosen };
}
