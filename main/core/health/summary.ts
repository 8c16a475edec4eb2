import type { GuardianCheck, HealthCheck, HealthSummary } from '../../contract';
import { scoreOf, statusOf } from '../guardian/score';
import { message } from '../lib/message';

/** The Guardian's check ids the health summary shows, under the ids it has always shown them by. */
const shownAs: Partial<Record<GuardianCheck['id'], string>> = {
  disk: 'disk',
  wal: 'wal',
  event_loop: 'eventLoop',
  memory: 'memory',
};

const rank: Record<HealthCheck['status'], number> = { ok: 0, warn: 1, critical: 2 };

const shown = (check: GuardianCheck, id: string): HealthCheck => ({
  id,
  status: check.status,
  value: check.value,
  unit: check.unit,
  message: check.message,
  text: check.text,
});

/**
 * The installation's health summary (health.summary, /api/v1/health, health.updated) from the
 * Guardian's machine checks: database (its answering and its integrity, as one), disk, wal,
 * eventLoop and memory, scored and graded the way the Guardian scores them.
 */
export function healthSummaryOf(checks: GuardianCheck[], checkedAt: number): HealthSummary {
  const answers = checks.find((c) => c.id === 'database')!;
  const integrity = checks.find((c) => c.id === 'integrity')!;
  const database: HealthCheck = {
    id: 'database',
    status: rank[integrity.status] > rank[answers.status] ? integrity.status : answers.status,
    value: null,
    unit: null,
    ...(answers.status !== 'ok'
      ? { message: answers.message, text: answers.text }
      : integrity.status !== 'ok'
        ? { message: integrity.message, text: integrity.text }
        : {
            message: message(
              integrity.message.key === 'guardian.integrity.not_run'
                ? 'health.database.ok_unchecked'
                : 'health.database.ok',
            ),
            text: `${answers.text} ${integrity.text}`,
          }),
  };
  const score = scoreOf(checks);
  return {
    status: statusOf(score, checks),
    database: database.status === 'critical' ? 'error' : 'connected',
    score,
    checks: [
      database,
      ...checks.flatMap((c) => {
        const id = shownAs[c.id];
        return id ? [shown(c, id)] : [];
      }),
    ],
    checkedAt,
  };
}
