import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { conversations } from './conversations';

const tenantId = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/**
 * A ticket: a question that needs a person (issue 14). Opened by a flow's hand-off step, by hand, from
 * a conversation, or by the operator assistant. `kind = 'platform'` tickets are a tenant's questions
 * to the installation's own support (the platform admin's queue); their tenant is the requester.
 */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    /** Per-tenant running number people say out loud ("ticket 42"). */
    number: integer('number').notNull(),
    kind: text('kind', { enum: ['customer', 'platform'] })
      .notNull()
      .default('customer'),
    source: text('source', { enum: ['handoff', 'manual', 'conversation', 'assistant'] }).notNull(),
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    /** The run whose hand-off step opened it. */
    runId: text('run_id'),
    agentId: text('agent_id'),
    queue: text('queue').notNull().default('support'),
    subject: text('subject').notNull(),
    /** Why it was handed over (the step's reason, rendered). */
    reason: text('reason').notNull().default(''),
    /** The customer's last message when the ticket was opened. */
    customerMessage: text('customer_message'),
    intent: text('intent'),
    sentiment: text('sentiment'),
    language: text('language'),
    /** Who asked, as far as anyone knows (an e-mail address, a name). */
    requester: text('requester'),
    status: text('status', { enum: ['new', 'open', 'waiting_on_customer', 'solved', 'closed'] })
      .notNull()
      .default('new'),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] })
      .notNull()
      .default('normal'),
    assigneeId: text('assignee_id'),
    /** JSON array of tags. */
    tags: text('tags').notNull().default('[]'),
    firstResponseDueAt: integer('first_response_due_at'),
    resolutionDueAt: integer('resolution_due_at'),
    firstRespondedAt: integer('first_responded_at'),
    /** When a breach warning went out (so it goes out once). */
    firstResponseBreachedAt: integer('first_response_breached_at'),
    resolutionBreachedAt: integer('resolution_breached_at'),
    solvedAt: integer('solved_at'),
    closedAt: integer('closed_at'),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('tickets_tenant_number_idx').on(t.tenantId, t.number),
    index('tickets_tenant_status_idx').on(t.tenantId, t.status, t.updatedAt),
    index('tickets_tenant_conversation_idx').on(t.tenantId, t.conversationId),
    index('tickets_kind_status_idx').on(t.kind, t.status, t.updatedAt),
  ],
);

/** A ticket's timeline: status and assignment changes, notes, replies, SLA warnings (data is JSON). */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actorId: text('actor_id'),
    /** The actor's name at the time (kept when the member is removed). */
    actorName: text('actor_name'),
    data: text('data').notNull().default('{}'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.tenantId, t.ticketId, t.createdAt)],
);
