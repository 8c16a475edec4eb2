import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../contract';
import type { CallError } from '../transport';

export type ErrorOverrides = Partial<Record<ErrorCode, string>>;

/**
 * Turns a CallError into a sentence in the user's language: the refusal's reason
 * (errors.reasons.<reason>, filled in with its params), else the screen's sentence for the code
 * (`overrides`), else the code's own sentence. The server's `message` is English for logs and
 * scripts: never shown.
 */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: CallError | null, overrides: ErrorOverrides = {}): string => {
      if (!error) return t('errors.INTERNAL');
      // the server's reason says exactly why; a screen's sentence for the code is its best guess
      // (a FORBIDDEN may be a role above yours as well as two-factor sign-in not set up yet)
      const params = error.params ?? {};
      // with its params: a sentence with a count exists only as its plural forms
      if (error.reason && i18n.exists(`errors.reasons.${error.reason}`, params)) {
        return t(`errors.reasons.${error.reason}`, params);
      }
      const specific = overrides[error.code];
      if (specific) return specific;
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
