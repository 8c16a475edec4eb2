import { useTranslation } from 'react-i18next';
import type { CheckId, HealthCheck } from '../../contract';
import { useMessageText } from '../../i18n/message';
import { isTechnical } from '../guardian/guardian-meta';

const knownChecks = ['database', 'disk', 'wal', 'eventLoop', 'memory'] as const;
type KnownCheck = (typeof knownChecks)[number];

const isKnown = (id: string): id is KnownCheck => (knownChecks as readonly string[]).includes(id);

/** The Guardian's check each health check stands for (the summary names some differently). */
const guardianCheckOf: Record<KnownCheck, CheckId> = {
  database: 'database',
  disk: 'disk',
  wal: 'wal',
  eventLoop: 'event_loop',
  memory: 'memory',
};

/** Technical as the Guardian's check it stands for is (see checkAudience); one this app does not know is too. */
export const isTechnicalHealthCheck = (id: string): boolean =>
  isKnown(id) ? isTechnical(guardianCheckOf[id]) : true;

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
