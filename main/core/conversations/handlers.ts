import type { HandlerMap } from '../context';
import { AppError } from '../lib/errors';
import { conversationsCsv } from './csv';
import type { ConversationsService } from './service';

/** At most this many conversations in one CSV export (narrow the filters for more). */
export const maxExportConversations = 5_000;

export interface ConversationsHandlerDeps {
  conversations: ConversationsService;
}

/** conversations.*: every call is bound to the caller's tenant (ctx.tenantRows()); roles are the contract's. */
export function conversationsHandlers(
  deps: ConversationsHandlerDeps,
): Pick<
  HandlerMap,
  | 'conversations.list'
  | 'conversations.get'
  | 'conversations.setStatus'
  | 'conversations.delete'
  | 'conversations.export'
  | 'conversations.stats'
  | 'conversations.settings'
  | 'conversations.saveSettings'
> {
  const { conversations } = deps;
  return {
    'conversations.list': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const { limit, ...filter } = input;
      const items = conversations.list(tenantId, filter, limit + 1);
      const page = items.slice(0, limit);
      return { items: page, nextBefore: items.length > limit ? page[page.length - 1]!.updatedAt : null };
    },

    'conversations.get': (input, ctx) => conversations.get(ctx.tenantRows().tenantId, input.conversationId),

    'conversations.setStatus': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const { before, after } = conversations.setStatus(tenantId, input.conversationId, input.status);
      ctx.audit({
        action: 'conversations.setStatus',
        targetType: 'conversation',
        targetId: input.conversationId,
        details: { from: before.status, to: after.status, channel: after.channelName },
      });
      return after;
    },

    'conversations.delete': (input, ctx) => {
      const deleted = conversations.delete(ctx.tenantRows().tenantId, input.conversationId);
      // the audit keeps that it happened, never what the customer said
      ctx.audit({
        action: 'conversations.delete',
        targetType: 'conversation',
        targetId: deleted.id,
        details: {
          channel: deleted.channelName,
          messages: deleted.messageCount,
          startedAt: deleted.createdAt,
        },
      });
      return { ok: true as const };
    },

    'conversations.export': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const found = conversations.list(tenantId, input, maxExportConversations + 1);
      if (found.length > maxExportConversations)
        throw new AppError(
          'VALIDATION',
          `More than ${maxExportConversations} conversations match; narrow the filters (a date range).`,
          { reason: 'export_too_large', params: { max: maxExportConversations } },
        );
      const rows = found.map((conversation) => conversations.get(tenantId, conversation.id));
      const messages = rows.reduce((sum, row) => sum + row.messages.length, 0);
      ctx.audit({
        action: 'conversations.export',
        targetType: 'conversation',
        targetId: null,
        details: { conversations: rows.length, messages, filters: input },
      });
      return { csv: conversationsCsv(rows), conversations: rows.length, messages };
    },

    'conversations.stats': (input, ctx) => conversations.store.stats(ctx.tenantRows().tenantId, input.since),

    'conversations.settings': (_input, ctx) => conversations.settings(ctx.tenantRows().tenantId),

    'conversations.saveSettings': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const before = conversations.settings(tenantId);
      const after = conversations.saveSettings(tenantId, input);
      ctx.audit({
        action: 'conversations.saveSettings',
        targetType: 'settings',
        targetId: null,
        details: { from: before.retentionDays, to: after.retentionDays },
      });
      return after;
    },
  };
}
