import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../contract';
import type { CallError } from '../transport';

export type ErrorOverrides = Partial<Record<ErrorCode, string>>;

/** Turns a CallError into a sentence in the user's language; screens may say more for known cases. */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: CallError | null, overrides: ErrorOverrides = {}): string => {
      if (!error) return t('errors.INTERNAL');
      const specific = overrides[error.code];
      if (specific) return specific;
      if (error.reason && i18n.exists(`errors.reasons.${error.reason}`)) {
        return t(`errors.reasons.${error.reason}`, error.params ?? {});
      }
      if (error.code === 'RATE_LIMITED') {
        return error.retryAfterSeconds
          ? t('errors.RATE_LIMITED_seconds', { count: error.retryAfterSeconds })
          : t('errors.RATE_LIMITED');
      }
      return t(`errors.${error.code}`);
    },
    [t, i18n],
  );
}

/** Codes whose server message says what to fix: a missing folder, a file from a newer version ... */
const explainedCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['VALIDATION', 'CONFLICT']);

/**
 * The server's own explanation of a refusal, where it helps the user act (in the server's words),
 * for refusals without a `reason`: a refusal with one is said in the user's language by
 * useErrorMessage instead (errors.reasons.<reason>).
 */
export function serverDetail(error: CallError | null): string | null {
  if (!error || error.reason || !explainedCodes.has(error.code)) return null;
  const text = error.message.trim();
  return text.length > 0 ? text : null;
}
