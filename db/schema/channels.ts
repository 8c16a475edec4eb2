import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { agents } from './agents';

/**
 * Channels (issue 13): how customers reach a deployed agent. `public_id` is the channel's handle in
 * public URLs (`/c/<publicId>`, the widget's data-channel) and is unique over the installation; the
 * public door finds the tenant through it. Settings the widget shows are plain columns; lists and
 * documents are JSON.
 */
export const channels = sqliteTable(
  'channels',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['web', 'email'] }).notNull(),
    name: text('name').notNull(),
    publicId: text('public_id').notNull(),
    /** JSON array of origins ("https://www.example.com"). */
    allowedOrigins: text('allowed_origins').notNull().default('[]'),
    greeting: text('greeting').notNull().default(''),
    colour: text('colour').notNull().default('#2563eb'),
    logoUrl: text('logo_url'),
    defaultLanguage: text('default_language').notNull().default('en'),
    /** JSON { timezone, days: [{ day, open, close }] }; null: always open. */
    businessHours: text('business_hours'),
    closedMessage: text('closed_message').notNull().default(''),
    voice: integer('voice').notNull().default(0),
    enabled: integer('enabled').notNull().default(1),
    /** JSON of the e-mail transport's settings (no passwords: those are in the SecretStore). */
    emailSettings: text('email_settings'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('channels_tenant_idx').on(t.tenantId, t.agentId),
    uniqueIndex('channels_public_id_idx').on(t.publicId),
  ],
);
