import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Users who turned on two-factor sign-in (TOTP). The shared secret itself is not here: it lives in
 * the SecretStore under `totp.<userId>`; this row says it is on and which time step was used last,
 * so a code cannot be replayed within its window.
 */
export const userTwoFactor = sqliteTable('user_two_factor', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  enabledAt: integer('enabled_at').notNull(),
  /** The last 30-second step a code was accepted for; only later steps are accepted after it. */
  lastUsedStep: integer('last_used_step'),
});

/** One-time recovery codes, stored as SHA-256 of user id and code (the codes carry 80 random bits). */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    createdAt: integer('created_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);
