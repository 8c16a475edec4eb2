import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../lib/search/source';

/** For global search: an incident is found by its number, title and description. */

interface Row {
  id: string;
  number: number;
  title: string;
  description: string;
  severity: string;
  status: string;
  updatedAt: number;
}

const columns = `id, number, title, description, severity, status,
  max(created_at, coalesce(acknowledged_at, 0), coalesce(mitigated_at, 0), coalesce(resolved_at, 0),
      coalesce(closed_at, 0)) AS updatedAt`;

function recordOf(row: Row): SearchRecord {
  return {
    id: row.id,
    title: row.title,
    body: `${row.number} ${row.description.slice(0, 2000)}`,
    subtitle: `#${row.number} · ${row.severity}`,
    status: row.status,
    updatedAt: row.updatedAt,
  };
}

export function incidentSearchSource(sqlite: Database.Database): SearchSource {
  const page = sqlite.prepare<{ tenantId: string; after: string; limit: number }, Row>(
    `SELECT ${columns} FROM incidents WHERE tenant_id = @tenantId AND id > @after ORDER BY id LIMIT @limit`,
  );
  const one = sqlite.prepare<{ tenantId: string; id: string }, Row>(
    `SELECT ${columns} FROM incidents WHERE tenant_id = @tenantId AND id = @id`,
  );
  return {
    page: (tenantId, after, limit) => page.all({ tenantId, after, limit }).map(recordOf),
    one: (tenantId, id) => {
      const row = one.get({ tenantId, id });
      return row ? recordOf(row) : null;
    },
  };
}
