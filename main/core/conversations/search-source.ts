import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../lib/search/source';

/** For global search: a conversation is found by its customer's words (and contact). */

const customerWordsLimit = 4000;

interface Row {
  id: string;
  contact: string | null;
  channelName: string;
  status: string;
  preview: string;
  updatedAt: number;
  words: string | null;
}

const columns = `c.id, c.contact, c.channel_name AS channelName, c.status, c.preview, c.updated_at AS updatedAt,
  (SELECT group_concat(text, ' ') FROM (
     SELECT m.text FROM conversation_messages m
      WHERE m.tenant_id = c.tenant_id AND m.conversation_id = c.id AND m.role = 'customer'
      ORDER BY m.created_at LIMIT 30)) AS words`;

function recordOf(row: Row): SearchRecord {
  const words = (row.words ?? '').slice(0, customerWordsLimit);
  const first = (words || row.preview).replace(/\s+/g, ' ').trim();
  const title = first.length > 90 ? `${first.slice(0, 89)}…` : first;
  return {
    id: row.id,
    title: title || row.channelName,
    body: [row.contact ?? '', words].join(' '),
    subtitle: row.contact ? `${row.contact} · ${row.channelName}` : row.channelName,
    status: row.status,
    updatedAt: row.updatedAt,
  };
}

export function conversationSearchSource(sqlite: Database.Database): SearchSource {
  const page = sqlite.prepare<{ tenantId: string; after: string; limit: number }, Row>(
    `SELECT ${columns} FROM conversations c
      WHERE c.tenant_id = @tenantId AND c.id > @after ORDER BY c.id LIMIT @limit`,
  );
  const one = sqlite.prepare<{ tenantId: string; id: string }, Row>(
    `SELECT ${columns} FROM conversations c WHERE c.tenant_id = @tenantId AND c.id = @id`,
  );
  return {
    page: (tenantId, after, limit) => page.all({ tenantId, after, limit }).map(recordOf),
    one: (tenantId, id) => {
      const row = one.get({ tenantId, id });
      return row ? recordOf(row) : null;
    },
  };
}
