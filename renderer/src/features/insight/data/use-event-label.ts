import { useTranslation } from 'react-i18next';
import { eventNameKey } from '../overview/usage-shape';

/** An event's name as people read it: the platform's own in the user's language, a custom one as written. */
export function useEventLabel(): (name: string) => string {
  const { t } = useTranslation();
  return (name: string) => {
    const key = eventNameKey(name);
    return key ? t(`insight.events.${key}`) : name;
  };
}
