import type { Clock } from '../../lib/clock';
import type { AgentsDomain } from '../domain';
import type { HandlerMap } from '../../context';
import { notFound } from '../../lib/errors';

export interface KnowledgeHandlerDeps {
  clock: Clock;
  agents: AgentsDomain;
}

export function knowledgeHandlers(
  deps: KnowledgeHandlerDeps,
): Pick<HandlerMap, 'knowledge.add' | 'knowledge.list' | 'knowledge.search' | 'knowledge.delete'> {
  const { clock, agents } = deps;
  return {
    'knowledge.add': (input, ctx) => {
      const doc = agents.knowledge.add(ctx.tenantRows().tenantId, input, clock.now());
      ctx.audit({
        action: 'knowledge.add',
        targetType: 'knowledge',
        targetId: doc.id,
        details: { title: doc.title, bytes: doc.body.length },
      });
      return doc;
    },

    'knowledge.list': (input, ctx) =>
      agents.knowledge.list(ctx.tenantRows().tenantId, input.limit, input.before),

    'knowledge.search': (input, ctx) => ({
      hits: agents.knowledge
        .search(ctx.tenantRows().tenantId, input.q, input.limit)
        .map(({ id, title, snippet, score }) => ({ id, title, snippet, score })),
    }),

    'knowledge.delete': (input, ctx) => {
      const deleted = agents.knowledge.delete(ctx.tenantRows().tenantId, input.docId);
      if (!deleted) throw notFound('That document');
      ctx.audit({
        action: 'knowledge.delete',
        targetType: 'knowledge',
        targetId: input.docId,
        details: { title: deleted.title },
      });
      return { ok: true as const };
    },
  };
}
