import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../db';

/** Where a channel's transport stopped reading its mailbox. */
export interface MailboxState {
  /** host, port, user and folder: another mailbox starts afresh. */
  mailboxKey: string;
  uidValidity: string;
  lastUid: number;
  updatedAt: number;
}

export type MailDirection = 'in' | 'out';

/**
 * The e-mail channel's SQL (tables channel_mailboxes and channel_mail_messages of the channels
 * domain): the mailbox position per channel and the Message-IDs taken in and sent, every
 * statement bound to a tenant and a channel.
 */
export class MailStore {
  private readonly statements;

  constructor(sqlite: Database.Database) {
    this.statements = {
      mailbox: sqlite.prepare<{ tenantId: string; channelId: string }, MailboxState>(
        `SELECT mailbox_key AS mailboxKey, uid_validity AS uidValidity, last_uid AS lastUid, updated_at AS updatedAt
           FROM channel_mailboxes WHERE tenant_id = @tenantId AND channel_id = @channelId`,
      ),
      saveMailbox: sqlite.prepare(
        `INSERT INTO channel_mailboxes (id, tenant_id, channel_id, mailbox_key, uid_validity, last_uid, updated_at)
         VALUES (@id, @tenantId, @channelId, @mailboxKey, @uidValidity, @lastUid, @now)
         ON CONFLICT (tenant_id, channel_id) DO UPDATE SET mailbox_key = excluded.mailbox_key,
           uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
      ),
      forgetMailbox: sqlite.prepare(
        'DELETE FROM channel_mailboxes WHERE tenant_id = @tenantId AND channel_id = @channelId',
      ),
      direction: sqlite.prepare<
        { tenantId: string; channelId: string; messageId: string },
        { direction: MailDirection }
      >(
        `SELECT direction FROM channel_mail_messages
          WHERE tenant_id = @tenantId AND channel_id = @channelId AND message_id = @messageId`,
      ),
      thread: sqlite.prepare<
        { tenantId: string; channelId: string; messageId: string },
        { threadKey: string }
      >(
        `SELECT thread_key AS threadKey FROM channel_mail_messages
          WHERE tenant_id = @tenantId AND channel_id = @channelId AND message_id = @messageId`,
      ),
      threadMessages: sqlite.prepare<
        { tenantId: string; channelId: string; threadKey: string },
        { messageId: string }
      >(
        `SELECT message_id AS messageId FROM channel_mail_messages
          WHERE tenant_id = @tenantId AND channel_id = @channelId AND thread_key = @threadKey
          ORDER BY created_at, rowid LIMIT 200`,
      ),
      record: sqlite.prepare(
        `INSERT INTO channel_mail_messages (id, tenant_id, channel_id, message_id, direction, thread_key, conversation_id, created_at)
         VALUES (@id, @tenantId, @channelId, @messageId, @direction, @threadKey, @conversationId, @now)
         ON CONFLICT (tenant_id, channel_id, message_id) DO NOTHING`,
      ),
      channelExists: sqlite.prepare<{ tenantId: string; channelId: string }, { n: number }>(
        `SELECT count(*) AS n FROM channels WHERE tenant_id = @tenantId AND id = @channelId AND kind = 'email' AND enabled = 1`,
      ),
      channelsOf: sqlite.prepare<{ tenantId: string }, { channelId: string }>(
        'SELECT id AS channelId FROM channels WHERE tenant_id = @tenantId ORDER BY created_at',
      ),
      emailChannels: sqlite.prepare<[], { tenantId: string; channelId: string }>(
        `SELECT tenant_id AS tenantId, id AS channelId FROM channels WHERE kind = 'email' AND enabled = 1 ORDER BY created_at`,
      ),
    };
  }

  mailbox(tenantId: string, channelId: string): MailboxState | undefined {
    return this.statements.mailbox.get({ tenantId, channelId });
  }

  saveMailbox(
    tenantId: string,
    channelId: string,
    state: Omit<MailboxState, 'updatedAt'>,
    now: number,
  ): void {
    this.statements.saveMailbox.run({ id: uuidv7(now), tenantId, channelId, ...state, now });
  }

  forgetMailbox(tenantId: string, channelId: string): void {
    this.statements.forgetMailbox.run({ tenantId, channelId });
  }

  /** Whether the channel took this Message-ID in or sent it; null when it never saw it. */
  direction(tenantId: string, channelId: string, messageId: string): MailDirection | null {
    return this.statements.direction.get({ tenantId, channelId, messageId })?.direction ?? null;
  }

  /** The thread of the first of these Message-IDs the channel has seen, or null. */
  threadOf(tenantId: string, channelId: string, messageIds: string[]): string | null {
    for (const messageId of messageIds) {
      const row = this.statements.thread.get({ tenantId, channelId, messageId });
      if (row) return row.threadKey;
    }
    return null;
  }

  /** The Message-IDs of a thread the channel took in and sent, oldest first. */
  threadMessages(tenantId: string, channelId: string, threadKey: string): string[] {
    return this.statements.threadMessages.all({ tenantId, channelId, threadKey }).map((row) => row.messageId);
  }

  record(
    tenantId: string,
    channelId: string,
    mail: { messageId: string; direction: MailDirection; threadKey: string; conversationId: string | null },
    now: number,
  ): void {
    this.statements.record.run({ id: uuidv7(now), tenantId, channelId, ...mail, now });
  }

  /** Whether the channel is still an enabled e-mail channel (deleted with its agent or tenant: no). */
  channelLive(tenantId: string, channelId: string): boolean {
    return (this.statements.channelExists.get({ tenantId, channelId })?.n ?? 0) > 0;
  }

  /** Every enabled e-mail channel of the installation. */
  /** Every channel of a tenant (its transports and secrets when the organisation changes). */
  channelsOf(tenantId: string): string[] {
    return this.statements.channelsOf.all({ tenantId }).map((row) => row.channelId);
  }

  emailChannels(): { tenantId: string; channelId: string }[] {
    return this.statements.emailChannels.all();
  }
}
