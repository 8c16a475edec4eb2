import type Database from 'better-sqlite3';

/** What other domains (the Guardian's security check) may ask about recorded security events. */
export interface SecurityEventCounts {
  /**
   * A tenant's events of medium severity and above whose last sighting is at or after `since`
   * (a burst folded into one event counts once), and how many of them are high or critical.
   */
  countSince(tenantId: string, since: number): { total: number; high: number };
}

export function securityEventCounts(sqlite: Database.Database): SecurityEventCounts {
  return {
    countSince(tenantId, since) {
      const { n, high } = sqlite
        .prepare(
          `SELECT count(*) AS n, coalesce(sum(severity IN ('high', 'critical')), 0) AS high FROM security_events
            WHERE tenant_id = ? AND last_at >= ? AND severity IN ('medium', 'high', 'critical')`,
        )
        .get(tenantId, since) as { n: number; high: number };
      return { total: n, high };
    },
  };
}
