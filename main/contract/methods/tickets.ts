import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, emptyInput, idSchema, timestampSchema } from '../common';
import {
  channelKinds,
  conversationHandlers,
  languages,
  sentiments,
  ticketEventKinds,
  ticketKinds,
  ticketPriorities,
  ticketSlaStates,
  ticketSlaTargets,
  ticketSources,
  ticketStatuses,
  ticketViews,
} from '../vocabulary';
import { conversationMessageSchema, conversationSummarySchema } from './conversations';

/**
 * Tickets: questions that need a person (issue 14). A flow's hand-off step opens one on its
 * conversation (the conversation's handler becomes a person and the agent stays quiet there until
 * handed back); people also open them by hand or from a conversation. A person's reply goes back
 * through the conversation's channel (the website widget, the customer's mail thread).
 *
 * `kind: 'platform'` tickets are a tenant's questions to the installation's own support (the
 * operator assistant opens them, or a tenant's admin); a platform admin sees them across tenants.
 *
 * Roles: viewers read, operators work tickets, admins set the SLA targets.
 */

export const ticketKindSchema = z.enum(ticketKinds);
export const ticketStatusSchema = z.enum(ticketStatuses);
export const ticketPrioritySchema = z.enum(ticketPriorities);
export const ticketSourceSchema = z.enum(ticketSources);
export const ticketEventKindSchema = z.enum(ticketEventKinds);
export const ticketSlaStateSchema = z.enum(ticketSlaStates);
export const ticketSlaTargetSchema = z.enum(ticketSlaTargets);
export const ticketViewSchema = z.enum(ticketViews);

/** A queue's name ("support", "sales" ...): what a hand-off step names, or a person types. */
export const ticketQueueSchema = displayName({ min: 1, max: 60 });
export const ticketTagSchema = displayName({ min: 1, max: 40 });

export const ticketSlaSchema = z.object({
  /** When the first person's reply is due (null: no target, e.g. a closed ticket's old row). */
  firstResponseDueAt: timestampSchema.nullable(),
  /** When solving it is due. */
  resolutionDueAt: timestampSchema.nullable(),
  /** When a person first replied. */
  firstRespondedAt: timestampSchema.nullable(),
  /**
   * none: no targets; ok: in time; due_soon: 80 % of the time of the target that counts now is
   * used; breached: a target was missed (and the ticket is not solved yet); met: solved in time.
   */
  state: ticketSlaStateSchema,
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;

export const ticketSummarySchema = z.object({
  id: idSchema,
  /** The tenant's running number ("ticket 42"). */
  number: z.number().int(),
  kind: ticketKindSchema,
  source: ticketSourceSchema,
  status: ticketStatusSchema,
  priority: ticketPrioritySchema,
  queue: z.string(),
  subject: z.string(),
  /** Why it was handed over (the hand-off step's reason, rendered), or ''. */
  reason: z.string(),
  /** The customer's last message when it was opened. */
  customerMessage: z.string().nullable(),
  intent: z.string().nullable(),
  sentiment: z.enum(sentiments).nullable(),
  language: z.enum(languages).nullable(),
  /** Who asked: an e-mail address or name (customer tickets); the tenant's name (platform tickets). */
  requester: z.string().nullable(),
  /** The tenant the ticket belongs to (for a platform admin's cross-tenant queue). */
  tenantId: idSchema,
  tenantName: z.string(),
  assigneeId: idSchema.nullable(),
  assigneeName: z.string().nullable(),
  tags: z.array(z.string()),
  conversationId: idSchema.nullable(),
  /** The conversation's channel kind (null: no conversation). */
  channelKind: z.enum(channelKinds).nullable(),
  /** Who answers the conversation now (null: no conversation). */
  handler: z.enum(conversationHandlers).nullable(),
  agentId: idSchema.nullable(),
  agentName: z.string().nullable(),
  /** The run whose hand-off step opened it (its trace is at #/runs/<runId>). */
  runId: idSchema.nullable(),
  sla: ticketSlaSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  solvedAt: timestampSchema.nullable(),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

/**
 * One line of a ticket's timeline. `data` by kind:
 * opened { source } · status { from, to } · priority { from, to } · assigned { assigneeId, assigneeName } ·
 * queue { from, to } · tags { tags } · subject { from, to } · note { text } ·
 * reply { text, messageId, channel } · customer_replied { text, messageId } · taken_over {} · handed_back {} ·
 * sla_breach { target: 'first_response' | 'resolution', dueAt }.
 */
export const ticketEventSchema = z.object({
  id: idSchema,
  kind: ticketEventKindSchema,
  /** Who did it, as named then; null for the core (a hand-off, the SLA sweep) or the customer. */
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: timestampSchema,
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

/** First response and resolution targets per priority, in minutes. */
export const ticketSlaTargetsSchema = z.object({
  targets: z.record(
    ticketPrioritySchema,
    z.object({
      firstResponse: z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 90),
      resolution: z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 365),
    }),
  ),
});
export type TicketSlaTargets = z.infer<typeof ticketSlaTargetsSchema>;

export const ticketCountsSchema = z.object({
  /** Not solved or closed. */
  open: z.number().int(),
  /** Of those, assigned to the caller. */
  mine: z.number().int(),
  unassigned: z.number().int(),
  /** Of those, past an SLA target. */
  breached: z.number().int(),
});
export type TicketCounts = z.infer<typeof ticketCountsSchema>;

const ticketIdInput = z.object({ ticketId: idSchema }).strict();
const replyText = z.string().trim().min(1).max(20_000);

export const ticketsMethods = {
  'tickets.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary:
      'Tickets, latest activity first: all, mine, unassigned or breached, by status, queue, priority and kind.',
    input: z
      .object({
        view: ticketViewSchema.default('all'),
        status: ticketStatusSchema.optional(),
        /** Not solved or closed (ignored when `status` is given). */
        active: z.boolean().optional(),
        queue: ticketQueueSchema.optional(),
        priority: ticketPrioritySchema.optional(),
        /** 'platform': a platform admin sees every tenant's; others their own tenant's. */
        kind: ticketKindSchema.optional(),
        /** Paging: tickets whose last activity is before this (from `nextBefore`). */
        before: timestampSchema.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({
      items: z.array(ticketSummarySchema),
      nextBefore: timestampSchema.nullable(),
      /** Every queue that has tickets (for the queue filter). */
      queues: z.array(z.string()),
    }),
  }),
  'tickets.counts': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'How many tickets are open, mine, unassigned and breached (the Inbox badge).',
    input: emptyInput,
    output: ticketCountsSchema,
  }),
  'tickets.get': defineMethod({
    access: 'viewer',
    mutation: false,
    summary:
      'One ticket with its timeline, and its conversation with every message (agent turns keep their run).',
    input: ticketIdInput,
    output: z.object({
      ticket: ticketSummarySchema,
      events: z.array(ticketEventSchema),
      conversation: conversationSummarySchema.nullable(),
      messages: z.array(conversationMessageSchema),
    }),
  }),
  'tickets.create': defineMethod({
    access: 'operator',
    mutation: true,
    summary:
      "Open a ticket by hand or from a conversation (the conversation's handler becomes a person); kind 'platform' (admins): a question to the platform's support.",
    input: z
      .object({
        subject: displayName({ min: 1, max: 200 }),
        text: z.string().trim().max(20_000).optional(),
        conversationId: idSchema.optional(),
        queue: ticketQueueSchema.optional(),
        priority: ticketPrioritySchema.optional(),
        kind: ticketKindSchema.default('customer'),
        requester: z.string().trim().max(200).optional(),
        assigneeId: idSchema.nullable().optional(),
      })
      .strict(),
    output: ticketSummarySchema,
  }),
  'tickets.update': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Change a ticket: status, priority, assignee, queue, tags, subject.',
    input: z
      .object({
        ticketId: idSchema,
        status: ticketStatusSchema.optional(),
        priority: ticketPrioritySchema.optional(),
        assigneeId: idSchema.nullable().optional(),
        queue: ticketQueueSchema.optional(),
        tags: z.array(ticketTagSchema).max(20).optional(),
        subject: displayName({ min: 1, max: 200 }).optional(),
      })
      .strict(),
    output: ticketSummarySchema,
  }),
  'tickets.reply': defineMethod({
    access: 'operator',
    mutation: true,
    summary:
      "Answer the customer: kept as a person's message and sent through the conversation's channel (the widget, the mail thread).",
    input: z
      .object({
        ticketId: idSchema,
        text: replyText,
        /** The ticket's status after the reply (default: waiting on the customer). */
        status: ticketStatusSchema.optional(),
      })
      .strict(),
    output: z.object({
      ticket: ticketSummarySchema,
      /** The person's message on the conversation (null for a platform ticket, which has none). */
      message: conversationMessageSchema.nullable(),
      event: ticketEventSchema,
    }),
  }),
  'tickets.note': defineMethod({
    access: 'operator',
    mutation: true,
    summary: "Add an internal note to a ticket's timeline (the customer never sees it).",
    input: z.object({ ticketId: idSchema, text: replyText }).strict(),
    output: ticketEventSchema,
  }),
  'tickets.handBack': defineMethod({
    access: 'operator',
    mutation: true,
    summary:
      "Give the ticket's conversation back to the agent: it answers the customer's next message again.",
    input: ticketIdInput,
    output: ticketSummarySchema,
  }),
  'tickets.sla': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'First response and resolution targets per priority, in minutes.',
    input: emptyInput,
    output: ticketSlaTargetsSchema,
  }),
  'tickets.saveSla': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Set the first response and resolution targets per priority (new tickets use them).',
    input: ticketSlaTargetsSchema.strict(),
    output: ticketSlaTargetsSchema,
  }),
};
