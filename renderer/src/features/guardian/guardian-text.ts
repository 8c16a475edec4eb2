import { useTranslation } from 'react-i18next';
import type { GuardianAction, GuardianCheck, Strategy } from '../../contract';
import { useFormat } from '../../i18n/format';
import { useMessageText } from '../../i18n/message';
import { formatCheckValue, isKnownCheck, parseCheckKey } from './guardian-meta';

/** Names and sentences for the Guardian's checks, strategies and actions in the user's language. */
export function useGuardianText() {
  const { t } = useTranslation();
  const say = useMessageText();
  // numbers and sizes in the user's regional format
  const { locale } = useFormat();
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
    /** What the check found, in the user's language (the core's English for a message it does not know). */
    message: (check: Pick<GuardianCheck, 'message' | 'text'>): string => say(check.message, check.text),
    /** What the action does, its steps and why, in the user's language. */
    summary: (action: GuardianAction) => say(action.plan.messages.summary, action.plan.summary),
    steps: (action: GuardianAction) =>
      action.plan.messages.steps.map((step, index) => say(step, action.plan.steps[index])),
    reason: (action: GuardianAction) => say(action.plan.messages.reason, action.plan.reason),
    /** What applying or undoing the action did, or why it could not; null before it was applied. */
    outcome: (action: GuardianAction) =>
      action.outcomeMessage ? say(action.outcomeMessage, action.outcome ?? undefined) : action.outcome,
    strategy: (strategy: Strategy) => t(`guardian.strategies.${strategy}.name`),
    strategyDescription: (strategy: Strategy) => t(`guardian.strategies.${strategy}.description`),
    /** What rolling the action back will do, in words. */
    undo: (action: GuardianAction) =>
      t(`guardian.undo.${action.strategy}`, {
        target: action.target.name,
        summary: say(action.plan.messages.summary, action.plan.summary),
      }),
    target(action: GuardianAction) {
      if (action.target.type === 'installation') return t('guardian.targets.installation');
      return t(`guardian.targets.${action.target.type}`, { name: action.target.name });
    },
  };
}
