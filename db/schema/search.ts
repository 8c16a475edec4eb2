import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

const tenantId = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/**
 * Global search (issue 15): one row per findable record (agent, template, run, conversation, ticket,
 * incident, member, log line ...), written by the search domain from what each domain offers through
 * its port. search_fts (words, prefixes) and search_trigram (typo-tolerant) index them; both are
 * virtual tables of migration 0018, kept in step by triggers.
 */
export const searchDocs = sqliteTable(
  'search_docs',
  {
    tenantId: tenantId(),
    kind: text('kind').notNull(),
    recordId: text('record_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** The least role that may see it (viewer, operator, admin, owner). */
    minRole: text('min_role').notNull().default('viewer'),
    /** Where it opens in the app (a hash route). */
    route: text('route').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.recordId] })],
);

/** What people searched, how many results it had and what they opened (insight: top and zero-result searches). */
export const searchLog = sqliteTable(
  'search_log',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    userId: text('user_id'),
    query: text('query').notNull(),
    language: text('language'),
    resultCount: integer('result_count').notNull(),
    openedKind: text('opened_kind'),
    openedId: text('opened_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('search_log_tenant_idx').on(t.tenantId, t.createdAt)],
);
