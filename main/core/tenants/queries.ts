import type Database from 'better-sqlite3';

/** What other domains ask about the installation's tenants (organisations). */
export interface TenantDirectory {
  /** The first organisation, where installation-wide findings and events are handled; null before setup. */
  homeTenantId(): string | null;
  /** The organisations that are active (suspended ones are left out), in no particular order. */
  activeTenantIds(): string[];
}

/** The first organisation created, or null when there is none yet. */
export function homeTenantIdOf(sqlite: Database.Database): string | null {
  return (
    (sqlite.prepare('SELECT id FROM tenants ORDER BY created_at LIMIT 1').get() as { id: string } | undefined)
      ?.id ?? null
  );
}

export function tenantDirectory(sqlite: Database.Database): TenantDirectory {
  return {
    homeTenantId: () => homeTenantIdOf(sqlite),
    activeTenantIds: () =>
      (sqlite.prepare("SELECT id FROM tenants WHERE status = 'active'").all() as { id: string }[]).map(
        (row) => row.id,
      ),
  };
}
