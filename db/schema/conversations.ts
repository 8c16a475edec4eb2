import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { channels } from './channels';

const tenantId = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/**
 * A conversation: one customer's thread on one channel (issue 13). A website visitor proves it is
 * theirs with a visitor token, of which only the SHA-256 is kept; an e-mail thread is found by its
 * `external_key` (the transport's thread key). Deleting the channel keeps its conversations.
 */
export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    channelId: text('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    channelKind: text('channel_kind', { enum: ['web', 'email'] }).notNull(),
    /** The channel's name when the conversation began (kept when the channel is deleted). */
    channelName: text('channel_name').notNull(),
    agentId: text('agent_id'),
    /** SHA-256 (hex) of the visitor token; null for transports that have none (e-mail). */
    visitorHash: text('visitor_hash'),
    /** The transport's key of the thread (an e-mail thread's root Message-ID). */
    externalKey: text('external_key'),
    /** Who the customer is as the transport knows them (an e-mail address). */
    contact: text('contact'),
    status: text('status', { enum: ['open', 'waiting_for_person', 'closed'] })
      .notNull()
      .default('open'),
    language: text('language'),
    intent: text('intent'),
    sentiment: text('sentiment'),
    rating: text('rating'),
    preview: text('preview').notNull().default(''),
    messageCount: integer('message_count').notNull().default(0),
    personAnswered: integer('person_answered').notNull().default(0),
    /** Who answers now: the agent, or a person (after a hand-off, until handed back; the agent stays quiet). */
    handler: text('handler', { enum: ['agent', 'person'] })
      .notNull()
      .default('agent'),
    /** The person who took the conversation over (null: not yet, or the agent answers). */
    personId: text('person_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    closedAt: integer('closed_at'),
  },
  (t) => [
    index('conversations_tenant_idx').on(t.tenantId, t.updatedAt),
    index('conversations_channel_idx').on(t.tenantId, t.channelId, t.updatedAt),
    index('conversations_external_idx').on(t.tenantId, t.channelId, t.externalKey),
    index('conversations_created_idx').on(t.tenantId, t.createdAt),
  ],
);

export const conversationMessages = sqliteTable(
  'conversation_messages',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['customer', 'agent', 'person', 'system'] }).notNull(),
    text: text('text').notNull(),
    /** The run of an agent turn. */
    runId: text('run_id'),
    /** The person who wrote a person's turn. */
    authorId: text('author_id'),
    intent: text('intent'),
    sentiment: text('sentiment'),
    sentimentScore: real('sentiment_score'),
    language: text('language'),
    /** JSON of transport details (voice transcript and duration, e-mail Message-ID ...). */
    meta: text('meta'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('conversation_messages_conversation_idx').on(t.tenantId, t.conversationId, t.createdAt)],
);
