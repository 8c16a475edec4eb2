import type { ContractError, ErrorCode } from '../../contract';

/** An error a handler raises on purpose; its message is safe to show to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; retryAfterSeconds?: number; reason?: string } = {},
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
