export { foldText, tokenize } from './normalize';
export { stopwords, isStopword } from './stopwords';
export { stem, stemEnglish, stemDutch, stemNorwegian, stemmers } from './stemmers';
export { detectLanguage, guessLanguage, type LanguageGuess } from './language';
export {
  analyze,
  analyzeIn,
  analysisLanguages,
  conceptPrefix,
  conceptsOf,
  conceptWords,
  featuresOf,
  splitCompound,
  terms,
  type AnalyzeOptions,
  type Term,
} from './analyze';
export {
  Bm25Index,
  type Bm25Hit,
  type Bm25Options,
  type Bm25SearchOptions,
  type FieldText,
  type FieldValue,
} from './bm25';
export { splitSentences } from './sentences';
export { ftsQuery } from './fts';
