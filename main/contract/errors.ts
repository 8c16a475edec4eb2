import type { MessageParams } from './messages';
import type { ErrorCode } from './vocabulary';

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, for VALIDATION errors. */
  field?: string;
  /** Seconds until the caller may try again, for RATE_LIMITED errors. */
  retryAfterSeconds?: number;
  /**
   * Why, machine-readable (`disk_full`, `two_factor_required`, `blocked_address` ...): the UI says it in
   * the user's language from `errors.reasons.<reason>`; `message` stays English for logs and scripts.
   */
  reason?: string;
  /** What the sentence of `errors.reasons.<reason>` needs filled in (a file name, a line number ...). */
  params?: MessageParams;
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: ContractError };

export const httpStatusFor: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 402,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
