import type Database from 'better-sqlite3';

/**
 * What the insight dashboards read of the search log (issue 17): the most asked and the zero-result
 * searches of a tenant in a range. Read-only; search owns search_log, insight asks through this.
 */
export function searchLogFigures(sqlite: Database.Database) {
  const top = sqlite.prepare<
    { tenantId: string; from: number; to: number; limit: number },
    { query: string; count: number; opened: number }
  >(
    `SELECT lower(query) AS query, count(*) AS count, count(opened_id) AS opened FROM search_log
      WHERE tenant_id = @tenantId AND created_at >= @from AND created_at < @to
      GROUP BY lower(query) ORDER BY count DESC, query LIMIT @limit`,
  );
  const zero = sqlite.prepare<
    { tenantId: string; from: number; to: number; limit: number },
    { query: string; count: number }
  >(
    `SELECT lower(query) AS query, count(*) AS count FROM search_log
      WHERE tenant_id = @tenantId AND created_at >= @from AND created_at < @to AND result_count = 0
      GROUP BY lower(query) ORDER BY count DESC, query LIMIT @limit`,
  );
  const totals = sqlite.prepare<
    { tenantId: string; from: number; to: number },
    { total: number; zero: number }
  >(
    `SELECT count(*) AS total, coalesce(sum(result_count = 0), 0) AS zero FROM search_log
      WHERE tenant_id = @tenantId AND created_at >= @from AND created_at < @to`,
  );
  return (tenantId: string, range: { from: number; to: number }, limit: number) => {
    const at = { tenantId, from: range.from, to: range.to };
    const sums = totals.get(at)!;
    return {
      top: top.all({ ...at, limit }),
      zeroResults: zero.all({ ...at, limit }),
      total: sums.total,
      zeroResultShare: sums.total === 0 ? null : sums.zero / sums.total,
    };
  };
}
