import type Database from 'better-sqlite3';
import type {
  ChannelKind,
  ConversationFilter,
  ConversationHandler,
  ConversationMessage,
  ConversationRating,
  ConversationRole,
  ConversationStats,
  ConversationStatus,
  Language,
  Sentiment,
} from '../../contract';

/** A conversation row as the store reads it (names and channel kinds are filled in by the service). */
export interface ConversationRow {
  id: string;
  tenantId: string;
  channelId: string | null;
  channelKind: ChannelKind;
  channelName: string;
  agentId: string | null;
  visitorHash: string | null;
  externalKey: string | null;
  contact: string | null;
  status: ConversationStatus;
  language: Language | null;
  intent: string | null;
  sentiment: Sentiment | null;
  rating: ConversationRating | null;
  preview: string;
  messageCount: number;
  personAnswered: number;
  /** Who answers now: the agent, or a person after a hand-off (the agent stays quiet). */
  handler: ConversationHandler;
  personId: string | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

export interface NewMessage {
  id: string;
  tenantId: string;
  conversationId: string;
  role: ConversationRole;
  text: string;
  runId: string | null;
  authorId: string | null;
  intent: string | null;
  sentiment: Sentiment | null;
  sentimentScore: number | null;
  language: Language | null;
  meta: Record<string, unknown> | null;
  createdAt: number;
}

interface MessageRow {
  id: string;
  role: ConversationRole;
  text: string;
  runId: string | null;
  intent: string | null;
  sentiment: Sentiment | null;
  sentimentScore: number | null;
  language: Language | null;
  meta: string | null;
  createdAt: number;
}

const conversationColumns = `id, tenant_id AS tenantId, channel_id AS channelId, channel_kind AS channelKind,
  channel_name AS channelName, agent_id AS agentId, visitor_hash AS visitorHash, external_key AS externalKey,
  contact, status, language, intent, sentiment, rating, preview, message_count AS messageCount,
  person_answered AS personAnswered, handler, person_id AS personId, created_at AS createdAt, updated_at AS updatedAt, closed_at AS closedAt`;

const messageColumns = `id, role, text, run_id AS runId, intent, sentiment, sentiment_score AS sentimentScore,
  language, meta, created_at AS createdAt`;

function readMeta(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const toMessage = (row: MessageRow): ConversationMessage => ({ ...row, meta: readMeta(row.meta) });

/** The first words of a message for lists. */
export const previewOf = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 140);

/**
 * The conversations domain's SQL: conversations and their messages, every statement bound to a
 * tenant. Prepared once (the public door's hot path: a message in, the agent's turn out).
 */
export class ConversationStore {
  private readonly statements;

  constructor(private readonly sqlite: Database.Database) {
    const s = sqlite;
    this.statements = {
      insertConversation: s.prepare(
        `INSERT INTO conversations (id, tenant_id, channel_id, channel_kind, channel_name, agent_id, visitor_hash,
           external_key, contact, status, language, created_at, updated_at)
         VALUES (@id, @tenantId, @channelId, @channelKind, @channelName, @agentId, @visitorHash,
           @externalKey, @contact, 'open', @language, @now, @now)`,
      ),
      get: s.prepare<{ tenantId: string; id: string }, ConversationRow>(
        `SELECT ${conversationColumns} FROM conversations WHERE tenant_id = @tenantId AND id = @id`,
      ),
      byExternalKey: s.prepare<{ tenantId: string; channelId: string; key: string }, ConversationRow>(
        `SELECT ${conversationColumns} FROM conversations
          WHERE tenant_id = @tenantId AND channel_id = @channelId AND external_key = @key
          ORDER BY updated_at DESC LIMIT 1`,
      ),
      insertMessage: s.prepare(
        `INSERT INTO conversation_messages (id, tenant_id, conversation_id, role, text, run_id, author_id, intent,
           sentiment, sentiment_score, language, meta, created_at)
         VALUES (@id, @tenantId, @conversationId, @role, @text, @runId, @authorId, @intent,
           @sentiment, @sentimentScore, @language, @meta, @createdAt)`,
      ),
      touch: s.prepare(
        `UPDATE conversations
            SET message_count = message_count + 1, preview = @preview, updated_at = max(updated_at, @now),
                person_answered = max(person_answered, @person)
          WHERE tenant_id = @tenantId AND id = @id`,
      ),
      messages: s.prepare<{ tenantId: string; id: string }, MessageRow>(
        `SELECT ${messageColumns} FROM conversation_messages
          WHERE tenant_id = @tenantId AND conversation_id = @id ORDER BY created_at, rowid`,
      ),
      recent: s.prepare<
        { tenantId: string; id: string; limit: number },
        { role: ConversationRole; text: string }
      >(
        `SELECT role, text FROM (
           SELECT role, text, created_at, rowid AS r FROM conversation_messages
            WHERE tenant_id = @tenantId AND conversation_id = @id AND role IN ('customer', 'agent', 'person')
            ORDER BY created_at DESC, rowid DESC LIMIT @limit)
          ORDER BY created_at, r`,
      ),
      setMessageIntent: s.prepare(
        `UPDATE conversation_messages SET intent = @intent WHERE tenant_id = @tenantId AND id = @id`,
      ),
      setFacts: s.prepare(
        `UPDATE conversations SET intent = coalesce(@intent, intent), sentiment = coalesce(@sentiment, sentiment)
          WHERE tenant_id = @tenantId AND id = @id`,
      ),
      setLanguage: s.prepare(
        `UPDATE conversations SET language = @language WHERE tenant_id = @tenantId AND id = @id`,
      ),
      setStatus: s.prepare(
        `UPDATE conversations
            SET status = @status,
                closed_at = CASE WHEN @status = 'closed' THEN coalesce(closed_at, @now) ELSE NULL END
          WHERE tenant_id = @tenantId AND id = @id`,
      ),
      setHandler: s.prepare(
        `UPDATE conversations SET handler = @handler, person_id = @personId WHERE tenant_id = @tenantId AND id = @id`,
      ),
      lastCustomerMessage: s.prepare<{ tenantId: string; id: string }, MessageRow>(
        `SELECT ${messageColumns} FROM conversation_messages
          WHERE tenant_id = @tenantId AND conversation_id = @id AND role = 'customer'
          ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ),
      message: s.prepare<{ tenantId: string; id: string }, MessageRow>(
        `SELECT ${messageColumns} FROM conversation_messages WHERE tenant_id = @tenantId AND id = @id`,
      ),
      setRating: s.prepare(
        `UPDATE conversations SET rating = @rating WHERE tenant_id = @tenantId AND id = @id`,
      ),
      delete: s.prepare(`DELETE FROM conversations WHERE tenant_id = @tenantId AND id = @id`),
      olderThan: s.prepare<{ tenantId: string; cutoff: number; limit: number }, { id: string }>(
        `SELECT id FROM conversations WHERE tenant_id = @tenantId AND updated_at < @cutoff LIMIT @limit`,
      ),
      stats: s.prepare<
        { tenantId: string; since: number },
        { started: number; withoutPerson: number; rated: number; up: number }
      >(
        `SELECT count(*) AS started,
                coalesce(sum(CASE WHEN person_answered = 0 AND status != 'waiting_for_person' THEN 1 ELSE 0 END), 0) AS withoutPerson,
                coalesce(sum(CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END), 0) AS rated,
                coalesce(sum(CASE WHEN rating = 'up' THEN 1 ELSE 0 END), 0) AS up
           FROM conversations WHERE tenant_id = @tenantId AND created_at >= @since`,
      ),
      waiting: s.prepare<{ tenantId: string }, { n: number }>(
        `SELECT count(*) AS n FROM conversations WHERE tenant_id = @tenantId AND status = 'waiting_for_person'`,
      ),
    };
  }

  create(row: {
    id: string;
    tenantId: string;
    channelId: string;
    channelKind: ChannelKind;
    channelName: string;
    agentId: string;
    visitorHash: string | null;
    externalKey: string | null;
    contact: string | null;
    language: Language | null;
    now: number;
  }): void {
    this.statements.insertConversation.run(row);
  }

  get(tenantId: string, id: string): ConversationRow | undefined {
    return this.statements.get.get({ tenantId, id });
  }

  byExternalKey(tenantId: string, channelId: string, key: string): ConversationRow | undefined {
    return this.statements.byExternalKey.get({ tenantId, channelId, key });
  }

  addMessage(message: NewMessage): void {
    this.statements.insertMessage.run({
      ...message,
      meta: message.meta ? JSON.stringify(message.meta) : null,
    });
    this.statements.touch.run({
      tenantId: message.tenantId,
      id: message.conversationId,
      preview: previewOf(message.text),
      now: message.createdAt,
      person: message.role === 'person' ? 1 : 0,
    });
  }

  messages(tenantId: string, id: string): ConversationMessage[] {
    return this.statements.messages.all({ tenantId, id }).map(toMessage);
  }

  /** The last `limit` turns of customer, agent and person, oldest first. */
  recentTurns(tenantId: string, id: string, limit: number): { role: ConversationRole; text: string }[] {
    return this.statements.recent.all({ tenantId, id, limit });
  }

  setMessageIntent(tenantId: string, messageId: string, intent: string): void {
    this.statements.setMessageIntent.run({ tenantId, id: messageId, intent });
  }

  setFacts(
    tenantId: string,
    id: string,
    facts: { intent: string | null; sentiment: Sentiment | null },
  ): void {
    this.statements.setFacts.run({ tenantId, id, ...facts });
  }

  setLanguage(tenantId: string, id: string, language: Language): void {
    this.statements.setLanguage.run({ tenantId, id, language });
  }

  setStatus(tenantId: string, id: string, status: ConversationStatus, now: number): void {
    this.statements.setStatus.run({ tenantId, id, status, now });
  }

  /** Who answers the conversation: its agent, or a person (personId: who took it over, or null). */
  setHandler(tenantId: string, id: string, handler: ConversationHandler, personId: string | null): void {
    this.statements.setHandler.run({ tenantId, id, handler, personId });
  }

  lastCustomerMessage(tenantId: string, id: string): ConversationMessage | undefined {
    const row = this.statements.lastCustomerMessage.get({ tenantId, id });
    return row ? toMessage(row) : undefined;
  }

  message(tenantId: string, id: string): ConversationMessage | undefined {
    const row = this.statements.message.get({ tenantId, id });
    return row ? toMessage(row) : undefined;
  }

  setRating(tenantId: string, id: string, rating: ConversationRating): void {
    this.statements.setRating.run({ tenantId, id, rating });
  }

  delete(tenantId: string, id: string): boolean {
    return this.statements.delete.run({ tenantId, id }).changes > 0;
  }

  /** Ids of conversations whose last activity is before `cutoff` (a batch of at most `limit`). */
  olderThan(tenantId: string, cutoff: number, limit: number): string[] {
    return this.statements.olderThan.all({ tenantId, cutoff, limit }).map((row) => row.id);
  }

  list(
    tenantId: string,
    filter: ConversationFilter & { before?: number },
    limit: number | null,
  ): ConversationRow[] {
    const clauses = ['tenant_id = @tenantId'];
    const params: Record<string, unknown> = { tenantId };
    const equal = (column: string, key: keyof typeof filter) => {
      if (filter[key] === undefined) return;
      clauses.push(`${column} = @${key}`);
      params[key] = filter[key];
    };
    equal('channel_id', 'channelId');
    // walks conversations_tenant_idx (tenant_id, updated_at) newest first and stops at the limit
    equal('channel_kind', 'channelKind');
    equal('agent_id', 'agentId');
    equal('status', 'status');
    equal('language', 'language');
    equal('intent', 'intent');
    equal('sentiment', 'sentiment');
    if (filter.rating === 'none') clauses.push('rating IS NULL');
    else equal('rating', 'rating');
    if (filter.from !== undefined) {
      clauses.push('updated_at >= @from');
      params.from = filter.from;
    }
    if (filter.to !== undefined) {
      clauses.push('updated_at < @to');
      params.to = filter.to;
    }
    if (filter.before !== undefined) {
      clauses.push('updated_at < @before');
      params.before = filter.before;
    }
    const limitSql = limit === null ? '' : ` LIMIT ${Math.max(1, Math.floor(limit))}`;
    return this.sqlite
      .prepare<Record<string, unknown>, ConversationRow>(
        `SELECT ${conversationColumns} FROM conversations WHERE ${clauses.join(' AND ')}
          ORDER BY updated_at DESC, id DESC${limitSql}`,
      )
      .all(params);
  }

  stats(tenantId: string, since: number): ConversationStats {
    const row = this.statements.stats.get({ tenantId, since })!;
    return {
      started: row.started,
      answeredWithoutPerson: row.withoutPerson,
      rated: row.rated,
      averageRating: row.rated > 0 ? Math.round((row.up / row.rated) * 1000) / 1000 : null,
      waitingForPerson: this.statements.waiting.get({ tenantId })!.n,
    };
  }
}
