/** Types of the sentiment packages (they ship none): only what sentiment.ts uses. */
declare module 'sentiment' {
  interface AnalysisResult {
    score: number;
    comparative: number;
    tokens: string[];
    words: string[];
  }
  export default class Sentiment {
    analyze(phrase: string): AnalysisResult;
  }
}

declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Promise<Container>;
}

declare module '@nlpjs/sentiment' {
  import type { Container } from '@nlpjs/core';
  export class SentimentAnalyzer {
    constructor(settings: { container: Container });
    process(input: { locale: string; text: string }): Promise<{
      sentiment: { score: number; numWords: number; numHits: number; average: number; type: string };
    }>;
  }
}

declare module '@nlpjs/lang-nl' {
  export const LangNl: unknown;
}

declare module '@nlpjs/lang-no' {
  export const LangNo: unknown;
}
