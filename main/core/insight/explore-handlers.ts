import type Database from 'better-sqlite3';
import type { HandlerMap } from '../context';
import { rollupPlans } from './dimensions';
import type { InsightService } from './service';

type ExploreHandlers = Pick<HandlerMap, 'insight.eventNames'>;

export interface ExploreHandlerDeps {
  sqlite: Database.Database;
  insight: InsightService;
}

/** The properties a name is rolled up by, one property per entry (pairs like channel+language left out). */
function propertiesOf(name: string): string[] {
  return (rollupPlans[name]?.dims ?? []).filter((dim) => !dim.includes('+'));
}

/**
 * The funnel and retention builders' choices: the tenant's event names from the hourly rollups' total
 * rows (dim ''), most seen first. The rollups' key leads with (tenant, name, dim), so each name's
 * total rows are one range of the primary key.
 */
export function exploreHandlers(deps: ExploreHandlerDeps): ExploreHandlers {
  const names = deps.sqlite.prepare<{ tenantId: string }, { name: string; count: number; lastAt: number }>(
    `SELECT name, sum(count) AS count, max(hour) AS lastAt FROM insight_rollups
      WHERE tenant_id = @tenantId AND dim = ''
      GROUP BY name ORDER BY count DESC, name LIMIT 500`,
  );

  return {
    'insight.eventNames': (_input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      // what is buffered counts too
      deps.insight.tracker.flush();
      return {
        items: names.all({ tenantId }).map((row) => ({ ...row, properties: propertiesOf(row.name) })),
      };
    },
  };
}
