import type Database from 'better-sqlite3';

/** What other domains ask about the installation's tenants (organisations). */
export interface TenantDirectory {
  /** The first organisation, where installation-wide findings and events are handled; null before setup. */
  homeTenantId(): string | null;
  /** The organisations that are active (suspended ones are left out), in no particular order. */
  activeTenantIds(): string[];
  /** An organisation's name, or null when there is no such organisation. */
  nameOf(tenantId: string): string | null;
}

/** The first organisation created, or null when there is none yet. */
export function homeTenantIdOf(sqlite: Database.Database): string | null {
  return (
    (sqlite.prepare('SELECT id FROM tenants ORDER BY created_at LIMIT 1').get() as { id: string } | undefined)
      ?.id ?? null
  );
}

export function tenantDirectory(sqlite: Database.Database): TenantDirectory {
  const active = sqlite.prepare<[], { id: string }>("SELECT id FROM tenants WHERE status = 'active'");
  const name = sqlite.prepare<[string], { name: string }>('SELECT name FROM tenants WHERE id = ?');
  return {
    homeTenantId: () => homeTenantIdOf(sqlite),
    activeTenantIds: () => active.all().map((row) => row.id),
    nameOf: (tenantId) => name.get(tenantId)?.name ?? null,
  };
}
