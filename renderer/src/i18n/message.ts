import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction, i18n as I18n } from 'i18next';
import type { Message } from '../contract';
import { useFormat } from './format';

/**
 * A core message in the language of `t`: `messages.<key>` of the catalogue with the message's
 * parameters (numbers are formatted by the catalogue's `{{n, number}}`, `count` picks the plural).
 * A key this catalogue does not know (a newer core) gives `fallback`, the core's English, if any.
 * `locale` (the user's regional format) is the one numbers and sizes are formatted in.
 */
export function messageText(
  i18n: Pick<I18n, 'exists'>,
  t: TFunction,
  message: Message,
  fallback?: string,
  locale?: string,
): string {
  const key = `messages.${message.key}`;
  const params = message.params ?? {};
  if (!i18n.exists(key, params)) return fallback ?? message.key;
  return t(key, locale ? { ...params, locale } : params);
}

/** `say(message, fallback?)`: a core message in the user's language (see messageText). */
export function useMessageText(): (message: Message, fallback?: string) => string {
  const { t, i18n } = useTranslation();
  const { locale } = useFormat();
  return useCallback(
    (message: Message, fallback?: string) => messageText(i18n, t, message, fallback, locale),
    [t, i18n, locale],
  );
}
