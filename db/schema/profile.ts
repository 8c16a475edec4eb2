import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

/**
 * The business's own details (issue 14): name, contact, address, opening hours, booking link ...
 * One JSON document per tenant; the contract's `businessProfileSchema` is its shape.
 */
export const businessProfiles = sqliteTable('business_profiles', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  profile: text('profile').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: integer('updated_at').notNull(),
});
