import { and, eq, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AppDb } from './open';

/** A table whose rows belong to one tenant. */
export type TenantTable = SQLiteTable & { tenantId: SQLiteColumn };

type InsertWithoutTenant<T extends TenantTable> = Omit<T['$inferInsert'], 'tenantId'>;

/**
 * The only way core code reaches tenant-owned rows: every query made through it is bound to one
 * tenant, so a query that forgets the tenant cannot be written by accident.
 */
export interface TenantRows {
  readonly tenantId: string;
  /** The tenant condition joined with any further conditions, for selects with joins. */
  where<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]): SQL;
  select<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]): T['$inferSelect'][];
  first<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]): T['$inferSelect'] | undefined;
  insert<T extends TenantTable>(table: T, values: InsertWithoutTenant<T>): void;
  update<T extends TenantTable>(
    table: T,
    values: Partial<InsertWithoutTenant<T>>,
    ...conditions: (SQL | undefined)[]
  ): number;
  delete<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]): number;
  /** The raw drizzle handle for selects that build on `where` (joins, aggregates). */
  readonly db: AppDb;
}

export function tenantRows(db: AppDb, tenantId: string): TenantRows {
  const where = <T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]): SQL =>
    and(eq(table.tenantId, tenantId), ...conditions) as SQL;
  return {
    tenantId,
    db,
    where,
    select: (table, ...conditions) =>
      db
        .select()
        .from(table as SQLiteTable)
        .where(where(table, ...conditions))
        .all() as never,
    first: (table, ...conditions) =>
      db
        .select()
        .from(table as SQLiteTable)
        .where(where(table, ...conditions))
        .limit(1)
        .get() as never,
    insert: (table, values) => {
      db.insert(table)
        .values({ ...values, tenantId } as never)
        .run();
    },
    update: (table, values, ...conditions) => {
      const { tenantId: _ignored, ...rest } = values as Record<string, unknown>;
      return db
        .update(table)
        .set(rest as never)
        .where(where(table, ...conditions))
        .run().changes;
    },
    delete: (table, ...conditions) =>
      db
        .delete(table)
        .where(where(table, ...conditions))
        .run().changes,
  };
}
