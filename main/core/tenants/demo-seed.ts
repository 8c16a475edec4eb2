import type Database from 'better-sqlite3';
import type { Plan } from '../../contract';

/**
 * `mindframe demo` only: puts a demo organisation on a plan. This is the billing seam: plans have no
 * method of their own until the billing issue; that issue replaces this with its plan changes.
 */
export function setDemoPlan(sqlite: Database.Database, tenantId: string, plan: Plan): void {
  sqlite.prepare('UPDATE tenants SET plan = @plan WHERE id = @tenantId').run({ plan, tenantId });
}
