import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { channels } from './channels';
import { conversations } from './conversations';

const tenantId = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/**
 * Where an e-mail channel's transport stopped reading its mailbox (issue 13): the mailbox it read
 * (`mailbox_key`: host, port, user and folder; another mailbox starts afresh), the folder's
 * UIDVALIDITY and the last UID it handled. Owned by the channels domain (main/core/channels/email).
 */
export const channelMailboxes = sqliteTable(
  'channel_mailboxes',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    mailboxKey: text('mailbox_key').notNull(),
    /** IMAP UIDVALIDITY (up to 2^32 - 1), as text. */
    uidValidity: text('uid_validity').notNull(),
    lastUid: integer('last_uid').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('channel_mailboxes_channel_idx').on(t.tenantId, t.channelId)],
);

/**
 * The Message-IDs an e-mail channel took in and sent, with the thread they belong to: a reply that
 * names only one of them (In-Reply-To) finds its conversation, a mail taken in twice is answered
 * once, and the channel's own mail coming back into the mailbox is never answered. Deleting the
 * conversation (retention, a customer's request) deletes its rows.
 */
export const channelMailMessages = sqliteTable(
  'channel_mail_messages',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** The Message-ID with its angle brackets, as in the headers. */
    messageId: text('message_id').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    /** The thread's root Message-ID: the conversation's external key. */
    threadKey: text('thread_key').notNull(),
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('channel_mail_messages_idx').on(t.tenantId, t.channelId, t.messageId),
    index('channel_mail_messages_conversation_idx').on(t.tenantId, t.conversationId),
  ],
);
