import type OpenAI from 'openai';
import type * as OpenAiModule from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { ProviderKind } from '../../../contract';
import {
  emptyAllowList,
  guardedFetch,
  OutboundBlockedError,
  type OutboundAllowList,
} from '../../lib/outbound-guard';
import { said, type Said } from '../../lib/message';
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
    /** Machine-readable why, when known (`blocked_address` ...). */
    readonly reason: string | null = null,
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

/** The address the client talks to: the stored base URL, or the kind's default. */
export function effectiveBaseUrl(connection: Pick<ProviderConnection, 'kind' | 'baseUrl'>): string | null {
  return connection.baseUrl ?? defaultBaseUrls[connection.kind];
}

/**
 * An SDK client whose every request goes through the outbound guard: a local or private address
 * is refused unless the installation's allow-list names it, and the connection is pinned to the
 * address that was checked (the allow-list is read per request, so a removal counts at once).
 */
export function createClient(
  connection: ProviderConnection,
  allowList: OutboundAllowList = emptyAllowList,
): OpenAI {
  const { default: OpenAIClient, AzureOpenAI } = sdk();
  const apiKey = connection.apiKey || placeholderKeys[connection.kind] || 'missing-key';
  // retries are ours (visible in the trace), so the SDK's own are off
  const common = {
    apiKey,
    maxRetries: 0,
    timeout: 120_000,
    fetch: guardedFetch(() => ({ allowList })),
  };
  if (connection.kind === 'azure') {
    if (!connection.baseUrl)
      throw new ProviderError(
        'Azure OpenAI needs the endpoint URL of your resource.',
        null,
        null,
        false,
        'needs_endpoint',
      );
    return new AzureOpenAI({
      ...common,
      endpoint: connection.baseUrl,
      apiVersion: connection.azureApiVersion ?? defaultAzureApiVersion,
    });
  }
  const baseURL = effectiveBaseUrl(connection);
  if (!baseURL)
    throw new ProviderError('This provider needs a base URL.', null, null, false, 'needs_base_url');
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

/**
 * `fromSdk`: the error came out of the SDK's call, so any text it carries may be the server's and
 * is replaced by the kind of failure.
 */
export function toProviderError(error: unknown, secret?: string | null, fromSdk = false): ProviderError {
  const converted = convertError(error, fromSdk);
  const message = redactSecret(converted.message, secret);
  return message === converted.message
    ? converted
    : new ProviderError(
        message,
        converted.status,
        converted.retryAfterMs,
        converted.transient,
        converted.reason,
      );
}

/** The guard's refusal, thrown directly or wrapped by the SDK as a connection error's cause. */
export function blockedCause(error: unknown): OutboundBlockedError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof OutboundBlockedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * A provider's failure as the UI says it (providers.error.*; the outbound guard's refusals as
 * outbound.refused), with its English. Only the kind of failure and the HTTP status travel.
 */
export function providerErrorSaid(
  error: ProviderError,
  /** What an unknown failure is said as: a failed test by default, or a run's failed model call. */
  otherwise: 'providers.error.failed' | 'runs.error.model_failed' = 'providers.error.failed',
): Said {
  switch (error.reason) {
    case 'http_status':
      return said('providers.error.http_status', { status: error.status }, error.message);
    case 'timeout':
    case 'provider_error':
    case 'bad_answer':
    case 'needs_endpoint':
    case 'needs_base_url':
      return said(`providers.error.${error.reason}`, undefined, error.message);
    case 'unreachable': {
      const code = /\((E[A-Z_]+)\)/.exec(error.message)?.[1];
      return code
        ? said('providers.error.unreachable_code', { code }, error.message)
        : said('providers.error.unreachable', undefined, error.message);
    }
    case 'invalid_url':
    case 'blocked_address':
    case 'unresolvable':
      return said('outbound.refused', { reason: error.reason }, error.message);
    default:
      return said(otherwise, undefined, error.message);
  }
}

function convertError(error: unknown, fromSdk: boolean): ProviderError {
  if (error instanceof ProviderError) return error;
  const blocked = blockedCause(error);
  if (blocked) return new ProviderError(blocked.message, null, null, false, blocked.reason);
  const OpenAI = sdk().default;
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const header = error.headers?.get?.('retry-after');
    const seconds = header ? Number(header) : NaN;
    const transient = error.status === 429 || error.status === 408 || error.status >= 500;
    // only the status: what the server wrote is not ours to show (nor to store or log)
    return new ProviderError(
      `Provider answered ${error.status}.`,
      error.status,
      Number.isFinite(seconds) ? seconds * 1000 : null,
      transient,
      'http_status',
    );
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new ProviderError('The provider did not answer in time.', null, null, true, 'timeout');
  if (error instanceof OpenAI.APIConnectionError) {
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    return new ProviderError(
      `Cannot reach the provider${typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? ` (${code})` : ''}.`,
      null,
      null,
      true,
      'unreachable',
    );
  }
  // an error the provider sent inside a stream, or an answer the SDK could not parse: both carry
  // the server's words, so only the kind of failure is kept
  if (error instanceof OpenAI.APIError)
    return new ProviderError(
      'The provider reported an error in its answer.',
      null,
      null,
      false,
      'provider_error',
    );
  if (!fromSdk) return new ProviderError((error as Error)?.message ?? String(error), null, null, false);
  return new ProviderError(
    `The provider's answer could not be used (${(error as Error)?.name ?? 'unknown error'}).`,
    null,
    null,
    false,
    'bad_answer',
  );
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
      throw toProviderError(error, this.client.apiKey, true);
    }
  }
}
