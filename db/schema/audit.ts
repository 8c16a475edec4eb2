import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

/** Append-only (enforced by triggers in a migration); each row's hash covers the previous row's hash. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    seq: integer('seq').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: text('details').notNull(),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_log_tenant_seq_idx').on(t.tenantId, t.seq),
    index('audit_log_tenant_action_idx').on(t.tenantId, t.action, t.seq),
  ],
);

/** The latest link of each tenant's chain, so that removing the newest rows is detected too. */
export const auditHeads = sqliteTable('audit_heads', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
});
