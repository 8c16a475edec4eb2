import { count, desc, eq, like, or } from 'drizzle-orm';
import { schema, uuidv7, type AppDb } from '../../../db';
import type { TenantAdminRow } from '../../contract';
import { uniqueSlug } from './slug';

const { tenants, memberships } = schema;

export function createTenant(
  db: AppDb,
  now: number,
  input: { name: string; plan: TenantAdminRow['plan'] },
): TenantAdminRow {
  const row = {
    id: uuidv7(now),
    name: input.name,
    slug: uniqueSlug(db, input.name),
    status: 'active' as const,
    plan: input.plan,
    createdAt: now,
  };
  db.insert(tenants).values(row).run();
  return { ...row, memberCount: 0 };
}

/** One organisation as the platform admin's list shows it, or null. */
export function tenantRow(db: AppDb, tenantId: string): TenantAdminRow | null {
  return listTenants(db, undefined, tenantId)[0] ?? null;
}

export function listTenants(db: AppDb, q?: string, tenantId?: string): TenantAdminRow[] {
  const pattern = q ? `%${q}%` : undefined;
  return db
    .select({
      id: tenants.id,
      name: tenants.name,
      slug: tenants.slug,
      status: tenants.status,
      plan: tenants.plan,
      createdAt: tenants.createdAt,
      memberCount: count(memberships.userId),
    })
    .from(tenants)
    .leftJoin(memberships, eq(memberships.tenantId, tenants.id))
    .where(
      tenantId
        ? eq(tenants.id, tenantId)
        : pattern
          ? or(like(tenants.name, pattern), like(tenants.slug, pattern))
          : undefined,
    )
    .groupBy(tenants.id)
    .orderBy(desc(tenants.createdAt))
    .all();
}
