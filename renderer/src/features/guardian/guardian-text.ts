import { useTranslation } from 'react-i18next';
import type { GuardianAction, GuardianCheck, Strategy } from '../../contract';
import { formatCheckValue, isKnownCheck, parseCheckKey } from './guardian-meta';

/** Checks whose value the app can put in words itself, with the unit that value comes in. */
const localMessages: Partial<Record<string, { unit: string; text: string; plain?: true }>> = {
  database_size: { unit: 'MiB', text: 'guardian.messages.database_size' },
  wal: { unit: 'MiB', text: 'health.checks.wal.message' },
  disk: { unit: 'MiB', text: 'health.checks.disk.message' },
  event_loop: { unit: 'ms', text: 'health.checks.eventLoop.message' },
  memory: { unit: 'MiB', text: 'health.checks.memory.message' },
  scheduler_drift: { unit: 'ms', text: 'guardian.messages.scheduler_drift' },
  log_errors: { unit: '/min', text: 'guardian.messages.log_errors', plain: true },
};

/** Names and sentences for the Guardian's checks, strategies and actions in the user's language. */
export function useGuardianText() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const checkName = (id: string) => (isKnownCheck(id) ? t(`guardian.checks.${id}`) : id);
  return {
    checkName,
    /** "Agent error rate · Bike shop" for a check about one thing. */
    checkLabel: (check: Pick<GuardianCheck, 'id' | 'target'>) =>
      check.target ? `${checkName(check.id)} · ${check.target.name}` : checkName(check.id),
    /** A history key ("agent_error_rate:<id>") named with the current checks' target names. */
    keyLabel(key: string, checks: readonly GuardianCheck[]) {
      const { id, targetId } = parseCheckKey(key);
      if (targetId === null) return checkName(id);
      const target = checks.find((check) => check.target?.id === targetId)?.target;
      return `${checkName(id)} · ${target?.name ?? t('guardian.history.removedTarget')}`;
    },
    value: (check: Pick<GuardianCheck, 'value' | 'unit'>) =>
      formatCheckValue(check.value, check.unit, locale),
    /**
     * The check's sentence in the user's language where the app knows what the value means; the
     * core's own (English) sentence otherwise.
     */
    message(check: Pick<GuardianCheck, 'id' | 'status' | 'value' | 'unit' | 'message'>): string {
      if (check.status === 'ok' && (check.id === 'database' || check.id === 'integrity'))
        return t(`guardian.messages.${check.id}`);
      const known = localMessages[check.id];
      if (!known || check.value === null || check.unit !== known.unit) return check.message;
      const value = formatCheckValue(check.value, known.plain ? null : check.unit, locale) ?? '';
      return t(known.text, { value, count: check.value });
    },
    strategy: (strategy: Strategy) => t(`guardian.strategies.${strategy}.name`),
    strategyDescription: (strategy: Strategy) => t(`guardian.strategies.${strategy}.description`),
    /** What rolling the action back will do, in words. */
    undo: (action: GuardianAction) =>
      t(`guardian.undo.${action.strategy}`, { target: action.target.name, summary: action.plan.summary }),
    target(action: GuardianAction) {
      if (action.target.type === 'installation') return t('guardian.targets.installation');
      return t(`guardian.targets.${action.target.type}`, { name: action.target.name });
    },
  };
}
