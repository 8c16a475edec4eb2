import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

/**
 * What the threat detection saw (issue 6). tenant_id is null for installation-level events (an
 * unknown address probing); those are shown to platform admins and raise incidents in the home tenant.
 * A burst is one row per window: count and last_at grow instead of new rows.
 */
export const securityEvents = sqliteTable(
  'security_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    lastAt: integer('last_at').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    ip: text('ip'),
    userId: text('user_id'),
    /** JSON object; never secrets. */
    details: text('details').notNull().default('{}'),
    count: integer('count').notNull().default(1),
    dedupeKey: text('dedupe_key'),
    incidentId: text('incident_id'),
  },
  (t) => [
    index('security_events_tenant_idx').on(t.tenantId, t.at),
    index('security_events_dedupe_idx').on(t.dedupeKey, t.at),
  ],
);
