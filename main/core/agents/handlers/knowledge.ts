import type { HandlerMap } from '../../context';
import { notFound } from '../../lib/errors';

export const knowledgeHandlers: Pick<
  HandlerMap,
  'knowledge.add' | 'knowledge.list' | 'knowledge.search' | 'knowledge.delete'
> = {
  'knowledge.add': (input, ctx) => {
    const doc = ctx.services.agents.knowledge.add(ctx.scope().tenantId, input, ctx.services.clock.now());
    ctx.audit({
      action: 'knowledge.add',
      targetType: 'knowledge',
      targetId: doc.id,
      details: { title: doc.title, bytes: doc.body.length },
    });
    return doc;
  },

  'knowledge.list': (input, ctx) =>
    ctx.services.agents.knowledge.list(ctx.scope().tenantId, input.limit, input.before),

  'knowledge.search': (input, ctx) => ({
    hits: ctx.services.agents.knowledge
      .search(ctx.scope().tenantId, input.q, input.limit)
      .map(({ id, title, snippet, score }) => ({ id, title, snippet, score })),
  }),

  'knowledge.delete': (input, ctx) => {
    if (!ctx.services.agents.knowledge.delete(ctx.scope().tenantId, input.docId))
      throw notFound('That document');
    ctx.audit({ action: 'knowledge.delete', targetType: 'knowledge', targetId: input.docId });
    return { ok: true as const };
  },
};
