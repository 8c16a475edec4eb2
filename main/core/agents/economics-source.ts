import type Database from 'better-sqlite3';

/**
 * What insight's unit economics (issue 17) read of the runs: the model cost of every tenant's runs
 * created in a range, in USD micros (as the providers price). Read-only; agents owns agent_runs.
 */
export function runCostSource(sqlite: Database.Database) {
  const sum = sqlite.prepare<{ from: number; to: number }, { micros: number }>(
    `SELECT coalesce(sum(cost_micros), 0) AS micros FROM agent_runs WHERE created_at >= @from AND created_at < @to`,
  );
  return (from: number, to: number): number => sum.get({ from, to })!.micros;
}
