import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  /** The key of the tenant's plan (plans.key); written only by the platform admin or a verified Stripe event. */
  // The SQL default stays 'starter' (changing it would rebuild the table); createTenant always sets it.
  plan: text('plan').notNull().default('starter'),
  createdAt: integer('created_at').notNull(),
});
