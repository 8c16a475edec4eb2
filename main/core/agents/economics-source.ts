import type Database from 'better-sqlite3';

/**
 * What insight's unit economics (issue 17) read of the runs: the model cost of every tenant's runs
 * per month (UTC), in USD micros (as the providers price). Read-only; agents owns agent_runs. One
 * pass over the range (the runs' index leads with the tenant, so a query per month would scan each time).
 */
export function runCostSource(sqlite: Database.Database) {
  const byMonth = sqlite.prepare<{ from: number; to: number }, { month: string; micros: number }>(
    `SELECT strftime('%Y-%m', created_at / 1000, 'unixepoch') AS month, coalesce(sum(cost_micros), 0) AS micros
       FROM agent_runs WHERE created_at >= @from AND created_at < @to GROUP BY month`,
  );
  /** "2026-09" → USD micros of the runs created that month, for the months in [from, to). */
  return (from: number, to: number): Map<string, number> =>
    new Map(byMonth.all({ from, to }).map((row) => [row.month, row.micros]));
}
