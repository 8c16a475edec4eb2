import type { ModelRef } from '../../../contract';
import { type ProviderError, toProviderError } from '../models/openai-model';
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
  notes: string[];
}

export class ModelChainError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly notes: string[],
  ) {
    super(message);
    this.name = 'ModelChainError';
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
  const notes: string[] = [];
  let attempts = 0;
  let lastError: ProviderError | null = null;
  for (const [index, candidate] of chain.entries()) {
    if (index > 0) notes.push(`fell back to ${candidate.label}`);
    for (let attempt = 1; attempt <= policy.attemptsPerModel; attempt++) {
      attempts++;
      try {
        const result = await candidate.model.complete({ ...request, model: candidate.ref.model });
        return { result, used: candidate, attempts, notes };
      } catch (error) {
        if (request.signal.aborted) throw error;
        lastError = toProviderError(error);
        const what = lastError.status ? `${lastError.status}` : lastError.message;
        if (!lastError.transient || attempt === policy.attemptsPerModel) {
          notes.push(
            `${candidate.label} failed (${what})${lastError.transient ? ` after ${attempt} attempts` : ''}`,
          );
          break;
        }
        const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const delay = Math.min(policy.maxDelayMs, Math.max(backoff, lastError.retryAfterMs ?? 0));
        notes.push(`${candidate.label} answered ${what}; retrying in ${delay} ms`);
        await sleep(delay, request.signal);
      }
    }
  }
  throw new ModelChainError(
    chain.length === 0
      ? 'No model is configured for this step.'
      : `Every model failed. Last error: ${lastError?.message ?? 'unknown'}`,
    attempts,
    notes,
  );
}
