/** What every model client answers to: the `openai` SDK clients and the built-in offline model. */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model sent them (JSON text). */
  arguments: string;
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  signal: AbortSignal;
  /** Called with each piece of streamed text, in order. */
  onDelta?: (text: string) => void;
  /** Functions the model may ask to call; the answer then carries toolCalls instead of text. */
  tools?: ToolDefinition[];
}

export interface ChatResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
  /** True when the token counts are estimates (the offline model), not a provider's figures. */
  estimatedTokens: boolean;
  finishReason: string;
  toolCalls: ToolCall[];
}

export interface ChatModel {
  complete(request: ChatRequest): Promise<ChatResult>;
}

export interface IntentDefinition {
  name: string;
  examples: string[];
}

export interface IntentResult {
  /** The best intent, or null when nothing matched well enough ("fallback"). */
  intent: string | null;
  confidence: number;
  scores: Record<string, number>;
}
