import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

/**
 * API keys for the REST API v1. The key `mf_live_<id>_<secret>` is shown once; only the SHA-256 of
 * the secret is kept. A rotated key stays valid until `grace_until`, then it is refused.
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 (hex) of the secret part; the secret itself is never stored. */
    secretHash: text('secret_hash').notNull(),
    /** JSON array of scopes. */
    scopes: text('scopes').notNull(),
    /** Requests per minute this key may make; null means the host's default. */
    rateLimitPerMinute: integer('rate_limit_per_minute'),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    revokedAt: integer('revoked_at'),
    /** Set when the key was rotated: the id of its successor, and until when it still works. */
    replacedBy: text('replaced_by'),
    graceUntil: integer('grace_until'),
    lastUsedAt: integer('last_used_at'),
    lastUsedIp: text('last_used_ip'),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId, t.createdAt)],
);
