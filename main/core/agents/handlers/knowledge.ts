import type { Clock } from '../../lib/clock';
import type { AgentsDomain } from '../domain';
import type { HandlerMap } from '../../context';
import type { Entitlements } from '../../billing/entitlements';
import { AppError, notFound } from '../../lib/errors';
import { fileImport, ImportRefusal, urlDocs, type ImportResult } from '../knowledge/import';

export interface KnowledgeHandlerDeps {
  clock: Clock;
  agents: AgentsDomain;
  /** The organisation's plan: how much knowledge it may keep (the billing domain). */
  billing?: { entitlements: Pick<Entitlements, 'ensureBelow'> };
}

const megabyte = 1024 * 1024;
const bytesOf = (text: string): number => Buffer.byteLength(text, 'utf8');

type KnowledgeMethod =
  | 'knowledge.add'
  | 'knowledge.list'
  | 'knowledge.get'
  | 'knowledge.update'
  | 'knowledge.restoreVersion'
  | 'knowledge.search'
  | 'knowledge.delete'
  | 'knowledge.import'
  | 'knowledge.collections'
  | 'knowledge.createCollection'
  | 'knowledge.updateCollection'
  | 'knowledge.deleteCollection'
  | 'agents.knowledge'
  | 'agents.setKnowledge';

const collectionNotFound = () =>
  new AppError('NOT_FOUND', 'That collection was not found.', { reason: 'collection_not_found' });

export function knowledgeHandlers(deps: KnowledgeHandlerDeps): Pick<HandlerMap, KnowledgeMethod> {
  const { clock, agents } = deps;
  const knowledge = () => agents.knowledge;

  /** A collection id of this tenant (or null); anything else is refused as not found. */
  const checkCollection = (tenantId: string, collectionId: string | null) => {
    if (collectionId !== null && !knowledge().hasCollection(tenantId, collectionId))
      throw collectionNotFound();
  };

  /** More knowledge must fit the plan's knowledge size (MB); less always does. */
  const ensureRoomFor = (tenantId: string, addedBytes: number): void => {
    if (!deps.billing || addedBytes <= 0) return;
    const used = agents.queries.knowledgeBytes(tenantId) / megabyte;
    deps.billing.entitlements.ensureBelow(tenantId, 'knowledgeMb', used, addedBytes / megabyte);
  };

  return {
    'knowledge.add': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      checkCollection(tenantId, input.collectionId);
      ensureRoomFor(tenantId, bytesOf(input.title) + bytesOf(input.body));
      const doc = knowledge().add(tenantId, input, clock.now());
      ctx.audit({
        action: 'knowledge.add',
        targetType: 'knowledge',
        targetId: doc.id,
        details: { title: doc.title, bytes: doc.body.length },
      });
      return doc;
    },

    'knowledge.list': (input, ctx) =>
      knowledge().list(ctx.tenantRows().tenantId, input.limit, input.before, input.collectionId),

    'knowledge.get': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const doc = knowledge().get(tenantId, input.docId);
      if (!doc) throw notFound('That document');
      return { doc, history: knowledge().history(tenantId, input.docId) };
    },

    'knowledge.update': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const session = ctx.auth();
      checkCollection(tenantId, input.collectionId);
      const before = knowledge().get(tenantId, input.docId);
      if (before)
        ensureRoomFor(
          tenantId,
          bytesOf(input.title) + bytesOf(input.body) - bytesOf(before.title) - bytesOf(before.body),
        );
      const doc = knowledge().update(
        tenantId,
        input.docId,
        { title: input.title, body: input.body, collectionId: input.collectionId },
        { id: session.userId, name: session.name },
        clock.now(),
      );
      if (!doc || !before) throw notFound('That document');
      ctx.audit({
        action: 'knowledge.update',
        targetType: 'knowledge',
        targetId: doc.id,
        details: { title: doc.title, version: doc.version, bytes: doc.body.length },
      });
      return doc;
    },

    'knowledge.restoreVersion': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const session = ctx.auth();
      const current = knowledge().get(tenantId, input.docId);
      if (!current) throw notFound('That document');
      const earlier = knowledge().version(tenantId, input.docId, input.version);
      if (!earlier) throw notFound('That version');
      const doc = knowledge().update(
        tenantId,
        input.docId,
        { title: earlier.title, body: earlier.body, collectionId: current.collectionId },
        { id: session.userId, name: session.name },
        clock.now(),
      )!;
      ctx.audit({
        action: 'knowledge.restoreVersion',
        targetType: 'knowledge',
        targetId: doc.id,
        details: { title: doc.title, restored: input.version, version: doc.version },
      });
      return doc;
    },

    'knowledge.search': (input, ctx) => ({
      hits: knowledge()
        .search(ctx.tenantRows().tenantId, input.q, input.limit, input.collectionIds ?? null)
        .map(({ id, title, snippet, score }) => ({ id, title, snippet, score })),
    }),

    'knowledge.delete': (input, ctx) => {
      const deleted = knowledge().delete(ctx.tenantRows().tenantId, input.docId);
      if (!deleted) throw notFound('That document');
      ctx.audit({
        action: 'knowledge.delete',
        targetType: 'knowledge',
        targetId: input.docId,
        details: { title: deleted.title },
      });
      return { ok: true as const };
    },

    'knowledge.import': async (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      checkCollection(tenantId, input.collectionId);
      let result: ImportResult;
      try {
        if (input.file) result = await fileImport(input.file.name, input.file.data);
        else {
          const page = await urlDocs(input.url!, { allowList: knowledge().allowList });
          result = { kind: 'url', sourceName: page.sourceName, docs: page.docs, lineErrors: [] };
        }
      } catch (error) {
        if (error instanceof ImportRefusal)
          throw new AppError('VALIDATION', error.message, {
            field: input.file ? 'file' : 'url',
            reason: error.reason,
            ...(error.params ? { params: error.params } : {}),
          });
        throw error;
      }
      if (input.preview || result.docs.length === 0) return { ...result, created: [] };
      ensureRoomFor(
        tenantId,
        result.docs.reduce((sum, doc) => sum + bytesOf(doc.title) + bytesOf(doc.body), 0),
      );
      // the collection may have gone while the file was read
      checkCollection(tenantId, input.collectionId);
      const created = knowledge().addMany(
        tenantId,
        result.docs.map((doc) => ({
          ...doc,
          source: result.kind,
          sourceName: result.sourceName,
          collectionId: input.collectionId,
        })),
        clock.now(),
      );
      ctx.audit({
        action: 'knowledge.import',
        // the documents are many; the entry points at the collection they went into
        targetType: 'knowledge_collection',
        targetId: input.collectionId,
        details: {
          kind: result.kind,
          source: result.sourceName,
          docs: created.length,
          skippedLines: result.lineErrors.length,
        },
      });
      return { ...result, created };
    },

    'knowledge.collections': (_input, ctx) => knowledge().collections(ctx.tenantRows().tenantId),

    'knowledge.createCollection': (input, ctx) => {
      const collection = knowledge().createCollection(ctx.tenantRows().tenantId, input, clock.now());
      ctx.audit({
        action: 'knowledge.createCollection',
        targetType: 'knowledge_collection',
        targetId: collection.id,
        details: { name: collection.name },
      });
      return collection;
    },

    'knowledge.updateCollection': (input, ctx) => {
      const { collectionId, ...change } = input;
      const collection = knowledge().updateCollection(
        ctx.tenantRows().tenantId,
        collectionId,
        change,
        clock.now(),
      );
      if (!collection) throw collectionNotFound();
      ctx.audit({
        action: 'knowledge.updateCollection',
        targetType: 'knowledge_collection',
        targetId: collection.id,
        details: { name: collection.name },
      });
      return collection;
    },

    'knowledge.deleteCollection': (input, ctx) => {
      const deleted = knowledge().deleteCollection(ctx.tenantRows().tenantId, input.collectionId);
      if (!deleted) throw collectionNotFound();
      ctx.audit({
        action: 'knowledge.deleteCollection',
        targetType: 'knowledge_collection',
        targetId: input.collectionId,
        details: { name: deleted.name, movedDocs: deleted.movedDocs },
      });
      return { ok: true as const, movedDocs: deleted.movedDocs };
    },

    'agents.knowledge': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      if (!knowledge().hasAgent(tenantId, input.agentId)) throw notFound('That agent');
      return { collections: knowledge().agentCollections(tenantId, input.agentId) };
    },

    'agents.setKnowledge': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      if (!knowledge().hasAgent(tenantId, input.agentId)) throw notFound('That agent');
      const collections = input.collections === null ? null : [...new Set(input.collections)];
      for (const id of collections ?? []) checkCollection(tenantId, id);
      knowledge().writeAgentCollections(tenantId, input.agentId, collections);
      ctx.audit({
        action: 'agents.setKnowledge',
        targetType: 'agent',
        targetId: input.agentId,
        details: { collections: collections === null ? 'all' : collections.length },
      });
      return { collections };
    },
  };
}
