/**
 * The operator assistant (issue 15): an offline intent classifier (NLP.js, trained at start from
 * assets/assistant/{en,nl,nb}.json) and answers from live facts, fetched through dispatch with the
 * caller's own call context, so it never sees more than the caller may. Changes wait for
 * `assistant.confirm`; a wish for a person (or a question it did not understand) becomes a platform
 * ticket with the conversation attached.
 */
export {
  AssistantService,
  confidenceThreshold,
  agentNamed,
  type AssistantDeps,
  type Dispatch,
} from './service';
export { IntentClassifier, readCorpus, type Corpus, type Classification } from './classifier';
export { assistantHandlers, type AssistantHandlerDeps } from './handlers';
