import type { HandlerMap } from '../context';

export const auditHandlers: Pick<HandlerMap, 'audit.list' | 'audit.verify'> = {
  'audit.list': (input, ctx) => ctx.services.audit.list(ctx.scope().tenantId, input),
  'audit.verify': (_input, ctx) => ctx.services.audit.verify(ctx.scope().tenantId),
};
