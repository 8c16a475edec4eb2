import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';

/**
 * The search log of `mindframe demo` only (issue 17): the words people searched for, at the times
 * the demo's insight history says they searched, so Insight's top and zero-result searches read
 * like a real desk's. Written in bulk in one transaction; nothing else calls this.
 */
export interface DemoSearch {
  userId: string;
  query: string;
  language: string | null;
  resultCount: number;
  /** What the person opened from the results (null: nothing). */
  openedKind: string | null;
  createdAt: number;
}

export function writeDemoSearchLog(
  sqlite: Database.Database,
  tenantId: string,
  rows: readonly DemoSearch[],
): number {
  const insert = sqlite.prepare(
    `INSERT INTO search_log (id, tenant_id, user_id, query, language, result_count, opened_kind, opened_id, created_at)
     VALUES (@id, @tenantId, @userId, @query, @language, @resultCount, @openedKind, @openedId, @createdAt)`,
  );
  sqlite.transaction(() => {
    for (const row of rows)
      insert.run({
        id: uuidv7(),
        tenantId,
        userId: row.userId,
        query: row.query,
        language: row.language,
        resultCount: row.resultCount,
        openedKind: row.openedKind,
        openedId: row.openedKind ? uuidv7() : null,
        createdAt: row.createdAt,
      });
  })();
  return rows.length;
}
