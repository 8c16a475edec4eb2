import type OpenAI from 'openai';
import type * as OpenAiModule from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { ProviderKind } from '../../../contract';
import { defaultAzureApiVersion, defaultBaseUrls, placeholderKeys } from './provider-endpoints';
import type { ChatMessage, ChatModel, ChatRequest, ChatResult, ToolCall } from './types';

export interface ProviderConnection {
  kind: ProviderKind;
  baseUrl: string | null;
  apiKey: string | null;
  azureApiVersion: string | null;
}

/** A provider the runtime can talk to; its errors keep the HTTP status for the retry policy. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** The SDK is loaded when a provider is first used: most offline installations never need it. */
function sdk(): typeof OpenAiModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose
  return require('openai') as typeof OpenAiModule;
}

export function createClient(connection: ProviderConnection): OpenAI {
  const { default: OpenAIClient, AzureOpenAI } = sdk();
  const apiKey = connection.apiKey || placeholderKeys[connection.kind] || 'missing-key';
  // retries are ours (visible in the trace), so the SDK's own are off
  const common = { apiKey, maxRetries: 0, timeout: 120_000 };
  if (connection.kind === 'azure') {
    if (!connection.baseUrl)
      throw new ProviderError('Azure OpenAI needs the endpoint URL of your resource.', null, null, false);
    return new AzureOpenAI({
      ...common,
      endpoint: connection.baseUrl,
      apiVersion: connection.azureApiVersion ?? defaultAzureApiVersion,
    });
  }
  const baseURL = connection.baseUrl ?? defaultBaseUrls[connection.kind];
  if (!baseURL) throw new ProviderError('This provider needs a base URL.', null, null, false);
  return new OpenAIClient({ ...common, baseURL });
}

function toSdkMessages(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((message): ChatCompletionMessageParam => {
    if (message.role === 'tool')
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    if (message.role === 'assistant' && message.toolCalls?.length) {
      return {
        role: 'assistant',
        content: message.content || null,
        tool_calls: message.toolCalls.map((call) => ({
          id: call.id,
          type: 'function' as const,
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
    return { role: message.role, content: message.content } as ChatCompletionMessageParam;
  });
}

function toSdkTools(request: ChatRequest): ChatCompletionTool[] | undefined {
  if (!request.tools?.length) return undefined;
  return request.tools.map((tool) => ({
    type: 'function' as const,
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
}

const estimate = (text: string): number => Math.ceil(text.length / 4);

/** Maps an SDK or network failure to what the retry policy needs to know. */
/**
 * Removes a secret from text a provider wrote: some answer "Invalid API key: sk-..." with the key
 * in full or in part, and that text is stored (provider test results, run errors) and logged.
 */
export function redactSecret(text: string, secret: string | null | undefined): string {
  if (!secret || secret.length < 8) return text;
  const window = Math.min(12, secret.length);
  const pieces = new Set<string>();
  for (let i = 0; i + window <= secret.length; i++) pieces.add(secret.slice(i, i + window));
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (pieces.has(text.slice(i, i + window))) {
      // swallow the whole run of key characters around the match
      let end = i + window;
      while (end < text.length && secret.includes(text.slice(i, end + 1))) end += 1;
      out += '[redacted]';
      i = end;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

export function toProviderError(error: unknown, secret?: string | null): ProviderError {
  const converted = convertError(error);
  const message = redactSecret(converted.message, secret);
  return message === converted.message
    ? converted
    : new ProviderError(message, converted.status, converted.retryAfterMs, converted.transient);
}

function convertError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const OpenAI = sdk().default;
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const header = error.headers?.get?.('retry-after');
    const seconds = header ? Number(header) : NaN;
    const transient = error.status === 429 || error.status === 408 || error.status >= 500;
    const detail = error.message.replace(/\s+/g, ' ').slice(0, 300);
    return new ProviderError(
      `Provider answered ${error.status}: ${detail}`,
      error.status,
      Number.isFinite(seconds) ? seconds * 1000 : null,
      transient,
    );
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new ProviderError('The provider did not answer in time.', null, null, true);
  if (error instanceof OpenAI.APIConnectionError)
    return new ProviderError(`Cannot reach the provider: ${error.message}`, null, null, true);
  return new ProviderError((error as Error)?.message ?? String(error), null, null, false);
}

/** Chat completions through the official `openai` SDK, streaming when the caller listens for deltas. */
export class OpenAiChatModel implements ChatModel {
  constructor(private readonly client: OpenAI) {}

  async complete(request: ChatRequest): Promise<ChatResult> {
    const body = {
      model: request.model,
      messages: toSdkMessages(request.messages),
      temperature: request.temperature,
      max_tokens: request.maxTokens,
      ...(request.tools?.length ? { tools: toSdkTools(request) } : {}),
    };
    const promptText = request.messages.map((m) => m.content).join('\n');
    try {
      if (!request.onDelta) {
        const completion = await this.client.chat.completions.create(
          { ...body, stream: false },
          { signal: request.signal },
        );
        const choice = completion.choices[0];
        const text = choice?.message.content ?? '';
        const toolCalls: ToolCall[] = (choice?.message.tool_calls ?? []).flatMap((call) =>
          call.type === 'function'
            ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
            : [],
        );
        return {
          text,
          toolCalls,
          tokensIn: completion.usage?.prompt_tokens ?? estimate(promptText),
          tokensOut: completion.usage?.completion_tokens ?? estimate(text),
          estimatedTokens: !completion.usage,
          finishReason: choice?.finish_reason ?? 'unknown',
        };
      }
      const stream = await this.client.chat.completions.create(
        { ...body, stream: true, stream_options: { include_usage: true } },
        { signal: request.signal },
      );
      let text = '';
      let finishReason = 'unknown';
      let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
      const calls = new Map<number, ToolCall>();
      for await (const chunk of stream) {
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (!choice) continue;
        if (choice.finish_reason) finishReason = choice.finish_reason;
        const delta = choice.delta;
        if (delta?.content) {
          text += delta.content;
          request.onDelta(delta.content);
        }
        for (const part of delta?.tool_calls ?? []) {
          const call = calls.get(part.index) ?? { id: '', name: '', arguments: '' };
          if (part.id) call.id = part.id;
          if (part.function?.name) call.name += part.function.name;
          if (part.function?.arguments) call.arguments += part.function.arguments;
          calls.set(part.index, call);
        }
      }
      return {
        text,
        toolCalls: [...calls.values()],
        tokensIn: usage?.prompt_tokens ?? estimate(promptText),
        tokensOut: usage?.completion_tokens ?? estimate(text),
        estimatedTokens: !usage,
        finishReason,
      };
    } catch (error) {
      if (request.signal.aborted) throw error;
      throw toProviderError(error, this.client.apiKey);
    }
  }
}
