export { classifyIntent, defaultIntentThreshold, type ClassifyOptions } from './intent';
export { LocalChatModel, localModelName, localModelRef } from './local-chat-model';
export { composeAnswer, phrases, type ComposedAnswer, type ComposeOptions } from './answer';
export { parsePrompt, type ParsedPrompt } from './prompt';
