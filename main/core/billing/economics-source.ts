import type Database from 'better-sqlite3';

/**
 * What insight's unit economics (issue 17) read of billing: every MRR change of every tenant up to a
 * moment, and paid invoice revenue (without tax) in a range. Read-only; billing owns these tables.
 */
export function billingEconomicsSource(sqlite: Database.Database) {
  const changes = sqlite.prepare<{ to: number }, { tenantId: string; at: number; mrrAfter: number }>(
    `SELECT tenant_id AS tenantId, at, mrr_after AS mrrAfter FROM billing_changes
      WHERE at < @to ORDER BY tenant_id, at, rowid`,
  );
  const revenue = sqlite.prepare<{ from: number; to: number }, { revenue: number }>(
    `SELECT coalesce(sum(total - tax), 0) AS revenue FROM billing_invoices
      WHERE status = 'paid' AND created_at >= @from AND created_at < @to`,
  );
  return {
    /** Each tenant's MRR changes before `to`, oldest first. */
    changesBefore: (to: number) => changes.all({ to }),
    /** Paid invoices created in [from, to): total minus tax, minor units. */
    revenue: (from: number, to: number) => revenue.get({ from, to })!.revenue,
  };
}
