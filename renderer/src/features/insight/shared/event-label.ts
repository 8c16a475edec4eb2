import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { eventNameKey } from '../overview/usage-shape';

export { eventNameKey };

/**
 * An event's name as people read it: the platform's own in the user's language
 * (`conversation.started` → "Conversation started"), a custom one as written. The same function
 * while the language stays (safe in a memo's dependencies).
 */
export function useEventLabel(): (name: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (name: string) => {
      const key = eventNameKey(name);
      return key ? t(`insight.events.${key}`) : name;
    },
    [t],
  );
}
