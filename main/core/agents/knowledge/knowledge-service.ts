import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../db';
import type { KnowledgeDoc } from '../../../contract';
import type { KnowledgeHit } from '../runtime/node-executors';

interface DocRow {
  id: string;
  title: string;
  body: string;
  source: string;
  created_at: number;
}

/** The tenant's knowledge base: documents in knowledge_docs, found through the knowledge_fts index. */
export class KnowledgeService {
  private readonly searchStmt;
  private readonly insertStmt;

  constructor(
    private readonly sqlite: Database.Database,
    /** The FTS5 MATCH expression for a question, or null when it has no searchable word. */
    private readonly toQuery: (text: string) => string | null,
  ) {
    this.searchStmt = sqlite.prepare<[string, string, number], DocRow & { snippet: string; rank: number }>(
      `SELECT d.id, d.title, d.body, d.source, d.created_at,
              snippet(knowledge_fts, 3, '[', ']', '…', 14) AS snippet,
              bm25(knowledge_fts, 0, 0, 3.0, 1.0) AS rank
         FROM knowledge_fts JOIN knowledge_docs d ON d.id = knowledge_fts.doc_id
        WHERE knowledge_fts MATCH ? AND knowledge_fts.tenant_id = ?
        ORDER BY rank LIMIT ?`,
    );
    this.insertStmt = sqlite.prepare(
      'INSERT INTO knowledge_docs (id, tenant_id, title, body, source, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  add(tenantId: string, doc: { title: string; body: string; source: string }, now: number): KnowledgeDoc {
    const id = uuidv7(now);
    this.insertStmt.run(id, tenantId, doc.title, doc.body, doc.source, now);
    return { id, ...doc, createdAt: now };
  }

  list(
    tenantId: string,
    limit: number,
    before?: number,
  ): { docs: KnowledgeDoc[]; nextBefore: number | null } {
    const rows = this.sqlite
      .prepare(
        `SELECT id, title, body, source, created_at FROM knowledge_docs
          WHERE tenant_id = ? AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(tenantId, before ?? Number.MAX_SAFE_INTEGER, limit + 1) as DocRow[];
    const page = rows.slice(0, limit);
    return {
      docs: page.map((r) => ({
        id: r.id,
        title: r.title,
        body: r.body,
        source: r.source,
        createdAt: r.created_at,
      })),
      nextBefore: rows.length > limit ? page.at(-1)!.created_at : null,
    };
  }

  search(tenantId: string, text: string, limit: number): KnowledgeHit[] {
    const query = this.toQuery(text);
    if (!query) return [];
    return this.searchStmt.all(query, tenantId, limit).map((row) => ({
      id: row.id,
      title: row.title,
      body: row.body,
      snippet: row.snippet,
      score: Math.round(-row.rank * 1000) / 1000,
    }));
  }

  hasSource(tenantId: string, source: string): boolean {
    return (
      this.sqlite
        .prepare('SELECT 1 FROM knowledge_docs WHERE tenant_id = ? AND source = ? LIMIT 1')
        .get(tenantId, source) !== undefined
    );
  }

  /** Deletes a document; answers the title it had (for the audit log), or null when there was none. */
  delete(tenantId: string, docId: string): { title: string } | null {
    const deleted = this.sqlite
      .prepare<[string, string], { title: string }>(
        'DELETE FROM knowledge_docs WHERE tenant_id = ? AND id = ? RETURNING title',
      )
      .get(tenantId, docId);
    return deleted ?? null;
  }
}
