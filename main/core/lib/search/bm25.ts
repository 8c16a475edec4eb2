import type { Language } from '../../../contract';
import { analysisLanguages, analyzeIn, featuresOf, splitCompound, type Term } from '../language/analyze';

/** Text of a field, with its language when known (otherwise it is detected). */
export interface FieldText {
  text: string;
  language?: Language;
}
export type FieldValue = string | FieldText | ReadonlyArray<string | FieldText>;

export interface Bm25Options<F extends string> {
  /** The fields documents have, with their weights (a match in a weight-3 field counts three times). */
  fields: Record<F, number>;
  /** Term-frequency saturation; 1.2 unless told. */
  k1?: number;
  /** Length normalisation; 0.75 unless told. */
  b?: number;
}

export interface Bm25SearchOptions {
  /** At most this many results (all matching documents unless told). */
  limit?: number;
  /** The query's language when known; otherwise detected, or all three when undecided. */
  language?: Language;
  /** Tie-breaker for detection. */
  prior?: Language;
}

export interface Bm25Hit<T> {
  item: T;
  score: number;
  /** The query's words (folded) that matched this document. */
  matchedTerms: string[];
  /** How many of the query's terms matched (a compound's parts count separately). */
  termsMatched: number;
}

interface Doc<T> {
  item: T;
  lengths: number[];
}

/**
 * Okapi BM25 over documents with weighted fields (BM25F: a term's frequency in each field is
 * length-normalised against that field's average, weighted, summed, then saturated once, so a word in
 * the name and the tags is not counted as two independent matches).
 *
 * Words are matched on features (stems and lexicon concepts, see `analyze`): a query word scores the
 * best of its features in a document, so a word never counts twice because its English and Dutch stems
 * both matched. A query word the index does not know may be a compound whose parts it knows; those
 * parts are searched instead ("tandartspraktijk" → tandarts + praktijk).
 */
export class Bm25Index<T, F extends string = string> {
  readonly k1: number;
  readonly b: number;
  private readonly fieldNames: F[];
  private readonly weights: number[];
  private readonly docs: Doc<T>[] = [];
  private readonly postings = new Map<string, Map<number, number[]>>();
  private readonly lengthSums: number[];

  constructor(options: Bm25Options<F>) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.fieldNames = Object.keys(options.fields) as F[];
    this.weights = this.fieldNames.map((name) => options.fields[name]);
    this.lengthSums = this.fieldNames.map(() => 0);
  }

  get size(): number {
    return this.docs.length;
  }

  /** Does any document have this feature (a stem or "#concept")? */
  has(feature: string): boolean {
    return this.postings.has(feature);
  }

  add(item: T, fields: Partial<Record<F, FieldValue>>): void {
    const docIndex = this.docs.length;
    const lengths = this.fieldNames.map(() => 0);
    this.fieldNames.forEach((name, fieldIndex) => {
      const value = fields[name];
      if (value === undefined) return;
      const pieces = (Array.isArray(value) ? value : [value]) as ReadonlyArray<string | FieldText>;
      for (const piece of pieces) {
        const { text, language } = typeof piece === 'string' ? { text: piece, language: undefined } : piece;
        const terms = analyzeIn(text, analysisLanguages(text, { language }));
        lengths[fieldIndex] = (lengths[fieldIndex] ?? 0) + terms.length;
        for (const term of terms) {
          for (const feature of term.features) {
            let posting = this.postings.get(feature);
            if (!posting) this.postings.set(feature, (posting = new Map()));
            let counts = posting.get(docIndex);
            if (!counts) posting.set(docIndex, (counts = this.fieldNames.map(() => 0)));
            counts[fieldIndex] = (counts[fieldIndex] ?? 0) + 1;
          }
        }
      }
    });
    lengths.forEach((length, fieldIndex) => {
      this.lengthSums[fieldIndex] = (this.lengthSums[fieldIndex] ?? 0) + length;
    });
    this.docs.push({ item, lengths });
  }

  /** Analyzes a query the way `search` does (exposed for callers that search several indexes). */
  queryTerms(query: string, options: Bm25SearchOptions = {}): Term[] {
    const langs = analysisLanguages(query, options);
    const terms: Term[] = [];
    for (const term of analyzeIn(query, langs)) {
      terms.push(term);
      const known = term.features.some((feature) => this.postings.has(feature));
      if (known || term.surface.length < 7 || /\p{N}/u.test(term.surface)) continue;
      const parts = splitCompound(term.surface, (part) =>
        featuresOf(part, langs).some((feature) => this.postings.has(feature)),
      );
      for (const part of parts ?? [])
        terms.push({ surface: term.surface, features: featuresOf(part, langs) });
    }
    return dedupe(terms);
  }

  search(query: string | Term[], options: Bm25SearchOptions = {}): Bm25Hit<T>[] {
    const terms = typeof query === 'string' ? this.queryTerms(query, options) : dedupe(query);
    const n = this.docs.length;
    if (n === 0 || terms.length === 0) return [];
    const averages = this.lengthSums.map((sum) => sum / n);
    const scores = new Map<number, { score: number; matched: Set<string>; count: number }>();

    for (const term of terms) {
      const best = new Map<number, number>();
      for (const feature of term.features) {
        const posting = this.postings.get(feature);
        if (!posting) continue;
        const idf = Math.log(1 + (n - posting.size + 0.5) / (posting.size + 0.5));
        for (const [docIndex, counts] of posting) {
          const doc = this.docs[docIndex] as Doc<T>;
          let tf = 0;
          counts.forEach((count, fieldIndex) => {
            if (count === 0) return;
            const average = averages[fieldIndex] || 1;
            const norm = 1 - this.b + (this.b * (doc.lengths[fieldIndex] ?? 0)) / average;
            tf += ((this.weights[fieldIndex] ?? 1) * count) / norm;
          });
          const contribution = (idf * tf * (this.k1 + 1)) / (tf + this.k1);
          if (contribution > (best.get(docIndex) ?? 0)) best.set(docIndex, contribution);
        }
      }
      for (const [docIndex, contribution] of best) {
        let entry = scores.get(docIndex);
        if (!entry) scores.set(docIndex, (entry = { score: 0, matched: new Set(), count: 0 }));
        entry.score += contribution;
        entry.count += 1;
        entry.matched.add(term.surface);
      }
    }

    const hits = [...scores.entries()]
      .map(([docIndex, { score, matched, count }]) => ({ docIndex, score, matched, count }))
      .sort((a, b) => b.score - a.score || a.docIndex - b.docIndex);
    const limited = options.limit === undefined ? hits : hits.slice(0, options.limit);
    return limited.map(({ docIndex, score, matched, count }) => ({
      item: (this.docs[docIndex] as Doc<T>).item,
      score,
      matchedTerms: [...matched],
      termsMatched: count,
    }));
  }
}

/** The same word twice in a query counts once. */
function dedupe(terms: readonly Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((term) => {
    const key = [...term.features].sort().join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
