import type { GuardianCheck, GuardianStatus } from '../../contract';
import { checkWeights, statusRank } from './checks/grade';

const credit = { ok: 1, warn: 0.5, critical: 0 } as const;

/** The worst result of each check id (an agent check stands for all agents). */
export function worstById(checks: GuardianCheck[]): Map<GuardianCheck['id'], GuardianCheck> {
  const worst = new Map<GuardianCheck['id'], GuardianCheck>();
  for (const c of checks) {
    const current = worst.get(c.id);
    if (!current || statusRank[c.status] > statusRank[current.status]) worst.set(c.id, c);
  }
  return worst;
}

/** 0–100: each check earns its weight when ok, half when warn, nothing when critical; a dead database is 0. */
export function scoreOf(checks: GuardianCheck[]): number {
  const worst = worstById(checks);
  if (worst.get('database')?.status === 'critical') return 0;
  let total = 0;
  let earned = 0;
  for (const [id, c] of worst) {
    total += checkWeights[id];
    earned += checkWeights[id] * credit[c.status];
  }
  return total === 0 ? 100 : Math.round((100 * earned) / total);
}

export function statusOf(score: number, checks: GuardianCheck[]): GuardianStatus['status'] {
  const criticalCore = checks.some(
    (c) => (c.id === 'database' || c.id === 'integrity') && c.status === 'critical',
  );
  if (criticalCore) return 'unhealthy';
  return score >= 85 ? 'healthy' : score >= 60 ? 'degraded' : 'unhealthy';
}
