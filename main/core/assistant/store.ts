import type Database from 'better-sqlite3';
import type { Language } from '../../contract';

export interface ConversationRow {
  id: string;
  tenantId: string;
  userId: string;
  language: Language;
  title: string;
  ticketId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  role: 'user' | 'assistant';
  text: string;
  intent: string | null;
  confidence: number | null;
  page: string | null;
  data: string | null;
  createdAt: number;
}

const conversationColumns = `id, tenant_id AS tenantId, user_id AS userId, language, title, ticket_id AS ticketId,
  created_at AS createdAt, updated_at AS updatedAt`;
const messageColumns = `id, conversation_id AS conversationId, role, text, intent, confidence, page, data,
  created_at AS createdAt`;

/** The assistant's own tables; every statement is bound to a tenant and, for reading, to its user. */
export class AssistantStore {
  private readonly s;

  constructor(sqlite: Database.Database) {
    this.s = {
      conversation: sqlite.prepare<{ tenantId: string; userId: string; id: string }, ConversationRow>(
        `SELECT ${conversationColumns} FROM assistant_conversations
          WHERE tenant_id = @tenantId AND user_id = @userId AND id = @id`,
      ),
      conversations: sqlite.prepare<{ tenantId: string; userId: string; limit: number }, ConversationRow>(
        `SELECT ${conversationColumns} FROM assistant_conversations
          WHERE tenant_id = @tenantId AND user_id = @userId ORDER BY updated_at DESC, id DESC LIMIT @limit`,
      ),
      insertConversation: sqlite.prepare<ConversationRow>(
        `INSERT INTO assistant_conversations (id, tenant_id, user_id, language, title, ticket_id, created_at, updated_at)
         VALUES (@id, @tenantId, @userId, @language, @title, @ticketId, @createdAt, @updatedAt)`,
      ),
      touch: sqlite.prepare<{ tenantId: string; id: string; at: number }>(
        'UPDATE assistant_conversations SET updated_at = @at WHERE tenant_id = @tenantId AND id = @id',
      ),
      setTicket: sqlite.prepare<{ tenantId: string; id: string; ticketId: string }>(
        'UPDATE assistant_conversations SET ticket_id = @ticketId WHERE tenant_id = @tenantId AND id = @id',
      ),
      messages: sqlite.prepare<{ tenantId: string; conversationId: string; limit: number }, MessageRow>(
        `SELECT * FROM (SELECT ${messageColumns} FROM assistant_messages
          WHERE tenant_id = @tenantId AND conversation_id = @conversationId
          ORDER BY created_at DESC, id DESC LIMIT @limit) ORDER BY createdAt ASC, id ASC`,
      ),
      insertMessage: sqlite.prepare<MessageRow & { tenantId: string }>(
        `INSERT INTO assistant_messages (id, tenant_id, conversation_id, role, text, intent, confidence, page, data, created_at)
         VALUES (@id, @tenantId, @conversationId, @role, @text, @intent, @confidence, @page, @data, @createdAt)`,
      ),
      withAction: sqlite.prepare<{ tenantId: string; conversationId: string; actionId: string }, MessageRow>(
        `SELECT ${messageColumns} FROM assistant_messages
          WHERE tenant_id = @tenantId AND conversation_id = @conversationId AND role = 'assistant'
            AND json_extract(data, '$.pendingAction.id') = @actionId`,
      ),
      setData: sqlite.prepare<{ tenantId: string; id: string; data: string }>(
        'UPDATE assistant_messages SET data = @data WHERE tenant_id = @tenantId AND id = @id',
      ),
    };
  }

  conversation(tenantId: string, userId: string, id: string): ConversationRow | null {
    return this.s.conversation.get({ tenantId, userId, id }) ?? null;
  }

  conversations(tenantId: string, userId: string, limit: number): ConversationRow[] {
    return this.s.conversations.all({ tenantId, userId, limit });
  }

  createConversation(row: ConversationRow): void {
    this.s.insertConversation.run(row);
  }

  touch(tenantId: string, id: string, at: number): void {
    this.s.touch.run({ tenantId, id, at });
  }

  setTicket(tenantId: string, id: string, ticketId: string): void {
    this.s.setTicket.run({ tenantId, id, ticketId });
  }

  messages(tenantId: string, conversationId: string, limit = 200): MessageRow[] {
    return this.s.messages.all({ tenantId, conversationId, limit });
  }

  addMessage(tenantId: string, row: MessageRow): void {
    this.s.insertMessage.run({ ...row, tenantId });
  }

  messageWithAction(tenantId: string, conversationId: string, actionId: string): MessageRow | null {
    return this.s.withAction.get({ tenantId, conversationId, actionId }) ?? null;
  }

  setData(tenantId: string, id: string, data: string): void {
    this.s.setData.run({ tenantId, id, data });
  }
}
