import type { ContractError, ErrorCode, ErrorReason, MessageParams } from '../../contract';

/**
 * An error a handler raises on purpose; its message is safe to show to the caller (English, for logs
 * and scripts). A refusal a person should understand carries a `reason` of the contract's
 * `errorReasons` (and `params` for its sentence): the UI says it in the user's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      field?: string;
      retryAfterSeconds?: number;
      reason?: ErrorReason | (string & {});
      params?: MessageParams;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toContract(): ContractError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (message: string): AppError => new AppError('FORBIDDEN', message);
export const conflict = (message: string): AppError => new AppError('CONFLICT', message);
