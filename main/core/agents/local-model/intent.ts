import type { Language } from '../../../contract';
import {
  analysisLanguages,
  analyzeIn,
  conceptPrefix,
  featuresOf,
  splitCompound,
  type Term,
} from '../../lib/language';
import type { IntentDefinition, IntentResult } from '../models/types';

/**
 * Intent classification for the offline model (and the intent node whatever model the agent has).
 *
 * Every example of every intent is analyzed (stems in its detected language, or in all three when
 * undecided, plus lexicon concepts, see `analyze`) and each feature gets an inverse document frequency
 * over all examples, so words that every intent uses ("order", "please") weigh little and words that
 * pick out one intent ("refund", "terugsturen") weigh a lot. The message is compared with each example
 * by weighted overlap: recall (how much of the message the example explains) and precision (how much of
 * the example the message contains), combined as F1. An intent scores its best example, blended with how
 * much of the message all its examples together explain. Words the examples never use count against
 * recall, and a single matching word among unknown ones counts for less, so an off-topic message ("what
 * is the meaning of life", "what's the weather tomorrow") scores below the threshold and the result is
 * null: the intent node leaves through "fallback".
 *
 * Deterministic; a prepared intent set is cached (by content), so classifying a message takes a fraction
 * of a millisecond.
 */

export interface ClassifyOptions {
  /** Below this confidence the result is null ("fallback"). 0.4 unless told. */
  threshold?: number;
}

export const defaultIntentThreshold = 0.4;

interface PreparedExample {
  intent: number;
  terms: Term[];
  features: Set<string>;
  weight: number;
}

interface PreparedIntents {
  names: string[];
  examples: PreparedExample[];
  idf: Map<string, number>;
  unknownWeight: number;
}

const unknownFactor = 0.75;
const singleMatchFactor = 0.75;
const businessWordFactor = 0.4;
const cache = new Map<string, PreparedIntents>();
const cacheLimit = 200;

function dedupe(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((term) => {
    const key = [...term.features].sort().join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function weightOf(term: Term, idf: Map<string, number>): number {
  let best = 0;
  for (const feature of term.features) best = Math.max(best, idf.get(feature) ?? 0);
  return best;
}

function prepare(intents: IntentDefinition[]): PreparedIntents {
  const key = JSON.stringify(intents.map((intent) => [intent.name, intent.examples]));
  const cached = cache.get(key);
  if (cached) return cached;

  const names = intents.map((intent) => intent.name);
  const raw = intents.flatMap((intent, index) =>
    intent.examples.map((example) => ({
      intent: index,
      terms: dedupe(analyzeIn(example, analysisLanguages(example))),
    })),
  );
  const df = new Map<string, number>();
  for (const example of raw) {
    const features = new Set(example.terms.flatMap((term) => term.features));
    for (const feature of features) df.set(feature, (df.get(feature) ?? 0) + 1);
  }
  const n = Math.max(1, raw.length);
  const idf = new Map<string, number>();
  for (const [feature, count] of df) idf.set(feature, Math.log(1 + (n - count + 0.5) / (count + 0.5)));
  const examples = raw
    .filter((example) => example.terms.length > 0)
    .map((example) => ({
      ...example,
      features: new Set(example.terms.flatMap((term) => term.features)),
      weight: example.terms.reduce((sum, term) => sum + weightOf(term, idf), 0),
    }));
  // A word no example uses weighs three quarters of the rarest word the examples do use.
  const unknownWeight = unknownFactor * Math.log(1 + (n - 0.5) / 1.5);
  const prepared = { names, examples, idf, unknownWeight: Math.max(unknownWeight, 0.5) };
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, prepared);
  return prepared;
}

function messageTerms(text: string, prepared: PreparedIntents, language?: Language): Term[] {
  const langs = analysisLanguages(text, language ? { prior: language } : {});
  const terms: Term[] = [];
  for (const term of analyzeIn(text, langs)) {
    terms.push(term);
    const known = term.features.some((feature) => prepared.idf.has(feature));
    if (known || term.surface.length < 7 || /\p{N}/u.test(term.surface)) continue;
    const parts = splitCompound(term.surface, (part) =>
      featuresOf(part, langs).some((feature) => prepared.idf.has(feature)),
    );
    for (const part of parts ?? []) terms.push({ surface: term.surface, features: featuresOf(part, langs) });
  }
  return dedupe(terms);
}

function overlap(term: Term, features: Set<string>, idf: Map<string, number>): number {
  let best = 0;
  for (const feature of term.features) {
    if (features.has(feature)) best = Math.max(best, idf.get(feature) ?? 0);
  }
  return best;
}

/**
 * Which of `intents` a text expresses. `language` (the conversation's language, when known) only
 * breaks ties in language detection: examples in every language are always considered.
 */
export function classifyIntent(
  text: string,
  intents: IntentDefinition[],
  language?: Language,
  options: ClassifyOptions = {},
): IntentResult {
  const threshold = options.threshold ?? defaultIntentThreshold;
  const scores: Record<string, number> = Object.fromEntries(intents.map((intent) => [intent.name, 0]));
  if (intents.length === 0 || !text.trim()) return { intent: null, confidence: 0, scores };

  const prepared = prepare(intents);
  const terms = messageTerms(text, prepared, language);
  // Words the examples do not know count against the match: fully when they are no business word at
  // all ("weather", "pannenkoeken"), less when the lexicon knows them ("Easter", "month": on topic, just
  // not in the examples). Numbers (order numbers, dates) are neutral.
  const offTopic = terms.map(
    (term) =>
      weightOf(term, prepared.idf) === 0 &&
      !/^\p{N}+$/u.test(term.surface) &&
      !term.features.some((feature) => feature.startsWith(conceptPrefix)),
  );
  const weights = terms.map((term, index) => {
    const known = weightOf(term, prepared.idf);
    if (known > 0) return known;
    if (/^\p{N}+$/u.test(term.surface)) return 0;
    return offTopic[index] ? prepared.unknownWeight : prepared.unknownWeight * businessWordFactor;
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return { intent: null, confidence: 0, scores };
  const queryFeatures = new Set(terms.flatMap((term) => term.features));

  const bestF1 = prepared.names.map(() => 0);
  const covered = prepared.names.map(() => terms.map(() => 0));
  for (const example of prepared.examples) {
    let matched = 0;
    terms.forEach((term, index) => {
      const value = overlap(term, example.features, prepared.idf);
      matched += value;
      const row = covered[example.intent] as number[];
      if (value > (row[index] ?? 0)) row[index] = value;
    });
    if (matched === 0 || example.weight === 0) continue;
    const recall = matched / total;
    const contained = example.terms.reduce(
      (sum, term) => sum + overlap(term, queryFeatures, prepared.idf),
      0,
    );
    const precision = Math.min(1, contained / example.weight);
    const f1 = (2 * precision * recall) / (precision + recall);
    if (f1 > (bestF1[example.intent] ?? 0)) bestF1[example.intent] = f1;
  }

  const unknownTerms = offTopic.filter(Boolean).length;
  let best = -1;
  let bestScore = 0;
  prepared.names.forEach((name, index) => {
    const row = covered[index] as number[];
    const coverage = Math.min(1, row.reduce((sum, value) => sum + value, 0) / total);
    let score = 0.7 * (bestF1[index] ?? 0) + 0.3 * coverage;
    // One matching word next to words that are no business word is weak evidence ("weather tomorrow").
    if (unknownTerms > 0 && row.filter((value) => value > 0).length <= 1) score *= singleMatchFactor;
    scores[name] = Math.max(scores[name] ?? 0, round(score));
    if (score > bestScore + 1e-12) {
      best = index;
      bestScore = score;
    }
  });
  if (best < 0) return { intent: null, confidence: 0, scores };
  const confidence = round(bestScore);
  return { intent: confidence >= threshold ? (prepared.names[best] as string) : null, confidence, scores };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
