import type { HandlerMap } from '../context';
import type { ChannelsService } from './service';

export interface ChannelsHandlerDeps {
  channels: ChannelsService;
}

/** channels.*: every call is bound to the caller's tenant (ctx.tenantRows()); roles are the contract's. */
export function channelsHandlers(
  deps: ChannelsHandlerDeps,
): Pick<HandlerMap, 'channels.list' | 'channels.save' | 'channels.delete'> {
  const { channels } = deps;
  return {
    'channels.list': (input, ctx) => ({ items: channels.list(ctx.tenantRows(), input.agentId) }),

    'channels.save': (input, ctx) => {
      const { channel, before } = channels.save(ctx.tenantRows(), input);
      ctx.audit({
        action: before ? 'channels.update' : 'channels.create',
        targetType: 'channel',
        targetId: channel.id,
        details: {
          name: channel.name,
          kind: channel.kind,
          agent: channel.agentName,
          allowedOrigins: channel.allowedOrigins,
          ...(before && before.name !== channel.name ? { previousName: before.name } : {}),
        },
      });
      return channel;
    },

    'channels.delete': (input, ctx) => {
      const channel = channels.delete(ctx.tenantRows(), input.channelId);
      ctx.audit({
        action: 'channels.delete',
        targetType: 'channel',
        targetId: channel.id,
        details: { name: channel.name, kind: channel.kind, agent: channel.agentName },
      });
      return { ok: true as const };
    },
  };
}
