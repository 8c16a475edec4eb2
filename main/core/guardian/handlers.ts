import type { HandlerContext, HandlerMap } from '../context';
import type { Actor } from './guardian-service';
import { publicAction } from './actions-store';

function actor(ctx: HandlerContext): Actor {
  const session = ctx.auth();
  return { id: session.userId, name: session.name, isPlatformAdmin: session.isPlatformAdmin };
}

export const guardianHandlers: Pick<
  HandlerMap,
  | 'guardian.status'
  | 'guardian.history'
  | 'guardian.runChecks'
  | 'guardian.actions'
  | 'guardian.approve'
  | 'guardian.reject'
  | 'guardian.rollback'
  | 'guardian.autonomy'
  | 'guardian.setAutonomy'
> = {
  'guardian.status': (_input, ctx) => ctx.services.guardian.status(ctx.scope().tenantId),

  'guardian.history': (input, ctx) => {
    ctx.services.agents.runs.flushAll();
    return ctx.services.guardian.history.query(ctx.scope().tenantId, input.range, ctx.services.clock.now());
  },

  'guardian.runChecks': async (_input, ctx) => {
    const status = await ctx.services.guardian.runChecks(ctx.scope().tenantId);
    ctx.audit({ action: 'guardian.runChecks', details: { score: status.score } });
    return status;
  },

  'guardian.actions': (input, ctx) => ({
    actions: ctx.services.guardian.actions
      .list(ctx.scope().tenantId, input.status, input.limit)
      .map(publicAction),
  }),

  'guardian.approve': async (input, ctx) => {
    ctx.markAudited();
    return ctx.services.guardian.approve(ctx.scope().tenantId, input.actionId, actor(ctx), input.comment);
  },

  'guardian.reject': (input, ctx) => {
    ctx.markAudited();
    return ctx.services.guardian.reject(ctx.scope().tenantId, input.actionId, actor(ctx), input.comment);
  },

  'guardian.rollback': async (input, ctx) => {
    ctx.markAudited();
    return ctx.services.guardian.rollback(ctx.scope().tenantId, input.actionId, actor(ctx), input.comment);
  },

  'guardian.autonomy': (_input, ctx) => ({
    strategies: ctx.services.guardian.autonomy(ctx.scope().tenantId),
  }),

  'guardian.setAutonomy': (input, ctx) => {
    const result = ctx.services.guardian.setAutonomy(
      ctx.scope().tenantId,
      input.strategy,
      input.mode,
      input.maxPerHour,
    );
    ctx.audit({
      action: 'guardian.setAutonomy',
      details: { strategy: input.strategy, mode: input.mode, maxPerHour: input.maxPerHour },
    });
    return result;
  },
};
