import type { Message, ModelRef } from '../../../contract';
import { framed, message, said, type Said } from '../../lib/message';
import { providerErrorSaid, type ProviderError, toProviderError } from '../models/openai-model';
import type { ChatModel, ChatRequest, ChatResult } from '../models/types';

export interface ResolvedModel {
  ref: ModelRef;
  /** "providerId/model", as shown in traces. */
  label: string;
  model: ChatModel;
}

export interface ChainPolicy {
  /** Attempts per model for transient failures (429, 5xx, timeouts) before falling back. */
  attemptsPerModel: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultChainPolicy: ChainPolicy = { attemptsPerModel: 3, baseDelayMs: 250, maxDelayMs: 10_000 };

export interface ChainOutcome {
  result: ChatResult;
  used: ResolvedModel;
  attempts: number;
  notes: Said[];
}

/** No model answered: `detail` says why (runs.error.*, the last provider failure framed in). */
export class ModelChainError extends Error {
  readonly detail: Message;

  constructor(
    what: Said,
    readonly attempts: number,
    readonly notes: Said[],
  ) {
    super(what.text);
    this.name = 'ModelChainError';
    this.detail = what.message;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

/**
 * Asks the primary model, retrying transient failures with exponential backoff (honouring
 * Retry-After), then each fallback in order. Every retry and fall-back is written to `notes`.
 */
export async function completeWithChain(
  chain: ResolvedModel[],
  request: Omit<ChatRequest, 'model'>,
  policy: ChainPolicy = defaultChainPolicy,
): Promise<ChainOutcome> {
  const notes: Said[] = [];
  let attempts = 0;
  let lastError: ProviderError | null = null;
  for (const [index, candidate] of chain.entries()) {
    const model = candidate.label;
    if (index > 0)
      notes.push({ text: `fell back to ${model}`, message: message('runs.note.fell_back', { model }) });
    for (let attempt = 1; attempt <= policy.attemptsPerModel; attempt++) {
      attempts++;
      try {
        const result = await candidate.model.complete({ ...request, model: candidate.ref.model });
        return { result, used: candidate, attempts, notes };
      } catch (error) {
        if (request.signal.aborted) throw error;
        lastError = toProviderError(error);
        const what = lastError.status ? `${lastError.status}` : lastError.message;
        const why = providerErrorSaid(lastError, 'runs.error.model_failed').message;
        if (!lastError.transient || attempt === policy.attemptsPerModel) {
          notes.push({
            text: `${model} failed (${what})${lastError.transient ? ` after ${attempt} attempts` : ''}`,
            message: lastError.transient
              ? framed('runs.note.failed_after', why, { model, count: attempt })
              : framed('runs.note.failed', why, { model }),
          });
          break;
        }
        const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const delay = Math.min(policy.maxDelayMs, Math.max(backoff, lastError.retryAfterMs ?? 0));
        notes.push({
          text: `${model} answered ${what}; retrying in ${delay} ms`,
          message: framed('runs.note.retrying', why, { model, ms: delay }),
        });
        await sleep(delay, request.signal);
      }
    }
  }
  const text =
    chain.length === 0
      ? 'No model is configured for this step.'
      : `Every model failed. Last error: ${lastError?.message ?? 'unknown'}`;
  throw new ModelChainError(
    lastError
      ? {
          message: framed(
            'runs.error.models_failed',
            providerErrorSaid(lastError, 'runs.error.model_failed').message,
          ),
          text,
        }
      : said('runs.error.no_model', undefined, text),
    attempts,
    notes,
  );
}
