import { useTranslation } from 'react-i18next';
import type { HealthCheck } from '../../contract';
import { useMessageText } from '../../i18n/message';

const knownChecks = ['database', 'disk', 'wal', 'eventLoop', 'memory'] as const;
type KnownCheck = (typeof knownChecks)[number];

const isKnown = (id: string): id is KnownCheck => (knownChecks as readonly string[]).includes(id);

/** Names and sentences for health checks in the user's language. */
export function useHealthText() {
  const { t } = useTranslation();
  const say = useMessageText();
  return {
    name: (check: HealthCheck) => (isKnown(check.id) ? t(`health.checks.${check.id}.name`) : check.id),
    /** What the check found, from the core's message (its English for a message this app does not know). */
    message: (check: HealthCheck): string => say(check.message, check.text),
  };
}
