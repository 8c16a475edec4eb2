import type Database from 'better-sqlite3';

/**
 * Historical conversations for `mindframe demo` only: written in bulk (prepared statements, one
 * transaction), because the normal path (receive → a live run per message) would take minutes for
 * months of history. Nothing else calls this.
 */
export interface DemoConversationMessage {
  id: string;
  role: 'customer' | 'agent' | 'person' | 'system';
  text: string;
  runId: string | null;
  authorId: string | null;
  intent: string | null;
  sentiment: string | null;
  sentimentScore: number | null;
  language: string | null;
  meta: string | null;
  createdAt: number;
}

export interface DemoConversation {
  id: string;
  channelId: string | null;
  channelKind: 'web' | 'email';
  channelName: string;
  agentId: string | null;
  visitorHash: string | null;
  externalKey: string | null;
  contact: string | null;
  status: 'open' | 'waiting_for_person' | 'closed';
  language: string | null;
  intent: string | null;
  sentiment: string | null;
  rating: 'up' | 'down' | null;
  handler: 'agent' | 'person';
  personId: string | null;
  createdAt: number;
  closedAt: number | null;
  messages: DemoConversationMessage[];
}

/** A conversation the real path wrote, to copy from: its messages in order. */
export function demoConversationMessages(
  sqlite: Database.Database,
  tenantId: string,
  conversationId: string,
): DemoConversationMessage[] {
  return sqlite
    .prepare<{ tenantId: string; id: string }, DemoConversationMessage>(
      `SELECT id, role, text, run_id AS runId, author_id AS authorId, intent, sentiment,
              sentiment_score AS sentimentScore, language, meta, created_at AS createdAt
         FROM conversation_messages WHERE tenant_id = @tenantId AND conversation_id = @id
        ORDER BY created_at, rowid`,
    )
    .all({ tenantId, id: conversationId });
}

export function writeDemoConversations(
  sqlite: Database.Database,
  tenantId: string,
  conversations: readonly DemoConversation[],
): number {
  const insert = sqlite.prepare(
    `INSERT INTO conversations (id, tenant_id, channel_id, channel_kind, channel_name, agent_id, visitor_hash,
       external_key, contact, status, language, intent, sentiment, rating, preview, message_count, person_answered,
       created_at, updated_at, closed_at, handler, person_id)
     VALUES (@id, @tenantId, @channelId, @channelKind, @channelName, @agentId, @visitorHash, @externalKey, @contact,
       @status, @language, @intent, @sentiment, @rating, @preview, @messageCount, @personAnswered, @createdAt,
       @updatedAt, @closedAt, @handler, @personId)`,
  );
  const insertMessage = sqlite.prepare(
    `INSERT INTO conversation_messages (id, tenant_id, conversation_id, role, text, run_id, author_id, intent,
       sentiment, sentiment_score, language, meta, created_at)
     VALUES (@id, @tenantId, @conversationId, @role, @text, @runId, @authorId, @intent, @sentiment,
       @sentimentScore, @language, @meta, @createdAt)`,
  );
  let messages = 0;
  sqlite.transaction(() => {
    for (const c of conversations) {
      const last = c.messages[c.messages.length - 1];
      const { messages: list, ...fields } = c;
      insert.run({
        ...fields,
        tenantId,
        preview: (last?.text ?? '').slice(0, 140),
        messageCount: list.length,
        personAnswered: list.some((m) => m.role === 'person') ? 1 : 0,
        updatedAt: Math.max(c.createdAt, last?.createdAt ?? c.createdAt, c.closedAt ?? 0),
      });
      for (const m of list) insertMessage.run({ ...m, tenantId, conversationId: c.id });
      messages += list.length;
    }
  })();
  return messages;
}

/** The demo's real hand-off conversations were answered and closed long ago (see tickets' settleDemoTickets). */
export function closeDemoConversations(
  sqlite: Database.Database,
  tenantId: string,
  closed: readonly { id: string; at: number }[],
): void {
  const update = sqlite.prepare(
    `UPDATE conversations SET status = 'closed', handler = 'agent', person_id = NULL, closed_at = @at,
            updated_at = max(updated_at, @at)
      WHERE tenant_id = @tenantId AND id = @id AND status <> 'closed'`,
  );
  sqlite.transaction(() => {
    for (const c of closed) update.run({ ...c, tenantId });
  })();
}
