import type { Clock } from '../lib/clock';
import type { AgentsDomain } from '../agents/domain';
import type { GuardianService } from './guardian-service';
import type { HandlerContext, HandlerMap } from '../context';
import type { Actor } from './guardian-service';
import { publicAction } from './actions-store';

function actor(ctx: HandlerContext): Actor {
  const session = ctx.auth();
  return { id: session.userId, name: session.name, isPlatformAdmin: session.isPlatformAdmin };
}

export interface GuardianHandlerDeps {
  clock: Clock;
  agents: AgentsDomain;
  guardian: GuardianService;
}

export function guardianHandlers(
  deps: GuardianHandlerDeps,
): Pick<
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
> {
  const { clock, agents, guardian } = deps;
  return {
    'guardian.status': (_input, ctx) => guardian.status(ctx.tenantRows().tenantId),

    'guardian.history': (input, ctx) => {
      agents.runs.flushAll();
      return guardian.history.query(ctx.tenantRows().tenantId, input.range, clock.now());
    },

    'guardian.runChecks': async (_input, ctx) => {
      const status = await guardian.runChecks(ctx.tenantRows().tenantId);
      ctx.audit({ action: 'guardian.runChecks', details: { score: status.score } });
      return status;
    },

    'guardian.actions': (input, ctx) => ({
      actions: guardian.actions.list(ctx.tenantRows().tenantId, input.status, input.limit).map(publicAction),
    }),

    'guardian.approve': async (input, ctx) => {
      ctx.markAudited();
      return guardian.approve(ctx.tenantRows().tenantId, input.actionId, actor(ctx), input.comment);
    },

    'guardian.reject': (input, ctx) => {
      ctx.markAudited();
      return guardian.reject(ctx.tenantRows().tenantId, input.actionId, actor(ctx), input.comment);
    },

    'guardian.rollback': async (input, ctx) => {
      ctx.markAudited();
      return guardian.rollback(ctx.tenantRows().tenantId, input.actionId, actor(ctx), input.comment);
    },

    'guardian.autonomy': (_input, ctx) => ({
      strategies: guardian.autonomy(ctx.tenantRows().tenantId),
    }),

    'guardian.setAutonomy': (input, ctx) => {
      const result = guardian.setAutonomy(
        ctx.tenantRows().tenantId,
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
}
