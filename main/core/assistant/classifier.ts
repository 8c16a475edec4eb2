import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangNl } from '@nlpjs/lang-nl';
import { LangNo } from '@nlpjs/lang-no';
import { assistantIntents, languages, type AssistantIntent, type Language } from '../../contract';

export const isAssistantIntent = (value: string): value is AssistantIntent =>
  (assistantIntents as readonly string[]).includes(value);

/** A corpus file: assets/assistant/<language>.json (training) or heldout/<language>.json (measuring). */
export interface Corpus {
  language: Language;
  intents: Record<string, string[]>;
}

/** NLP.js names Norwegian bokmål 'no' (its stemmer is bokmål's). */
const nlpLocale: Record<Language, string> = { en: 'en', nl: 'nl', nb: 'no' };

export function readCorpus(appRoot: string, language: Language, set: 'train' | 'heldout' = 'train'): Corpus {
  const file =
    set === 'train'
      ? join(appRoot, 'assets', 'assistant', `${language}.json`)
      : join(appRoot, 'assets', 'assistant', 'heldout', `${language}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Corpus;
}

export interface Classification {
  /** The best intent, whatever its score. */
  intent: AssistantIntent;
  /** 0..1: NLP.js's score for that intent. */
  confidence: number;
}

/**
 * The offline intent classifier: NLP.js (a small neural network over stemmed words, one per
 * language, with the languages' own stemmers), trained from the corpora when the core starts.
 */
export class IntentClassifier {
  private constructor(private readonly nlp: Nlp) {}

  static async train(corpora: Corpus[]): Promise<IntentClassifier> {
    const container = await containerBootstrap();
    container.use(LangEn);
    container.use(LangNl);
    container.use(LangNo);
    const nlp = new Nlp({
      container,
      autoSave: false,
      autoLoad: false,
      // we decide what is confident enough ourselves (NLP.js would answer 'None' under 0.5)
      threshold: 0,
      calculateSentiment: false,
    });
    nlp.nluManager.settings.log = false;
    nlp.addLanguage(corpora.map((corpus) => nlpLocale[corpus.language]));
    for (const corpus of corpora) {
      for (const [intent, utterances] of Object.entries(corpus.intents)) {
        if (!isAssistantIntent(intent))
          throw new Error(`unknown intent in the ${corpus.language} corpus: ${intent}`);
        for (const utterance of utterances) nlp.addDocument(nlpLocale[corpus.language], utterance, intent);
      }
    }
    await nlp.train();
    return new IntentClassifier(nlp);
  }

  /** Trains from assets/assistant/{en,nl,nb}.json. */
  static fromAssets(appRoot: string): Promise<IntentClassifier> {
    return IntentClassifier.train(languages.map((language) => readCorpus(appRoot, language)));
  }

  async classify(language: Language, text: string): Promise<Classification> {
    const result = await this.nlp.process(nlpLocale[language], text);
    const best = [...(result.classifications ?? [])].sort((a, b) => b.score - a.score)[0];
    if (!best || !isAssistantIntent(best.intent)) return { intent: 'general', confidence: 0 };
    return { intent: best.intent, confidence: best.score };
  }
}
