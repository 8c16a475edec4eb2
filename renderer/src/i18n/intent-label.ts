import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An intent's name as people read it: the templates' intents (`book_service`, `returns_refunds` …)
 * in the user's language from `intents.<name>`; an intent someone named in the designer as it was
 * written, underscores as spaces.
 */
export function useIntentLabel(): (intent: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (intent: string) =>
      i18n.exists(`intents.${intent}`) ? t(`intents.${intent}`) : intent.replaceAll('_', ' '),
    [t, i18n],
  );
}
