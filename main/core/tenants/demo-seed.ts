import type Database from 'better-sqlite3';

/**
 * `mindframe demo` only: puts a demo organisation on a plan (a plan key of the billing catalogue),
 * once the demo's billing history has decided it. The billing history (billing_changes) is written
 * beside it by billing/demo-seed.ts; outside the demo only billing/plan-assignment.ts writes a plan.
 */
export function setDemoPlan(sqlite: Database.Database, tenantId: string, plan: string): void {
  sqlite.prepare('UPDATE tenants SET plan = @plan WHERE id = @tenantId').run({ plan, tenantId });
}
