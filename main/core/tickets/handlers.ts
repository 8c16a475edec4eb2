import { roleAtLeast, type TicketSummary } from '../../contract';
import type { HandlerContext, HandlerMap } from '../context';
import { AppError } from '../lib/errors';
import type { TicketsService } from './service';

export interface TicketsHandlerDeps {
  tickets: TicketsService;
}

const actor = (ctx: HandlerContext) => {
  const session = ctx.auth();
  return { id: session.userId, name: session.name };
};

/** The ticket as the audit log names it (never the customer's words). */
const named = (ticket: TicketSummary) => ({
  number: ticket.number,
  subject: ticket.subject,
  kind: ticket.kind,
});

/**
 * Tickets: viewers read, operators work them, admins set the SLA targets. Everyone works in their
 * own tenant (another tenant's ticket is NOT_FOUND); a platform admin also works every tenant's
 * platform tickets (their queue: `tickets.list { kind: 'platform' }`).
 */
export function ticketsHandlers(
  deps: TicketsHandlerDeps,
): Pick<
  HandlerMap,
  | 'tickets.list'
  | 'tickets.counts'
  | 'tickets.get'
  | 'tickets.create'
  | 'tickets.update'
  | 'tickets.reply'
  | 'tickets.note'
  | 'tickets.handBack'
  | 'tickets.sla'
  | 'tickets.saveSla'
> {
  const { tickets } = deps;
  /** The tenant the ticket is worked in (NOT_FOUND for another tenant's, unless a platform admin's platform ticket). */
  const where = (ctx: HandlerContext, ticketId: string) => {
    const session = ctx.auth();
    return tickets.tenantFor(ctx.tenantRows().tenantId, ticketId, session.isPlatformAdmin);
  };

  return {
    'tickets.list': (input, ctx) => {
      const session = ctx.auth();
      return tickets.list(ctx.tenantRows().tenantId, input, {
        userId: session.userId,
        platformAdmin: session.isPlatformAdmin,
      });
    },

    'tickets.counts': (_input, ctx) => tickets.counts(ctx.tenantRows().tenantId, ctx.auth().userId),

    'tickets.get': (input, ctx) => tickets.detail(where(ctx, input.ticketId), input.ticketId),

    'tickets.create': (input, ctx) => {
      const session = ctx.auth();
      if (input.kind === 'platform' && !roleAtLeast(session.role, 'admin'))
        throw new AppError('FORBIDDEN', 'Only admins ask the platform for help.', {
          reason: 'role_required',
          params: { role: 'admin' },
        });
      const ticket = tickets.create(ctx.tenantRows().tenantId, input, actor(ctx));
      ctx.audit({
        action: 'tickets.create',
        targetType: 'ticket',
        targetId: ticket.id,
        details: named(ticket),
      });
      return ticket;
    },

    'tickets.update': (input, ctx) => {
      const { ticketId, ...changes } = input;
      const tenantId = where(ctx, ticketId);
      const before = tickets.summary(tenantId, ticketId);
      const ticket = tickets.update(tenantId, ticketId, changes, actor(ctx));
      ctx.audit({
        action: 'tickets.update',
        tenantId,
        targetType: 'ticket',
        targetId: ticketId,
        details: {
          ...named(ticket),
          ...(changes.status !== undefined ? { from: before.status, to: ticket.status } : {}),
          ...(changes.priority !== undefined
            ? { fromPriority: before.priority, priority: ticket.priority }
            : {}),
          ...(changes.assigneeId !== undefined ? { assignee: ticket.assigneeName } : {}),
          ...(changes.queue !== undefined ? { queue: ticket.queue } : {}),
          ...(changes.tags !== undefined ? { tags: ticket.tags } : {}),
          ...(changes.subject !== undefined ? { previousSubject: before.subject } : {}),
        },
      });
      return ticket;
    },

    'tickets.reply': async (input, ctx) => {
      const tenantId = where(ctx, input.ticketId);
      const who = actor(ctx);
      const sent = await tickets.sendReply(tenantId, input.ticketId, input.text);
      return ctx.atomically(() => {
        const result = tickets.recordReply(tenantId, input.ticketId, input.text, sent, who, input.status);
        ctx.audit({
          action: 'tickets.reply',
          tenantId,
          targetType: 'ticket',
          targetId: input.ticketId,
          details: { ...named(result.ticket), channel: sent.channel },
        });
        return result;
      });
    },

    'tickets.note': (input, ctx) => {
      const tenantId = where(ctx, input.ticketId);
      const event = tickets.note(tenantId, input.ticketId, input.text, actor(ctx));
      ctx.audit({
        action: 'tickets.note',
        tenantId,
        targetType: 'ticket',
        targetId: input.ticketId,
        details: named(tickets.summary(tenantId, input.ticketId)),
      });
      return event;
    },

    'tickets.handBack': (input, ctx) => {
      const tenantId = where(ctx, input.ticketId);
      const ticket = tickets.handBack(tenantId, input.ticketId, actor(ctx));
      ctx.audit({
        action: 'tickets.handBack',
        tenantId,
        targetType: 'ticket',
        targetId: input.ticketId,
        details: named(ticket),
      });
      return ticket;
    },

    'tickets.sla': (_input, ctx) => tickets.slaTargets(ctx.tenantRows().tenantId),

    'tickets.saveSla': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const before = tickets.slaTargets(tenantId);
      const after = tickets.saveSla(tenantId, input);
      ctx.audit({
        action: 'tickets.saveSla',
        targetType: 'settings',
        details: { from: before.targets, to: after.targets },
      });
      return after;
    },
  };
}
