import Sentiment from 'sentiment';
import { containerBootstrap } from '@nlpjs/core';
import { SentimentAnalyzer } from '@nlpjs/sentiment';
import { LangNl } from '@nlpjs/lang-nl';
import { LangNo } from '@nlpjs/lang-no';
import type { Language, Sentiment as Tone } from '../../contract';

/**
 * The tone of a customer's message, offline, from an established lexicon of its language (no
 * word lists of our own):
 *
 * - English: AFINN-165 (Finn Årup Nielsen's valence list, -5 … +5 per word) through the `sentiment`
 *   package, which also weighs emoji and turns a word after a negation ("not good").
 * - Dutch: the CLiPS Pattern lexicon (University of Antwerp, De Smedt & Daelemans; polarity -1 … +1
 *   per stemmed word) with its negations, through NLP.js (`@nlpjs/sentiment`, `@nlpjs/lang-nl`).
 * - Norwegian: the Norwegian translation of AFINN through NLP.js (`@nlpjs/lang-no`).
 *
 * A message is positive or negative when its score per word passes a small threshold on the
 * lexicon's own scale, else neutral ("Wat kost een onderhoudsbeurt?" has no charged word at all).
 */
export interface SentimentResult {
  sentiment: Tone;
  /** The lexicon's score of the whole message (its own scale: AFINN sums, Pattern polarities). */
  score: number;
}

/** Score per word past which a message counts as charged, per lexicon scale. */
const thresholds: Record<Language, number> = { en: 0.1, nl: 0.05, nb: 0.1 };

const locales: Record<Exclude<Language, 'en'>, string> = { nl: 'nl', nb: 'no' };

export class SentimentLexicons {
  private readonly english = new Sentiment();
  private nlp: Promise<SentimentAnalyzer> | undefined;

  /** NLP.js is loaded on first use (a Dutch or Norwegian message), not at start-up. */
  private analyzer(): Promise<SentimentAnalyzer> {
    this.nlp ??= (async () => {
      const container = await containerBootstrap();
      container.use(LangNl);
      container.use(LangNo);
      return new SentimentAnalyzer({ container });
    })();
    return this.nlp;
  }

  async analyze(text: string, language: Language): Promise<SentimentResult> {
    const sample = text.slice(0, 4000);
    let score: number;
    let average: number;
    if (language === 'en') {
      const result = this.english.analyze(sample);
      score = result.score;
      average = result.comparative;
    } else {
      const result = await (await this.analyzer()).process({ locale: locales[language], text: sample });
      score = result.sentiment.score;
      average = result.sentiment.average;
    }
    const threshold = thresholds[language];
    const sentiment: Tone =
      average >= threshold ? 'positive' : average <= -threshold ? 'negative' : 'neutral';
    return { sentiment, score: Math.round(score * 1000) / 1000 };
  }
}
