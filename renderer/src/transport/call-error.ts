import type { ContractError, ErrorCode, MessageParams } from '../contract';

/** A contract error answered by the core, or a transport failure mapped onto the same codes. */
export class CallError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly reason: string | undefined;
  /** What the sentence of `errors.reasons.<reason>` needs filled in. */
  readonly params: MessageParams | undefined;

  constructor(error: ContractError) {
    super(error.message);
    this.name = 'CallError';
    this.code = error.code;
    this.field = error.field;
    this.retryAfterSeconds = error.retryAfterSeconds;
    this.reason = error.reason;
    this.params = error.params;
  }
}

export function toCallError(error: unknown): CallError {
  if (error instanceof CallError) return error;
  return new CallError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
}
