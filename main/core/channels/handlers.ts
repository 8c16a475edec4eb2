import type { HandlerMap } from '../context';
import type { EmailChannels } from './email';
import type { ChannelsService } from './service';

export interface ChannelsHandlerDeps {
  channels: ChannelsService;
  /** E-mail channels: their settings' boundary (outbound guard, passwords), transports and status. */
  emailChannels: EmailChannels;
}

/** channels.*: every call is bound to the caller's tenant (ctx.tenantRows()); roles are the contract's. */
export function channelsHandlers(
  deps: ChannelsHandlerDeps,
): Pick<HandlerMap, 'channels.list' | 'channels.save' | 'channels.delete'> {
  const { channels, emailChannels } = deps;
  return {
    'channels.list': (input, ctx) => {
      const rows = ctx.tenantRows();
      return {
        items: channels
          .list(rows, input.agentId)
          .map((channel) => emailChannels.describe(rows.tenantId, channel)),
      };
    },

    'channels.save': (input, ctx) => {
      const rows = ctx.tenantRows();
      // e-mail servers through the outbound guard and the passwords out, before anything is written
      const prepared = emailChannels.prepare(rows.tenantId, input);
      const { channel, before } = channels.save(rows, prepared.input);
      emailChannels.saved(rows.tenantId, channel, prepared.passwords);
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
      return emailChannels.describe(rows.tenantId, channel);
    },

    'channels.delete': (input, ctx) => {
      const rows = ctx.tenantRows();
      const channel = channels.delete(rows, input.channelId);
      emailChannels.deleted(rows.tenantId, channel.id);
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
