import type Database from 'better-sqlite3';
import type { AnalyticsSummary } from '../../../contract';

/**
 * Runs, tokens and cost of a tenant between `from` (inclusive) and `to` (exclusive), null meaning
 * open-ended: totals by outcome and per agent, the costliest agent first (analytics.summary).
 */
export function analyticsSummary(
  sqlite: Database.Database,
  tenantId: string,
  from: number | null,
  to: number | null,
): AnalyticsSummary {
  const rows = sqlite
    .prepare<
      [string, number, number],
      {
        agent_id: string;
        agent_name: string;
        status: string;
        runs: number;
        tin: number;
        tout: number;
        cost: number;
      }
    >(
      `SELECT r.agent_id, a.name AS agent_name, r.status, COUNT(*) AS runs, SUM(r.tokens_in) AS tin,
         SUM(r.tokens_out) AS tout, SUM(r.cost_micros) AS cost
       FROM agent_runs r JOIN agents a ON a.id = r.agent_id AND a.tenant_id = r.tenant_id
       WHERE r.tenant_id = ? AND r.created_at >= ? AND r.created_at < ?
       GROUP BY r.agent_id, r.status`,
    )
    .all(tenantId, from ?? 0, to ?? Number.MAX_SAFE_INTEGER);
  const summary: AnalyticsSummary = {
    from,
    to,
    runs: { total: 0, succeeded: 0, failed: 0, active: 0, other: 0 },
    tokensIn: 0,
    tokensOut: 0,
    costMicros: 0,
    agents: [],
  };
  const agents = new Map<string, AnalyticsSummary['agents'][number]>();
  for (const row of rows) {
    summary.runs.total += row.runs;
    if (row.status === 'succeeded' || row.status === 'handed_over') summary.runs.succeeded += row.runs;
    else if (row.status === 'failed') summary.runs.failed += row.runs;
    else if (['queued', 'running', 'waiting'].includes(row.status)) summary.runs.active += row.runs;
    else summary.runs.other += row.runs;
    summary.tokensIn += row.tin;
    summary.tokensOut += row.tout;
    summary.costMicros += row.cost;
    const agent = agents.get(row.agent_id) ?? {
      agentId: row.agent_id,
      agentName: row.agent_name,
      runs: 0,
      costMicros: 0,
    };
    agent.runs += row.runs;
    agent.costMicros += row.cost;
    agents.set(row.agent_id, agent);
  }
  summary.agents = [...agents.values()].sort((a, b) => b.costMicros - a.costMicros);
  return summary;
}
