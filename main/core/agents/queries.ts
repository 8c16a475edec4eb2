import type Database from 'better-sqlite3';
import type { ModelRef, RunInput, RunSummary } from '../../contract';

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

/** How one agent's finished runs of a window went (test runs left out). */
export interface AgentRunHealth {
  agentId: string;
  name: string;
  /** Succeeded runs plus runs that failed for a reason that counts against the agent. */
  total: number;
  failed: number;
  /** Of the failed: the provider's error or a time-out. */
  providerFailures: number;
  hasFallback: boolean;
  deployedVersion: number | null;
}

/** A run that failed on the provider, to run again with the same input. */
export interface FailedRun {
  id: string;
  input: RunInput;
  trigger: RunSummary['trigger'];
}

/** How a provider's model calls went in a window, and its last connection test. */
export interface ProviderActivity {
  id: string;
  name: string;
  /** `text`: the test's outcome in English (for the Guardian's log text). */
  lastTest: { ok: boolean; at: number; text: string } | null;
  /** Model steps that answered, and their average duration (null when none did). */
  answered: number;
  averageLatencyMs: number | null;
  /** Model steps that failed on this provider. */
  failed: number;
}

/**
 * What other domains may ask about agents, their runs and providers (the Guardian's checks,
 * strategies and circuit breaker). The agents domain owns these tables; nobody else writes SQL on
 * them.
 */
export interface AgentQueries {
  /** Finished runs per agent since `since`, by outcome: one indexed range scan. */
  runHealth(tenantId: string, since: number): AgentRunHealth[];
  /** The newest (at most 5) runs of an agent since `since` that failed on the provider or timed out. */
  recentProviderFailures(tenantId: string, agentId: string, since: number): FailedRun[];
  /** The newest version below `below` that ran well: at least 3 finished runs, at most 10% failed. */
  lastGoodVersion(tenantId: string, agentId: string, below: number): number | null;
  /** The input of the agent's newest failed run, if any. */
  lastFailedInput(tenantId: string, agentId: string): RunInput | null;
  /** Every provider of the tenant with its model calls since `since`. */
  providerActivity(tenantId: string, since: number): ProviderActivity[];
  /** The size of the tenant's knowledge (titles and texts of its documents, UTF-8 bytes): the plan's knowledge limit. */
  knowledgeBytes(tenantId: string): number;
}

interface AgentRunCount {
  agent_id: string;
  name: string;
  status: string;
  error_code: string | null;
  n: number;
}

export function agentQueries(sqlite: Database.Database): AgentQueries {
  const knowledgeSize = sqlite.prepare<[string], { bytes: number | null }>(
    `SELECT SUM(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) AS bytes
       FROM knowledge_docs WHERE tenant_id = ?`,
  );
  return {
    knowledgeBytes: (tenantId) => knowledgeSize.get(tenantId)?.bytes ?? 0,
    runHealth(tenantId, since) {
      const rows = sqlite
        .prepare(
          `SELECT r.agent_id, a.name, r.status, r.error_code, count(*) AS n
             FROM agent_runs r JOIN agents a ON a.id = r.agent_id
            WHERE r.tenant_id = ? AND r.created_at >= ? AND r.status IN ('succeeded', 'handed_over', 'failed') AND r.trigger != 'test'
            GROUP BY r.agent_id, r.status, r.error_code`,
        )
        .all(tenantId, since) as AgentRunCount[];
      const byAgent = new Map<string, AgentRunHealth>();
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
        if (
          row.status === 'succeeded' ||
          row.status === 'handed_over' ||
          failureCodes.has(row.error_code ?? '')
        )
          health.total += row.n;
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
    },

    recentProviderFailures(tenantId, agentId, since) {
      return (
        sqlite
          .prepare(
            `SELECT id, input, trigger FROM agent_runs WHERE tenant_id = ? AND agent_id = ? AND created_at >= ? AND status = 'failed'
               AND error_code IN ('provider_error', 'timeout') ORDER BY created_at DESC LIMIT 5`,
          )
          .all(tenantId, agentId, since) as { id: string; input: string; trigger: FailedRun['trigger'] }[]
      ).map((row) => ({ id: row.id, input: JSON.parse(row.input) as RunInput, trigger: row.trigger }));
    },

    lastGoodVersion(tenantId, agentId, below) {
      const row = sqlite
        .prepare(
          `SELECT version_number AS v, count(*) AS total, sum(status = 'failed') AS failed FROM agent_runs
            WHERE tenant_id = ? AND agent_id = ? AND version_number IS NOT NULL AND version_number < ? AND status IN ('succeeded', 'handed_over', 'failed')
            GROUP BY version_number HAVING total >= 3 AND failed * 10 <= total ORDER BY version_number DESC LIMIT 1`,
        )
        .get(tenantId, agentId, below) as { v: number } | undefined;
      return row?.v ?? null;
    },

    lastFailedInput(tenantId, agentId) {
      const row = sqlite
        .prepare(
          "SELECT input FROM agent_runs WHERE tenant_id = ? AND agent_id = ? AND status = 'failed' ORDER BY created_at DESC LIMIT 1",
        )
        .get(tenantId, agentId) as { input: string } | undefined;
      return row ? (JSON.parse(row.input) as RunInput) : null;
    },

    providerActivity(tenantId, since) {
      const providers = sqlite
        .prepare('SELECT id, name, last_test FROM providers WHERE tenant_id = ?')
        .all(tenantId) as { id: string; name: string; last_test: string | null }[];
      return providers.map((provider) => {
        const ok = sqlite
          .prepare(
            `SELECT count(*) AS n, avg(duration_ms) AS latency FROM run_steps
              WHERE tenant_id = ? AND started_at >= ? AND status = 'ok' AND model LIKE ?`,
          )
          .get(tenantId, since, `${provider.name}/%`) as { n: number; latency: number | null };
        const failed = sqlite
          .prepare(
            `SELECT count(*) AS n FROM run_steps
              WHERE tenant_id = ? AND started_at >= ? AND status = 'error' AND node_type = 'llm' AND notes LIKE ?`,
          )
          .get(tenantId, since, `%${provider.name}/%`) as { n: number };
        return {
          id: provider.id,
          name: provider.name,
          lastTest: provider.last_test ? lastTestOf(provider.last_test) : null,
          answered: ok.n,
          averageLatencyMs: ok.latency,
          failed: failed.n,
        };
      });
    },
  };
}

/** A stored connection test: `text` is its English (rows written before messages kept it in `message`). */
function lastTestOf(json: string): ProviderActivity['lastTest'] {
  const stored = JSON.parse(json) as { ok: boolean; at: number; text?: string; message?: unknown };
  const text = stored.text ?? (typeof stored.message === 'string' ? stored.message : '');
  return { ok: stored.ok, at: stored.at, text };
}
