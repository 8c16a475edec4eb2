import type { GuardianCheck, Message } from '../../../contract';

type Status = GuardianCheck['status'];

/** Higher is worse (lag, size), or with `lowerIsWorse` lower is worse (free disk). */
export function grade(value: number, warn: number, critical: number, lowerIsWorse = false): Status {
  if (lowerIsWorse) return value <= critical ? 'critical' : value <= warn ? 'warn' : 'ok';
  return value >= critical ? 'critical' : value >= warn ? 'warn' : 'ok';
}

export const statusRank: Record<Status, number> = { ok: 0, warn: 1, critical: 2 };

/** Each check's share of the 100 points of the score. */
export const checkWeights: Record<GuardianCheck['id'], number> = {
  database: 20,
  integrity: 20,
  disk: 10,
  backup_freshness: 10,
  agent_error_rate: 10,
  wal: 5,
  provider_availability: 5,
  event_loop: 5,
  memory: 4,
  database_size: 3,
  scheduler_drift: 3,
  security_events: 3,
  log_errors: 2,
};

/**
 * One check's result: what it found as a message (the UI says it in the user's language) and the
 * same in English (`text`: logs, notifications, scripts).
 */
export function check(
  id: GuardianCheck['id'],
  status: Status,
  message: Message,
  text: string,
  extra: Partial<Pick<GuardianCheck, 'value' | 'unit' | 'target' | 'strategy'>> = {},
): GuardianCheck {
  return {
    id,
    status,
    message,
    text,
    value: extra.value ?? null,
    unit: extra.unit ?? null,
    target: extra.target ?? null,
    strategy: status === 'ok' ? null : (extra.strategy ?? null),
    weight: checkWeights[id],
  };
}
