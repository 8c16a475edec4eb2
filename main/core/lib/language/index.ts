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
export { splitSentences } from './sentences';
