import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import {
  legacyMessage,
  ticketPriorities,
  type ConversationMessage,
  type ConversationSummary,
  type Language,
  type TicketCounts,
  type TicketEvent,
  type TicketEventKind,
  type TicketKind,
  type TicketPriority,
  type TicketSlaTargets,
  type TicketSource,
  type TicketStatus,
  type TicketSummary,
  type TicketView,
} from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import { AppError, notFound } from '../lib/errors';
import { message } from '../lib/message';
import type { Notifier, NotifyMessage } from '../notify';
import type { ConversationsService, HandoffFacts, TicketsDesk } from '../conversations/service';
import { defaultSlaTargets, dueTimes, slaState } from './sla';
import { TicketStore, type TicketChanges, type TicketRow } from './store';

/** Who did something to a ticket (null id: the core, or the customer). */
export interface TicketActor {
  id: string | null;
  name: string;
}

/** How a person's reply reaches a customer who wrote by e-mail (the e-mail channels answer). */
export interface MailReplies {
  sendPersonReply(
    tenantId: string,
    reply: {
      channelId: string;
      conversationId: string;
      to: string;
      text: string;
      language: Language;
      /** The customer's mail it answers (its Message-ID), and that mail's subject. */
      inReplyTo: string | null;
      subject: string;
      /** The conversation's thread (its root Message-ID). */
      threadKey: string | null;
    },
  ): Promise<{ ok: true; messageId: string } | { ok: false; reason: 'no_transport' | 'failed' }>;
}

export interface TicketsDeps {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  notifier: Notifier;
  conversations: ConversationsService;
  agents: { names(tenantId: string): Map<string, string> };
  mail: MailReplies;
  /** The platform admin's own organisation, told of every platform ticket (null: none yet). */
  platformHome?: () => string | null;
  /** How often the SLA sweep looks (the tests call sweepBreaches themselves). */
  sweepIntervalMs?: number;
}

export interface CreateTicket {
  subject: string;
  text?: string | undefined;
  conversationId?: string | undefined;
  queue?: string | undefined;
  priority?: TicketPriority | undefined;
  kind: TicketKind;
  requester?: string | undefined;
  assigneeId?: string | null | undefined;
}

export interface UpdateTicket {
  status?: TicketStatus | undefined;
  priority?: TicketPriority | undefined;
  assigneeId?: string | null | undefined;
  queue?: string | undefined;
  tags?: string[] | undefined;
  subject?: string | undefined;
}

const slaKey = 'tickets.sla';
const link = (ticketId: string) => `#/inbox/${ticketId}`;
/** A subject from the customer's words: the first line, at most 120 characters. */
const subjectOf = (text: string): string => {
  const line = text.split('\n').find((l) => l.trim()) ?? text;
  const clean = line.replace(/\s+/g, ' ').trim();
  return clean.length > 120 ? `${clean.slice(0, 119)}…` : clean || '…';
};

function parseTags(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}

function parseData(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * Tickets (issue 14): questions that need a person. A flow's hand-off step opens one on its
 * conversation (TicketsDesk, called by the conversations domain), people open them by hand or from
 * a conversation, the operator assistant opens platform tickets. While a ticket's conversation is a
 * person's, the agent stays quiet there; a person's reply goes back through the conversation's
 * channel. SLA targets per priority; a sweep warns once per missed target.
 */
export class TicketsService implements TicketsDesk {
  readonly store: TicketStore;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: TicketsDeps) {
    this.store = new TicketStore(deps.sqlite);
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────────────

  /** The tenant a caller works a ticket in: their own, or (a platform admin) a platform ticket's. */
  tenantFor(callerTenantId: string, ticketId: string, platformAdmin: boolean): string {
    if (this.store.get(callerTenantId, ticketId)) return callerTenantId;
    const other = platformAdmin ? this.store.platformTenantOf(ticketId) : null;
    if (other) return other;
    throw notFound('That ticket');
  }

  private row(tenantId: string, ticketId: string): TicketRow {
    const row = this.store.get(tenantId, ticketId);
    if (!row) throw notFound('That ticket');
    return row;
  }

  private summarize(row: TicketRow, agents: Map<string, string>, now: number): TicketSummary {
    const transport = row.conversationId
      ? this.deps.conversations.transportOf(row.tenantId, row.conversationId)
      : null;
    const handler = row.conversationId
      ? this.deps.conversations.handlerOf(row.tenantId, row.conversationId)
      : null;
    return {
      id: row.id,
      number: row.number,
      kind: row.kind,
      source: row.source,
      status: row.status,
      priority: row.priority,
      queue: row.queue,
      subject: row.subject,
      reason: row.reason,
      customerMessage: row.customerMessage,
      intent: row.intent,
      sentiment: row.sentiment,
      language: row.language,
      requester: row.requester,
      tenantId: row.tenantId,
      tenantName: row.tenantName,
      assigneeId: row.assigneeId,
      assigneeName: row.assigneeId ? row.assigneeName : null,
      tags: parseTags(row.tags),
      conversationId: row.conversationId,
      channelKind: transport?.channelKind ?? null,
      handler,
      agentId: row.agentId,
      agentName: row.agentId ? (agents.get(row.agentId) ?? null) : null,
      runId: row.runId,
      sla: {
        firstResponseDueAt: row.firstResponseDueAt,
        resolutionDueAt: row.resolutionDueAt,
        firstRespondedAt: row.firstRespondedAt,
        state: slaState(row, now),
      },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      solvedAt: row.solvedAt,
    };
  }

  summary(tenantId: string, ticketId: string): TicketSummary {
    return this.summarize(
      this.row(tenantId, ticketId),
      this.deps.agents.names(tenantId),
      this.deps.clock.now(),
    );
  }

  list(
    tenantId: string,
    filter: {
      view: TicketView;
      status?: TicketStatus | undefined;
      active?: boolean | undefined;
      queue?: string | undefined;
      priority?: TicketPriority | undefined;
      kind?: TicketKind | undefined;
      before?: number | undefined;
      limit: number;
    },
    who: { userId: string; platformAdmin: boolean },
  ): { items: TicketSummary[]; nextBefore: number | null; queues: string[] } {
    const now = this.deps.clock.now();
    const allTenants = who.platformAdmin && filter.kind === 'platform';
    const rows = this.store.list(tenantId, filter, { userId: who.userId, allTenants }, now);
    const names = new Map<string, Map<string, string>>();
    const agentsOf = (id: string) => {
      let map = names.get(id);
      if (!map) names.set(id, (map = this.deps.agents.names(id)));
      return map;
    };
    const items = rows.map((row) => this.summarize(row, agentsOf(row.tenantId), now));
    return {
      items,
      nextBefore: rows.length === filter.limit ? (rows[rows.length - 1]?.updatedAt ?? null) : null,
      queues: this.store.queues(tenantId),
    };
  }

  counts(tenantId: string, userId: string): TicketCounts {
    return this.store.counts(tenantId, userId, this.deps.clock.now());
  }

  events(tenantId: string, ticketId: string): TicketEvent[] {
    return this.store.events(tenantId, ticketId).map((row) => ({
      id: row.id,
      kind: row.kind,
      actorName: row.actorName,
      data: parseData(row.data),
      at: row.createdAt,
    }));
  }

  detail(
    tenantId: string,
    ticketId: string,
  ): {
    ticket: TicketSummary;
    events: TicketEvent[];
    conversation: ConversationSummary | null;
    messages: ConversationMessage[];
  } {
    const ticket = this.summary(tenantId, ticketId);
    const thread = ticket.conversationId
      ? this.deps.conversations.summary(tenantId, ticket.conversationId)
      : null;
    return {
      ticket,
      events: this.events(tenantId, ticketId),
      conversation: thread,
      messages: thread ? this.deps.conversations.get(tenantId, thread.id).messages : [],
    };
  }

  // ── SLA targets ────────────────────────────────────────────────────────────────────────────────

  slaTargets(tenantId: string): TicketSlaTargets {
    const row = this.deps.sqlite
      .prepare<{ tenantId: string; key: string }, { value: string }>(
        'SELECT value FROM settings WHERE tenant_id = @tenantId AND key = @key',
      )
      .get({ tenantId, key: slaKey });
    const stored = row ? (parseData(row.value).targets as Record<string, unknown> | undefined) : undefined;
    const targets = { ...defaultSlaTargets };
    for (const priority of ticketPriorities) {
      const value = stored?.[priority] as { firstResponse?: unknown; resolution?: unknown } | undefined;
      if (
        value &&
        Number.isInteger(value.firstResponse) &&
        Number.isInteger(value.resolution) &&
        (value.firstResponse as number) > 0 &&
        (value.resolution as number) > 0
      )
        targets[priority] = {
          firstResponse: value.firstResponse as number,
          resolution: value.resolution as number,
        };
    }
    return { targets };
  }

  saveSla(tenantId: string, sla: TicketSlaTargets): TicketSlaTargets {
    this.deps.sqlite
      .prepare(
        `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (@tenantId, @key, @value, @now)
         ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run({ tenantId, key: slaKey, value: JSON.stringify(sla), now: this.deps.clock.now() });
    return this.slaTargets(tenantId);
  }

  // ── opening ────────────────────────────────────────────────────────────────────────────────────

  private atomically<T>(work: () => T): T {
    return this.deps.sqlite.transaction(work)();
  }

  private addEvent(
    tenantId: string,
    ticketId: string,
    kind: TicketEventKind,
    actor: TicketActor | null,
    data: Record<string, unknown>,
  ): TicketEvent {
    const now = this.deps.clock.now();
    const id = uuidv7(now);
    this.store.addEvent({
      id,
      tenantId,
      ticketId,
      kind,
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? null,
      data,
      now,
    });
    return { id, kind, actorName: actor?.name ?? null, data, at: now };
  }

  /** Tells the tenant's people (and, for a platform ticket, the platform admins) the ticket changed. */
  private changed(tenantId: string, ticketId: string): TicketSummary {
    const ticket = this.summary(tenantId, ticketId);
    this.deps.events.emit(
      'ticket.changed',
      { ticket },
      ticket.kind === 'platform' ? { kind: 'admins', tenantId } : { kind: 'tenant', tenantId },
    );
    return ticket;
  }

  private insert(
    tenantId: string,
    fields: {
      kind: TicketKind;
      source: TicketSource;
      conversationId: string | null;
      runId: string | null;
      agentId: string | null;
      queue: string;
      subject: string;
      reason: string;
      customerMessage: string | null;
      intent: string | null;
      sentiment: TicketRow['sentiment'];
      language: Language | null;
      requester: string | null;
      priority: TicketPriority;
      assigneeId: string | null;
    },
    actor: TicketActor | null,
  ): string {
    const now = this.deps.clock.now();
    const id = uuidv7(now);
    const due = dueTimes(this.slaTargets(tenantId).targets, fields.priority, now);
    this.store.insert({ id, tenantId, ...due, createdBy: actor?.id ?? null, now, ...fields });
    this.addEvent(tenantId, id, 'opened', actor, {
      source: fields.source,
      ...(fields.reason ? { reason: fields.reason } : {}),
    });
    if (fields.assigneeId)
      this.addEvent(tenantId, id, 'assigned', actor, {
        assigneeId: fields.assigneeId,
        assigneeName: this.row(tenantId, id).assigneeName,
      });
    return id;
  }

  /** TicketsDesk: a run's hand-off step opened a ticket on its conversation (or woke its open one). */
  openFromHandoff(facts: HandoffFacts): void {
    const { tenantId, conversationId } = facts;
    const ticketId = this.atomically(() => {
      const active = this.store.activeOfConversation(tenantId, conversationId);
      if (active) {
        // handed back and handed over again before the ticket was solved: the same ticket, again open
        const row = this.row(tenantId, active);
        if (row.status !== 'new' && row.status !== 'open') this.setStatus(tenantId, row, 'open', null);
        this.addEvent(tenantId, active, 'opened', null, {
          source: 'handoff',
          again: true,
          reason: facts.reason,
          runId: facts.runId,
        });
        return active;
      }
      return this.insert(
        tenantId,
        {
          kind: 'customer',
          source: 'handoff',
          conversationId,
          runId: facts.runId,
          agentId: facts.agentId,
          queue: facts.queue.slice(0, 60),
          subject: subjectOf(facts.customerMessage),
          reason: facts.reason.slice(0, 2000),
          customerMessage: facts.customerMessage,
          intent: facts.intent,
          sentiment: facts.sentiment,
          language: facts.language,
          requester: facts.requester,
          priority: facts.sentiment === 'negative' ? 'high' : 'normal',
          assigneeId: null,
        },
        null,
      );
    });
    const ticket = this.changed(tenantId, ticketId);
    this.notify(tenantId, {
      event: 'ticket.handoff',
      severity: ticket.priority === 'urgent' ? 'SEV2' : 'SEV3',
      title: `Ticket #${ticket.number}: ${ticket.subject}`,
      body: `${facts.agentId ? 'The agent' : 'A flow'} handed a conversation to a person (queue ${ticket.queue}). The customer wrote: ${facts.customerMessage}`,
      titleMessage: message('notify.ticket.handoff_title', {
        number: ticket.number,
        subject: ticket.subject,
      }),
      bodyMessages: [
        message('notify.ticket.handoff', { number: ticket.number, queue: ticket.queue }),
        legacyMessage(facts.customerMessage.slice(0, 1000)),
      ],
      link: link(ticket.id),
      mail: {
        template: 'handoff',
        data: {
          ticketNumber: ticket.number,
          subject: ticket.subject,
          customerMessage: facts.customerMessage,
          queue: ticket.queue,
          channel: facts.channelKind,
          link: link(ticket.id),
        },
      },
    });
  }

  /** TicketsDesk: the customer wrote while a person handles the conversation. */
  customerReplied(tenantId: string, conversationId: string, said: { id: string; text: string }): void {
    const ticketId =
      this.store.activeOfConversation(tenantId, conversationId) ??
      this.store.latestOfConversation(tenantId, conversationId);
    if (!ticketId) return;
    const row = this.row(tenantId, ticketId);
    if (row.status === 'closed') return;
    this.atomically(() => {
      this.addEvent(tenantId, ticketId, 'customer_replied', null, {
        text: said.text.slice(0, 4000),
        messageId: said.id,
      });
      if (row.status === 'waiting_on_customer' || row.status === 'solved')
        this.setStatus(tenantId, row, 'open', null);
    });
    const ticket = this.changed(tenantId, ticketId);
    this.notify(tenantId, {
      event: 'ticket.customer_replied',
      severity: 'SEV4',
      title: `Ticket #${ticket.number}: the customer replied`,
      body: said.text,
      titleMessage: message('notify.ticket.customer_replied_title', {
        number: ticket.number,
        subject: ticket.subject,
      }),
      bodyMessages: [
        message('notify.ticket.customer_replied', { number: ticket.number }),
        legacyMessage(said.text.slice(0, 1000)),
      ],
      link: link(ticket.id),
    });
  }

  /**
   * A ticket by hand (or from a conversation: that conversation becomes the person's, and the agent
   * stays quiet in it), or a tenant's question to the platform's support (`kind: 'platform'`).
   */
  create(tenantId: string, input: CreateTicket, actor: TicketActor, source?: TicketSource): TicketSummary {
    if (input.assigneeId) this.checkMember(tenantId, input.assigneeId, input.kind);
    const id = this.atomically(() => {
      let conversation: ConversationSummary | null = null;
      if (input.conversationId && input.kind === 'customer') {
        conversation = this.deps.conversations.summary(tenantId, input.conversationId);
        if (!conversation) throw notFound('That conversation');
        const active = this.store.activeOfConversation(tenantId, conversation.id);
        if (active)
          throw new AppError('CONFLICT', 'This conversation already has an unsolved ticket.', {
            reason: 'conversation_has_ticket',
            params: { number: this.row(tenantId, active).number },
          });
      }
      const ticketId = this.insert(
        tenantId,
        {
          kind: input.kind,
          source: source ?? (conversation ? 'conversation' : 'manual'),
          conversationId: conversation?.id ?? null,
          runId: null,
          agentId: conversation?.agentId ?? null,
          queue: input.queue ?? 'support',
          subject: input.subject,
          reason: '',
          customerMessage: input.text?.trim() ? input.text.trim() : null,
          intent: conversation?.intent ?? null,
          sentiment: conversation?.sentiment ?? null,
          language: conversation?.language ?? null,
          requester: input.requester?.trim() || conversation?.contact || null,
          priority: input.priority ?? 'normal',
          assigneeId: input.assigneeId ?? null,
        },
        actor,
      );
      if (conversation) {
        this.deps.conversations.setHandler(tenantId, conversation.id, 'person', actor.id);
        this.addEvent(tenantId, ticketId, 'taken_over', actor, {});
      }
      return ticketId;
    });
    const ticket = this.changed(tenantId, id);
    if (ticket.kind === 'platform') this.tellPlatform(ticket);
    return ticket;
  }

  /** A tenant asked the platform's support: the platform admin hears it in their own organisation. */
  private tellPlatform(ticket: TicketSummary): void {
    const home = this.deps.platformHome?.() ?? null;
    if (!home) return;
    this.notify(home, {
      event: 'ticket.handoff',
      severity: 'SEV3',
      title: `Ticket #${ticket.number} from ${ticket.tenantName}: ${ticket.subject}`,
      body: ticket.customerMessage ?? ticket.subject,
      titleMessage: message('notify.ticket.platform_title', {
        number: ticket.number,
        organisation: ticket.tenantName,
        subject: ticket.subject,
      }),
      bodyMessages: [
        message('notify.ticket.platform', { organisation: ticket.tenantName }),
        ...(ticket.customerMessage ? [legacyMessage(ticket.customerMessage.slice(0, 1000))] : []),
      ],
      link: link(ticket.id),
    });
  }

  /**
   * The operator assistant (issue 15) hands a tenant's question to the platform's own support: a
   * platform ticket, which the platform admin sees in their queue across tenants.
   */
  openPlatformTicket(
    tenantId: string,
    question: { subject: string; text: string; requesterUserId: string | null },
  ): TicketSummary {
    const requester = question.requesterUserId
      ? (this.deps.sqlite
          .prepare<{ id: string }, { name: string; email: string }>(
            'SELECT name, email FROM users WHERE id = @id',
          )
          .get({ id: question.requesterUserId }) ?? null)
      : null;
    return this.create(
      tenantId,
      {
        kind: 'platform',
        subject: subjectOf(question.subject),
        text: question.text,
        requester: requester ? `${requester.name} <${requester.email}>` : undefined,
      },
      { id: question.requesterUserId, name: requester?.name ?? 'Mindframe' },
      'assistant',
    );
  }

  // ── working a ticket ───────────────────────────────────────────────────────────────────────────

  private checkMember(tenantId: string, userId: string, kind: TicketKind = 'customer'): void {
    if (kind === 'platform' && this.store.isPlatformAdmin(userId)) return;
    if (!this.store.isMember(tenantId, userId))
      throw new AppError('VALIDATION', 'The assignee is not a member of this organisation.', {
        field: 'assigneeId',
        reason: 'assignee_not_member',
      });
  }

  private refuseClosed(row: TicketRow): void {
    if (row.status === 'closed')
      throw new AppError('CONFLICT', 'This ticket is closed.', { reason: 'ticket_closed' });
  }

  /** Moves the status and what comes with it (solved and closed times; a closed ticket's conversation back to its agent). */
  private setStatus(tenantId: string, row: TicketRow, to: TicketStatus, actor: TicketActor | null): void {
    if (row.status === to) return;
    const now = this.deps.clock.now();
    const changes: TicketChanges = { status: to };
    if (to === 'solved' || to === 'closed') changes.solvedAt = row.solvedAt ?? now;
    else changes.solvedAt = null;
    if (to === 'closed') changes.closedAt = now;
    this.store.update(tenantId, row.id, changes, now);
    this.addEvent(tenantId, row.id, 'status', actor, { from: row.status, to });
    if (
      to === 'closed' &&
      row.conversationId &&
      this.deps.conversations.handlerOf(tenantId, row.conversationId) === 'person'
    ) {
      // nobody works a closed ticket: the agent answers the conversation again
      this.deps.conversations.setHandler(tenantId, row.conversationId, 'agent', null);
      this.addEvent(tenantId, row.id, 'handed_back', actor, {});
    }
  }

  update(tenantId: string, ticketId: string, input: UpdateTicket, actor: TicketActor): TicketSummary {
    const row = this.row(tenantId, ticketId);
    this.refuseClosed(row);
    if (input.assigneeId) this.checkMember(tenantId, input.assigneeId, row.kind);
    this.atomically(() => {
      const now = this.deps.clock.now();
      if (input.priority !== undefined && input.priority !== row.priority) {
        const due = dueTimes(this.slaTargets(tenantId).targets, input.priority, row.createdAt);
        this.store.update(tenantId, ticketId, { priority: input.priority, ...due }, now);
        this.addEvent(tenantId, ticketId, 'priority', actor, { from: row.priority, to: input.priority });
      }
      if (input.assigneeId !== undefined && input.assigneeId !== row.assigneeId) {
        this.store.update(tenantId, ticketId, { assigneeId: input.assigneeId }, now);
        this.addEvent(tenantId, ticketId, 'assigned', actor, {
          assigneeId: input.assigneeId,
          assigneeName: input.assigneeId ? this.row(tenantId, ticketId).assigneeName : null,
        });
      }
      if (input.queue !== undefined && input.queue !== row.queue) {
        this.store.update(tenantId, ticketId, { queue: input.queue }, now);
        this.addEvent(tenantId, ticketId, 'queue', actor, { from: row.queue, to: input.queue });
      }
      if (input.tags !== undefined) {
        const tags = [...new Set(input.tags)];
        if (JSON.stringify(tags) !== JSON.stringify(parseTags(row.tags))) {
          this.store.update(tenantId, ticketId, { tags: JSON.stringify(tags) }, now);
          this.addEvent(tenantId, ticketId, 'tags', actor, { tags });
        }
      }
      if (input.subject !== undefined && input.subject !== row.subject) {
        this.store.update(tenantId, ticketId, { subject: input.subject }, now);
        this.addEvent(tenantId, ticketId, 'subject', actor, { from: row.subject, to: input.subject });
      }
      if (input.status !== undefined)
        this.setStatus(tenantId, this.row(tenantId, ticketId), input.status, actor);
    });
    return this.changed(tenantId, ticketId);
  }

  note(tenantId: string, ticketId: string, text: string, actor: TicketActor): TicketEvent {
    const row = this.row(tenantId, ticketId);
    this.refuseClosed(row);
    const event = this.atomically(() => this.addEvent(tenantId, ticketId, 'note', actor, { text }));
    this.changed(tenantId, ticketId);
    return event;
  }

  /** The conversation back to its agent: it answers the customer's next message again. */
  handBack(tenantId: string, ticketId: string, actor: TicketActor): TicketSummary {
    const row = this.row(tenantId, ticketId);
    this.refuseClosed(row);
    if (!row.conversationId)
      throw new AppError('CONFLICT', 'This ticket has no conversation.', {
        reason: 'ticket_no_conversation',
      });
    const conversationId = row.conversationId;
    this.atomically(() => {
      this.deps.conversations.setHandler(tenantId, conversationId, 'agent', null);
      this.addEvent(tenantId, ticketId, 'handed_back', actor, {});
    });
    return this.changed(tenantId, ticketId);
  }

  /**
   * Checks a reply can go out and sends it through the conversation's channel: the website widget
   * reads it from the conversation; an e-mail goes out now, in the customer's thread. Answers what
   * `recordReply` keeps. Refusals: CONFLICT `ticket_closed` / `ticket_no_conversation` /
   * `reply_no_transport`, UNAVAILABLE `reply_not_sent` (the mail server did not take it; nothing kept).
   */
  async sendReply(
    tenantId: string,
    ticketId: string,
    text: string,
  ): Promise<{ meta: Record<string, unknown> | null; channel: string | null }> {
    const row = this.row(tenantId, ticketId);
    this.refuseClosed(row);
    if (!row.conversationId) {
      if (row.kind === 'platform') return { meta: null, channel: null };
      throw new AppError('CONFLICT', 'This ticket has no conversation.', {
        reason: 'ticket_no_conversation',
      });
    }
    const noTransport = () =>
      new AppError('CONFLICT', "The conversation's channel cannot carry a reply.", {
        reason: 'reply_no_transport',
      });
    const transport = this.deps.conversations.transportOf(tenantId, row.conversationId);
    if (!transport || transport.channelId === null) throw noTransport();
    if (transport.channelKind === 'web') return { meta: null, channel: 'web' };
    if (!transport.contact) throw noTransport();
    const last = this.deps.conversations.lastCustomerMessage(tenantId, row.conversationId);
    const mail = (last?.meta?.email ?? {}) as { messageId?: unknown; subject?: unknown };
    const thread = this.deps.conversations.summary(tenantId, row.conversationId);
    const sent = await this.deps.mail.sendPersonReply(tenantId, {
      channelId: transport.channelId,
      conversationId: row.conversationId,
      to: transport.contact,
      text,
      language: thread?.language ?? row.language ?? 'en',
      inReplyTo: typeof mail.messageId === 'string' ? mail.messageId : null,
      subject: typeof mail.subject === 'string' && mail.subject ? mail.subject : row.subject,
      threadKey: transport.externalKey,
    });
    if (!sent.ok) {
      if (sent.reason === 'no_transport') throw noTransport();
      throw new AppError('UNAVAILABLE', 'The mail server did not take the reply.', {
        reason: 'reply_not_sent',
      });
    }
    return { meta: { email: { messageId: sent.messageId } }, channel: 'email' };
  }

  /** Keeps a sent reply: the person's message, the first response, the status after it, the timeline. */
  recordReply(
    tenantId: string,
    ticketId: string,
    text: string,
    sent: { meta: Record<string, unknown> | null; channel: string | null },
    actor: TicketActor & { id: string },
    statusAfter: TicketStatus | undefined,
  ): { ticket: TicketSummary; message: ConversationMessage | null; event: TicketEvent } {
    const row = this.row(tenantId, ticketId);
    const result = this.atomically(() => {
      const said = row.conversationId
        ? this.deps.conversations.addPersonReply(tenantId, row.conversationId, {
            text,
            authorId: actor.id,
            meta: sent.meta,
          })
        : null;
      const now = this.deps.clock.now();
      if (row.firstRespondedAt === null)
        this.store.update(tenantId, ticketId, { firstRespondedAt: now }, now);
      const event = this.addEvent(tenantId, ticketId, 'reply', actor, {
        text,
        messageId: said?.id ?? null,
        channel: sent.channel,
      });
      this.setStatus(tenantId, this.row(tenantId, ticketId), statusAfter ?? 'waiting_on_customer', actor);
      return { message: said, event };
    });
    return { ticket: this.changed(tenantId, ticketId), ...result };
  }

  // ── SLA sweep ──────────────────────────────────────────────────────────────────────────────────

  /** Marks each missed target once: a timeline entry and a `ticket.sla_breach` notification. */
  async sweepBreaches(): Promise<number> {
    const now = this.deps.clock.now();
    let breached = 0;
    for (const due of this.store.dueForBreach(now)) {
      const marked = this.atomically(() => {
        if (!this.store.markBreached(due.tenantId, due.id, due.target, now)) return false;
        const row = this.row(due.tenantId, due.id);
        this.addEvent(due.tenantId, due.id, 'sla_breach', null, {
          target: due.target,
          dueAt: due.target === 'first_response' ? row.firstResponseDueAt : row.resolutionDueAt,
        });
        return true;
      });
      if (!marked) continue;
      breached++;
      const ticket = this.changed(due.tenantId, due.id);
      const dueAt =
        (due.target === 'first_response' ? ticket.sla.firstResponseDueAt : ticket.sla.resolutionDueAt) ?? now;
      await this.notifyNow(due.tenantId, {
        event: 'ticket.sla_breach',
        severity: ticket.priority === 'urgent' || ticket.priority === 'high' ? 'SEV2' : 'SEV3',
        title: `Ticket #${ticket.number} missed its ${due.target === 'first_response' ? 'first response' : 'resolution'} target`,
        body: `Ticket #${ticket.number} "${ticket.subject}" was due ${new Date(dueAt).toISOString()}.`,
        titleMessage: message('notify.ticket.sla_breach_title', {
          number: ticket.number,
          subject: ticket.subject,
        }),
        bodyMessages: [
          message(
            due.target === 'first_response'
              ? 'notify.ticket.sla_breach_first_response'
              : 'notify.ticket.sla_breach_resolution',
            { number: ticket.number },
          ),
        ],
        link: link(ticket.id),
        mail: {
          template: 'sla_breach',
          data: {
            ticketNumber: ticket.number,
            subject: ticket.subject,
            target: due.target,
            dueAt,
            link: link(ticket.id),
          },
        },
      });
    }
    return breached;
  }

  private notify(tenantId: string, said: NotifyMessage): void {
    void this.notifyNow(tenantId, said);
  }

  private async notifyNow(tenantId: string, said: NotifyMessage): Promise<void> {
    try {
      await this.deps.notifier.notify(tenantId, said);
    } catch (error) {
      this.deps.logger.warn(
        { err: error, module: 'tickets', event: said.event },
        'ticket notification failed',
      );
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweepBreaches().catch((error: unknown) =>
        this.deps.logger.error({ err: error, module: 'tickets' }, 'SLA sweep failed'),
      );
    }, this.deps.sweepIntervalMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
