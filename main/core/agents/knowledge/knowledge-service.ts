import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../db';
import type { KnowledgeCollection, KnowledgeDoc, KnowledgeVersion } from '../../../contract';
import { emptyAllowList, type OutboundAllowList } from '../../lib/outbound-guard';
import type { KnowledgeHit } from '../runtime/node-executors';

interface DocRow {
  id: string;
  title: string;
  body: string;
  source: string;
  collection_id: string | null;
  source_name: string | null;
  version: number;
  created_at: number;
  updated_at: number | null;
  updated_by: string | null;
}

interface CollectionRow {
  id: string;
  name: string;
  description: string;
  created_at: number;
  updated_at: number;
  doc_count: number;
  size: number;
}

const docColumns =
  'd.id, d.title, d.body, d.source, d.collection_id, d.source_name, d.version, d.created_at, d.updated_at, d.updated_by';

const toDoc = (r: DocRow): KnowledgeDoc => ({
  id: r.id,
  title: r.title,
  body: r.body,
  source: r.source,
  collectionId: r.collection_id,
  sourceName: r.source_name,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const toCollection = (r: CollectionRow): KnowledgeCollection => ({
  id: r.id,
  name: r.name,
  description: r.description,
  docCount: r.doc_count,
  size: r.size,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Which documents a search looks in: null for every document of the tenant; otherwise the listed
 * collections, where a null entry stands for the documents in no collection.
 */
export type KnowledgeScope = (string | null)[] | null;

export interface NewKnowledgeDoc {
  title: string;
  body: string;
  source: string;
  collectionId?: string | null;
  sourceName?: string | null;
}

/** The tenant's knowledge base: documents in knowledge_docs, found through the knowledge_fts index. */
export class KnowledgeService {
  private readonly searchStmt;
  private readonly insertStmt;

  constructor(
    private readonly sqlite: Database.Database,
    /** The FTS5 MATCH expression for a question, or null when it has no searchable word. */
    private readonly toQuery: (text: string) => string | null,
    /** The installation's outbound allow-list: what a web-page import may reach inside. */
    readonly allowList: OutboundAllowList = emptyAllowList,
  ) {
    this.searchStmt = sqlite.prepare<
      { q: string; tenantId: string; all: number; cols: string; unfiled: number; limit: number },
      DocRow & { snippet: string; rank: number }
    >(
      `SELECT ${docColumns},
              snippet(knowledge_fts, 3, '[', ']', '…', 14) AS snippet,
              bm25(knowledge_fts, 0, 0, 3.0, 1.0) AS rank
         FROM knowledge_fts JOIN knowledge_docs d ON d.id = knowledge_fts.doc_id
        WHERE knowledge_fts MATCH @q AND knowledge_fts.tenant_id = @tenantId AND d.tenant_id = @tenantId
          AND (@all = 1
               OR d.collection_id IN (SELECT value FROM json_each(@cols))
               OR (@unfiled = 1 AND d.collection_id IS NULL))
        ORDER BY rank LIMIT @limit`,
    );
    this.insertStmt = sqlite.prepare(
      `INSERT INTO knowledge_docs (id, tenant_id, title, body, source, collection_id, source_name, version, created_at)
       VALUES (@id, @tenantId, @title, @body, @source, @collectionId, @sourceName, 1, @now)`,
    );
  }

  // ------------------------------------------------------------------------------ documents

  add(tenantId: string, doc: NewKnowledgeDoc, now: number): KnowledgeDoc {
    const id = uuidv7(now);
    const collectionId = doc.collectionId ?? null;
    const sourceName = doc.sourceName ?? null;
    this.insertStmt.run({
      id,
      tenantId,
      title: doc.title,
      body: doc.body,
      source: doc.source,
      collectionId,
      sourceName,
      now,
    });
    return {
      id,
      title: doc.title,
      body: doc.body,
      source: doc.source,
      collectionId,
      sourceName,
      version: 1,
      createdAt: now,
      updatedAt: null,
      updatedBy: null,
    };
  }

  /** Adds several documents in one transaction (an import); answers their ids. */
  addMany(tenantId: string, docs: NewKnowledgeDoc[], now: number): string[] {
    return this.sqlite.transaction(() => docs.map((doc, i) => this.add(tenantId, doc, now + i).id))();
  }

  list(
    tenantId: string,
    limit: number,
    before?: number,
    collectionId?: string | null,
  ): { docs: KnowledgeDoc[]; nextBefore: number | null } {
    const filter =
      collectionId === undefined
        ? ''
        : collectionId === null
          ? 'AND d.collection_id IS NULL'
          : 'AND d.collection_id = @collectionId';
    const rows = this.sqlite
      .prepare<Record<string, unknown>, DocRow>(
        `SELECT ${docColumns} FROM knowledge_docs d
          WHERE d.tenant_id = @tenantId AND d.created_at < @before ${filter}
          ORDER BY d.created_at DESC, d.id DESC LIMIT @limit`,
      )
      .all({
        tenantId,
        before: before ?? Number.MAX_SAFE_INTEGER,
        limit: limit + 1,
        ...(collectionId ? { collectionId } : {}),
      });
    const page = rows.slice(0, limit);
    return {
      docs: page.map(toDoc),
      nextBefore: rows.length > limit ? page.at(-1)!.created_at : null,
    };
  }

  get(tenantId: string, docId: string): KnowledgeDoc | null {
    const row = this.sqlite
      .prepare<{ tenantId: string; docId: string }, DocRow>(
        `SELECT ${docColumns} FROM knowledge_docs d WHERE d.tenant_id = @tenantId AND d.id = @docId`,
      )
      .get({ tenantId, docId });
    return row ? toDoc(row) : null;
  }

  /** Earlier versions of a document, newest first. */
  history(tenantId: string, docId: string): KnowledgeVersion[] {
    return this.sqlite
      .prepare<
        { tenantId: string; docId: string },
        { version: number; title: string; body: string; author_name: string | null; created_at: number }
      >(
        `SELECT version, title, body, author_name, created_at FROM knowledge_doc_versions
          WHERE tenant_id = @tenantId AND doc_id = @docId ORDER BY version DESC`,
      )
      .all({ tenantId, docId })
      .map((r) => ({
        version: r.version,
        title: r.title,
        body: r.body,
        authorName: r.author_name,
        createdAt: r.created_at,
      }));
  }

  /**
   * Edits a document in place: its current text becomes a version in the history (with who wrote
   * it), the new text the current one. The FTS index follows through the update trigger. Null when
   * there is no such document.
   */
  update(
    tenantId: string,
    docId: string,
    change: { title: string; body: string; collectionId: string | null },
    author: { id: string; name: string },
    now: number,
  ): KnowledgeDoc | null {
    return this.sqlite.transaction(() => {
      const current = this.get(tenantId, docId);
      if (!current) return null;
      if (
        current.title === change.title &&
        current.body === change.body &&
        current.collectionId === change.collectionId
      )
        return current;
      const textChanged = current.title !== change.title || current.body !== change.body;
      if (textChanged) {
        this.sqlite
          .prepare(
            `INSERT INTO knowledge_doc_versions (id, tenant_id, doc_id, version, title, body, author_id, author_name, created_at)
             VALUES (@id, @tenantId, @docId, @version, @title, @body, NULL, @authorName, @createdAt)`,
          )
          .run({
            id: uuidv7(now),
            tenantId,
            docId,
            version: current.version,
            title: current.title,
            body: current.body,
            authorName: current.updatedBy,
            createdAt: current.updatedAt ?? current.createdAt,
          });
      }
      this.sqlite
        .prepare(
          `UPDATE knowledge_docs SET title = @title, body = @body, collection_id = @collectionId,
                  version = version + @bump, updated_at = @now, updated_by = @by
            WHERE tenant_id = @tenantId AND id = @docId`,
        )
        .run({
          tenantId,
          docId,
          title: change.title,
          body: change.body,
          collectionId: change.collectionId,
          bump: textChanged ? 1 : 0,
          now,
          by: author.name,
        });
      return this.get(tenantId, docId);
    })();
  }

  version(tenantId: string, docId: string, version: number): KnowledgeVersion | null {
    return this.history(tenantId, docId).find((v) => v.version === version) ?? null;
  }

  /** Searches the tenant's documents in `scope` (null: all of them), best first. */
  search(tenantId: string, text: string, limit: number, scope: KnowledgeScope = null): KnowledgeHit[] {
    const query = this.toQuery(text);
    if (!query) return [];
    const ids = scope?.filter((c): c is string => c !== null) ?? [];
    return this.searchStmt
      .all({
        q: query,
        tenantId,
        all: scope === null ? 1 : 0,
        cols: JSON.stringify(ids),
        unfiled: scope?.includes(null) ? 1 : 0,
        limit,
      })
      .map((row) => ({
        id: row.id,
        title: row.title,
        body: row.body,
        snippet: row.snippet,
        score: Math.round(-row.rank * 1000) / 1000,
      }));
  }

  /** What an agent answers from: the search scope of its chosen collections. */
  searchForAgent(tenantId: string, agentId: string, text: string, limit: number): KnowledgeHit[] {
    return this.search(tenantId, text, limit, this.agentCollections(tenantId, agentId));
  }

  hasSource(tenantId: string, source: string): boolean {
    return (
      this.sqlite
        .prepare('SELECT 1 FROM knowledge_docs WHERE tenant_id = @tenantId AND source = @source LIMIT 1')
        .get({ tenantId, source }) !== undefined
    );
  }

  /** Deletes a document; answers the title it had (for the audit log), or null when there was none. */
  delete(tenantId: string, docId: string): { title: string } | null {
    const deleted = this.sqlite
      .prepare<{ tenantId: string; docId: string }, { title: string }>(
        'DELETE FROM knowledge_docs WHERE tenant_id = @tenantId AND id = @docId RETURNING title',
      )
      .get({ tenantId, docId });
    return deleted ?? null;
  }

  // ---------------------------------------------------------------------------- collections

  collections(tenantId: string): {
    collections: KnowledgeCollection[];
    unfiled: { docCount: number; size: number };
  } {
    const rows = this.sqlite
      .prepare<{ tenantId: string }, CollectionRow>(
        `SELECT c.id, c.name, c.description, c.created_at, c.updated_at,
                COUNT(d.id) AS doc_count, COALESCE(SUM(length(d.body) + length(d.title)), 0) AS size
           FROM knowledge_collections c
           LEFT JOIN knowledge_docs d ON d.collection_id = c.id AND d.tenant_id = c.tenant_id
          WHERE c.tenant_id = @tenantId
          GROUP BY c.id ORDER BY c.name COLLATE NOCASE, c.id`,
      )
      .all({ tenantId });
    const unfiled = this.sqlite
      .prepare<{ tenantId: string }, { doc_count: number; size: number }>(
        `SELECT COUNT(*) AS doc_count, COALESCE(SUM(length(body) + length(title)), 0) AS size
           FROM knowledge_docs WHERE tenant_id = @tenantId AND collection_id IS NULL`,
      )
      .get({ tenantId })!;
    return {
      collections: rows.map(toCollection),
      unfiled: { docCount: unfiled.doc_count, size: unfiled.size },
    };
  }

  collection(tenantId: string, collectionId: string): KnowledgeCollection | null {
    return this.collections(tenantId).collections.find((c) => c.id === collectionId) ?? null;
  }

  hasCollection(tenantId: string, collectionId: string): boolean {
    return (
      this.sqlite
        .prepare('SELECT 1 FROM knowledge_collections WHERE tenant_id = @tenantId AND id = @collectionId')
        .get({ tenantId, collectionId }) !== undefined
    );
  }

  createCollection(
    tenantId: string,
    input: { name: string; description: string },
    now: number,
  ): KnowledgeCollection {
    const id = uuidv7(now);
    this.sqlite
      .prepare(
        `INSERT INTO knowledge_collections (id, tenant_id, name, description, created_at, updated_at)
         VALUES (@id, @tenantId, @name, @description, @now, @now)`,
      )
      .run({ id, tenantId, name: input.name, description: input.description, now });
    return {
      id,
      name: input.name,
      description: input.description,
      docCount: 0,
      size: 0,
      createdAt: now,
      updatedAt: now,
    };
  }

  updateCollection(
    tenantId: string,
    collectionId: string,
    change: { name?: string | undefined; description?: string | undefined },
    now: number,
  ): KnowledgeCollection | null {
    const result = this.sqlite
      .prepare(
        `UPDATE knowledge_collections
            SET name = COALESCE(@name, name), description = COALESCE(@description, description), updated_at = @now
          WHERE tenant_id = @tenantId AND id = @collectionId`,
      )
      .run({
        tenantId,
        collectionId,
        name: change.name ?? null,
        description: change.description ?? null,
        now,
      });
    return result.changes ? this.collection(tenantId, collectionId) : null;
  }

  /**
   * Deletes a collection. Its documents stay, in no collection (nothing written is lost by a
   * click; they can be moved or deleted afterwards), and agents that chose it no longer answer
   * from it. Null when there was no such collection.
   */
  deleteCollection(tenantId: string, collectionId: string): { name: string; movedDocs: number } | null {
    return this.sqlite.transaction(() => {
      const moved = this.sqlite
        .prepare(
          'UPDATE knowledge_docs SET collection_id = NULL WHERE tenant_id = @tenantId AND collection_id = @collectionId',
        )
        .run({ tenantId, collectionId }).changes;
      const deleted = this.sqlite
        .prepare<{ tenantId: string; collectionId: string }, { name: string }>(
          'DELETE FROM knowledge_collections WHERE tenant_id = @tenantId AND id = @collectionId RETURNING name',
        )
        .get({ tenantId, collectionId });
      if (!deleted) return null;
      const agents = this.sqlite
        .prepare<{ tenantId: string }, { id: string; knowledge_collections: string }>(
          'SELECT id, knowledge_collections FROM agents WHERE tenant_id = @tenantId AND knowledge_collections IS NOT NULL',
        )
        .all({ tenantId });
      for (const agent of agents) {
        const chosen = parseCollections(agent.knowledge_collections);
        if (chosen?.includes(collectionId))
          this.writeAgentCollections(
            tenantId,
            agent.id,
            chosen.filter((id) => id !== collectionId),
          );
      }
      return { name: deleted.name, movedDocs: moved };
    })();
  }

  // ------------------------------------------------------------------- agents' collections

  /** The collections an agent answers from; null: every document (undefined: no such agent). */
  agentCollections(tenantId: string, agentId: string): string[] | null {
    const row = this.sqlite
      .prepare<{ tenantId: string; agentId: string }, { knowledge_collections: string | null }>(
        'SELECT knowledge_collections FROM agents WHERE tenant_id = @tenantId AND id = @agentId',
      )
      .get({ tenantId, agentId });
    // an agent that is gone answers from nothing rather than from everything
    if (!row) return [];
    return parseCollections(row.knowledge_collections);
  }

  hasAgent(tenantId: string, agentId: string): boolean {
    return (
      this.sqlite
        .prepare('SELECT 1 FROM agents WHERE tenant_id = @tenantId AND id = @agentId')
        .get({ tenantId, agentId }) !== undefined
    );
  }

  writeAgentCollections(tenantId: string, agentId: string, collections: string[] | null): void {
    this.sqlite
      .prepare(
        'UPDATE agents SET knowledge_collections = @value WHERE tenant_id = @tenantId AND id = @agentId',
      )
      .run({ tenantId, agentId, value: collections === null ? null : JSON.stringify(collections) });
  }
}

function parseCollections(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
