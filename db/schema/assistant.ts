import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

const tenantId = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/** The operator assistant's conversations (issue 15): per user, with the language pinned at the start. */
export const assistantConversations = sqliteTable(
  'assistant_conversations',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    userId: text('user_id').notNull(),
    language: text('language').notNull(),
    title: text('title').notNull().default(''),
    /** The support ticket it was handed to, if any. */
    ticketId: text('ticket_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('assistant_conversations_user_idx').on(t.tenantId, t.userId, t.updatedAt)],
);

export const assistantMessages = sqliteTable(
  'assistant_messages',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => assistantConversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['user', 'assistant'] }).notNull(),
    text: text('text').notNull(),
    intent: text('intent'),
    confidence: real('confidence'),
    /** The page the user was on (a hash route). */
    page: text('page'),
    /** JSON: facts, a pending action awaiting confirmation, its outcome ... */
    data: text('data'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('assistant_messages_conversation_idx').on(t.tenantId, t.conversationId, t.createdAt)],
);
