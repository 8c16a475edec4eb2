import type Database from 'better-sqlite3';
import type { GuardianCheck, ModelRef } from '../../../contract';
import { check, grade } from './grade';

export const checkWindowMs = 15 * 60 * 1000;

/** Run outcomes that count against an agent (a person cancelling or rejecting does not). */
const failureCodes = new Set([
  'provider_error',
  'timeout',
  'node_failed',
  'blocked',
  'step_limit',
  'budget_exceeded',
  'invalid_flow',
]);

interface AgentRunCount {
  agent_id: string;
  name: string;
  status: string;
  error_code: string | null;
  n: number;
}

export interface AgentHealth {
  agentId: string;
  name: string;
  total: number;
  failed: number;
  providerFailures: number;
  hasFallback: boolean;
  deployedVersion: number | null;
}

/** Finished runs of the last window per agent, by outcome: one indexed range scan. */
export function agentHealth(sqlite: Database.Database, tenantId: string, now: number): AgentHealth[] {
  const rows = sqlite
    .prepare(
      `SELECT r.agent_id, a.name, r.status, r.error_code, count(*) AS n
         FROM agent_runs r JOIN agents a ON a.id = r.agent_id
        WHERE r.tenant_id = ? AND r.created_at >= ? AND r.status IN ('succeeded', 'failed') AND r.trigger != 'test'
        GROUP BY r.agent_id, r.status, r.error_code`,
    )
    .all(tenantId, now - checkWindowMs) as AgentRunCount[];
  const byAgent = new Map<string, AgentHealth>();
  for (const row of rows) {
    const health = byAgent.get(row.agent_id) ?? {
      agentId: row.agent_id,
      name: row.name,
      total: 0,
      failed: 0,
      providerFailures: 0,
      hasFallback: false,
      deployedVersion: null,
    };
    if (row.status === 'succeeded' || failureCodes.has(row.error_code ?? '')) health.total += row.n;
    if (row.status === 'failed' && failureCodes.has(row.error_code ?? '')) {
      health.failed += row.n;
      if (row.error_code === 'provider_error' || row.error_code === 'timeout')
        health.providerFailures += row.n;
    }
    byAgent.set(row.agent_id, health);
  }
  if (byAgent.size > 0) {
    const agents = sqlite
      .prepare(
        `SELECT id, fallback_models, deployed_version FROM agents WHERE tenant_id = ? AND id IN (${[...byAgent.keys()].map(() => '?').join(',')})`,
      )
      .all(tenantId, ...byAgent.keys()) as {
      id: string;
      fallback_models: string;
      deployed_version: number | null;
    }[];
    for (const agent of agents) {
      const health = byAgent.get(agent.id)!;
      health.hasFallback = (JSON.parse(agent.fallback_models) as ModelRef[]).length > 0;
      health.deployedVersion = agent.deployed_version;
    }
  }
  return [...byAgent.values()];
}

/** Which strategy fits a failing agent: fall back for provider trouble, pause otherwise, retry when it is only flaky. */
function agentStrategy(h: AgentHealth, status: GuardianCheck['status']): GuardianCheck['strategy'] {
  const mostlyProvider = h.providerFailures * 2 > h.failed;
  if (status === 'warn') return mostlyProvider ? 'retry_with_backoff' : 'rollback_agent_version';
  if (mostlyProvider && h.hasFallback) return 'failover_model';
  return 'pause_agent';
}

export function agentErrorRateChecks(health: AgentHealth[]): GuardianCheck[] {
  if (health.length === 0)
    return [check('agent_error_rate', 'ok', 'No agent has run in the last 15 minutes.')];
  return health.map((h) => {
    const rate = h.total === 0 ? 0 : h.failed / h.total;
    const percent = Math.round(rate * 100);
    const status = h.total >= 5 && rate >= 0.5 ? 'critical' : h.total >= 3 && rate >= 0.2 ? 'warn' : 'ok';
    return check(
      'agent_error_rate',
      status,
      `${h.failed} of ${h.total} runs of ${h.name} failed in the last 15 minutes (${percent}%).`,
      {
        value: percent,
        unit: '%',
        target: { type: 'agent', id: h.agentId, name: h.name },
        strategy: agentStrategy(h, status),
      },
    );
  });
}

export function providerChecks(sqlite: Database.Database, tenantId: string, now: number): GuardianCheck[] {
  const providers = sqlite
    .prepare('SELECT id, name, last_test FROM providers WHERE tenant_id = ?')
    .all(tenantId) as {
    id: string;
    name: string;
    last_test: string | null;
  }[];
  return providers.map((provider) => {
    const target = { type: 'provider' as const, id: provider.id, name: provider.name };
    const since = now - checkWindowMs;
    const prefix = `${provider.name}/%`;
    const ok = sqlite
      .prepare(
        `SELECT count(*) AS n, avg(duration_ms) AS latency FROM run_steps
          WHERE tenant_id = ? AND started_at >= ? AND status = 'ok' AND model LIKE ?`,
      )
      .get(tenantId, since, prefix) as { n: number; latency: number | null };
    const failed = sqlite
      .prepare(
        `SELECT count(*) AS n FROM run_steps
          WHERE tenant_id = ? AND started_at >= ? AND status = 'error' AND node_type = 'llm' AND notes LIKE ?`,
      )
      .get(tenantId, since, `%${provider.name}/%`) as { n: number };
    const samples = ok.n + failed.n;
    if (samples === 0) {
      const test = provider.last_test
        ? (JSON.parse(provider.last_test) as { ok: boolean; at: number; message: string })
        : null;
      if (test && !test.ok && now - test.at < 60 * 60 * 1000)
        return check(
          'provider_availability',
          'warn',
          `${provider.name}: the last connection test failed (${test.message}).`,
          { target },
        );
      return check('provider_availability', 'ok', `${provider.name}: no calls in the last 15 minutes.`, {
        target,
      });
    }
    const availability = Math.round((ok.n / samples) * 100);
    const latency = Math.round(ok.latency ?? 0);
    const byAvailability = samples >= 3 ? grade(availability, 90, 50, true) : 'ok';
    const byLatency = ok.n > 0 ? grade(latency, 10_000, 30_000) : 'ok';
    const status =
      byAvailability === 'critical' || byLatency === 'critical'
        ? 'critical'
        : byAvailability === 'warn' || byLatency === 'warn'
          ? 'warn'
          : 'ok';
    return check(
      'provider_availability',
      status,
      `${provider.name}: ${availability}% of ${samples} calls answered${ok.n > 0 ? `, ${latency} ms on average` : ''}.`,
      { value: availability, unit: '%', target },
    );
  });
}

export function securityEventsCheck(sqlite: Database.Database, tenantId: string, now: number): GuardianCheck {
  // the threat detection's events of medium severity and above (bursts count once per window)
  const { n, high } = sqlite
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(severity IN ('high', 'critical')), 0) AS high FROM security_events
        WHERE tenant_id = ? AND last_at >= ? AND severity IN ('medium', 'high', 'critical')`,
    )
    .get(tenantId, now - checkWindowMs) as { n: number; high: number };
  return check(
    'security_events',
    grade(n, 1, 5),
    `${n} security events in the last 15 minutes${high > 0 ? `, ${high} of high severity` : ''}.`,
    { value: n, unit: '' },
  );
}
