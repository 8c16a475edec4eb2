import type { HandlerMap } from '../context';

export const outboundHandlers: Pick<HandlerMap, 'outbound.allowList' | 'outbound.allow' | 'outbound.remove'> =
  {
    'outbound.allowList': (_input, ctx) => ({ entries: ctx.services.outbound.list() }),

    'outbound.allow': (input, ctx) => {
      const entry = ctx.services.outbound.allow(input.hostPort, ctx.auth().name);
      ctx.audit({
        action: 'outbound.allow',
        targetType: 'installation',
        details: { hostPort: entry.hostPort },
      });
      return entry;
    },

    'outbound.remove': (input, ctx) => {
      const entry = ctx.services.outbound.remove(input.hostPort);
      ctx.audit({
        action: 'outbound.remove',
        targetType: 'installation',
        details: { hostPort: entry.hostPort },
      });
      return { ok: true as const };
    },
  };
