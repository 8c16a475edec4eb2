import type { OutboundAllowListStore } from './allow-list-store';
import type { HandlerMap } from '../context';

export interface OutboundHandlerDeps {
  outbound: OutboundAllowListStore;
}

export function outboundHandlers(
  deps: OutboundHandlerDeps,
): Pick<HandlerMap, 'outbound.allowList' | 'outbound.allow' | 'outbound.remove'> {
  const { outbound } = deps;
  return {
    'outbound.allowList': (_input, _ctx) => ({ entries: outbound.list() }),

    'outbound.allow': (input, ctx) => {
      const entry = outbound.allow(input.hostPort, ctx.auth().name);
      ctx.audit({
        action: 'outbound.allow',
        targetType: 'installation',
        details: { hostPort: entry.hostPort },
      });
      return entry;
    },

    'outbound.remove': (input, ctx) => {
      const entry = outbound.remove(input.hostPort);
      ctx.audit({
        action: 'outbound.remove',
        targetType: 'installation',
        details: { hostPort: entry.hostPort },
      });
      return { ok: true as const };
    },
  };
}
