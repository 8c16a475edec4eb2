/** Types of the NLP.js packages the assistant uses (they ship none): only what classifier.ts calls. */
declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';
  export interface NlpResult {
    intent: string;
    score: number;
    classifications: { intent: string; score: number }[];
  }
  export class Nlp {
    constructor(settings: Record<string, unknown>);
    nluManager: { settings: Record<string, unknown> };
    addLanguage(locales: string | string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
  export const __container: Container | undefined;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
