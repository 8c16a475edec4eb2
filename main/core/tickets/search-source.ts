import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../lib/search/source';

/** For global search: a ticket is found by its number, subject, customer's message and requester. */

interface Row {
  id: string;
  number: number;
  subject: string;
  customerMessage: string | null;
  requester: string | null;
  queue: string;
  status: string;
  updatedAt: number;
}

const columns = `id, number, subject, customer_message AS customerMessage, requester, queue, status,
  coalesce(updated_at, created_at) AS updatedAt`;

function recordOf(row: Row): SearchRecord {
  return {
    id: row.id,
    title: `#${row.number} ${row.subject}`,
    body: [row.requester ?? '', (row.customerMessage ?? '').slice(0, 4000)].join(' '),
    subtitle: row.requester ? `${row.requester} · ${row.queue}` : row.queue,
    status: row.status,
    updatedAt: row.updatedAt,
  };
}

export function ticketSearchSource(sqlite: Database.Database): SearchSource {
  const page = sqlite.prepare<{ tenantId: string; after: string; limit: number }, Row>(
    `SELECT ${columns} FROM tickets WHERE tenant_id = @tenantId AND id > @after ORDER BY id LIMIT @limit`,
  );
  const one = sqlite.prepare<{ tenantId: string; id: string }, Row>(
    `SELECT ${columns} FROM tickets WHERE tenant_id = @tenantId AND id = @id`,
  );
  return {
    page: (tenantId, after, limit) => page.all({ tenantId, after, limit }).map(recordOf),
    one: (tenantId, id) => {
      const row = one.get({ tenantId, id });
      return row ? recordOf(row) : null;
    },
  };
}
