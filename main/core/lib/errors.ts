import type { ContractError, ErrorCode, ErrorReason, MessageParams } from '../../contract';

/**
 * The codes of refusals a person has to understand to act on them (fix a field, wait, ask someone):
 * they always carry a `reason`, so the UI says why in the user's language. The type-check refuses
 * an AppError or a Refusal of these codes without one; the others (NOT_FOUND, UNAUTHENTICATED,
 * RATE_LIMITED, INTERNAL) have a sentence of their own and may add a reason where it says more.
 */
export const explainedCodes = [
  'VALIDATION',
  'CONFLICT',
  'FORBIDDEN',
  'QUOTA_EXCEEDED',
  'UNAVAILABLE',
] as const;
export type ExplainedCode = (typeof explainedCodes)[number];
export type PlainCode = Exclude<ErrorCode, ExplainedCode>;

export interface ErrorDetails {
  field?: string;
  retryAfterSeconds?: number;
  reason?: ErrorReason;
  params?: MessageParams;
}

/** What a refusal of an explained code must say: why, as one of the contract's `errorReasons`. */
export type ExplainedDetails = ErrorDetails & { reason: ErrorReason };

/** A ContractError as the core makes it: a refusal a person must understand carries a reason. */
export type Refusal = ContractError &
  ({ code: ExplainedCode; reason: ErrorReason } | { code: PlainCode; reason?: ErrorReason });

/**
 * An error a handler raises on purpose; its message is safe to show to the caller (English, for logs
 * and scripts). A refusal a person should understand carries a `reason` of the contract's
 * `errorReasons` (and `params` for its sentence): the UI says it in the user's language.
 */
export class AppError extends Error {
  readonly extra: ErrorDetails;

  constructor(code: ExplainedCode, message: string, extra: ExplainedDetails);
  constructor(code: PlainCode, message: string, extra?: ErrorDetails);
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.extra = extra;
  }

  toContract(): Refusal {
    return { code: this.code, message: this.message, ...this.extra } as Refusal;
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (message: string, reason: ErrorReason, params?: MessageParams): AppError =>
  new AppError('FORBIDDEN', message, { reason, ...(params ? { params } : {}) });
export const conflict = (message: string, reason: ErrorReason, params?: MessageParams): AppError =>
  new AppError('CONFLICT', message, { reason, ...(params ? { params } : {}) });
