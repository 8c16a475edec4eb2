/**
 * What other domains do when an organisation is born, is suspended or reactivated, or goes: each
 * answers for its own rows, secrets and running parts (no domain reaches into another's tables).
 * The tenants domain (and setup, and a tenant import) call it; createCore composes the answers.
 */
export interface TenantLifecycle {
  /** A new organisation (setup, tenants.create, an import): what each domain gives it from the start. */
  created(tenantId: string): void;
  /** Suspended or reactivated (the new status is in the tenants table): channels stop or start answering. */
  statusChanged(tenantId: string): void;
  /**
   * Before its rows go (the foreign keys cascade): each domain drops what lives outside the database
   * for it (secrets in the SecretStore, mailbox transports), reading its own rows for the ids first.
   */
  beforeDelete(tenantId: string): void;
}

/** One lifecycle out of the domains' parts, called in the order given. */
export function composeTenantLifecycle(parts: Partial<TenantLifecycle>[]): TenantLifecycle {
  return {
    created: (tenantId) => parts.forEach((part) => part.created?.(tenantId)),
    statusChanged: (tenantId) => parts.forEach((part) => part.statusChanged?.(tenantId)),
    beforeDelete: (tenantId) => parts.forEach((part) => part.beforeDelete?.(tenantId)),
  };
}
