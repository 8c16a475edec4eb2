import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../lib/search/source';

/** For global search: an organisation's members by name and e-mail address. */

interface Row {
  id: string;
  name: string;
  email: string;
  role: string;
  status: string;
  createdAt: number;
}

function recordOf(row: Row): SearchRecord {
  return {
    id: row.id,
    title: row.name || row.email,
    body: row.email,
    subtitle: row.email,
    status: row.role,
    updatedAt: row.createdAt,
  };
}

export function memberSearchSource(sqlite: Database.Database): SearchSource {
  const columns = `u.id, u.name, u.email, m.role, m.status, m.created_at AS createdAt`;
  const page = sqlite.prepare<{ tenantId: string; after: string; limit: number }, Row>(
    `SELECT ${columns} FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.tenant_id = @tenantId AND m.status <> 'removed' AND u.id > @after ORDER BY u.id LIMIT @limit`,
  );
  const one = sqlite.prepare<{ tenantId: string; id: string }, Row>(
    `SELECT ${columns} FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.tenant_id = @tenantId AND m.status <> 'removed' AND u.id = @id`,
  );
  return {
    page: (tenantId, after, limit) => page.all({ tenantId, after, limit }).map(recordOf),
    one: (tenantId, id) => {
      const row = one.get({ tenantId, id });
      return row ? recordOf(row) : null;
    },
  };
}
