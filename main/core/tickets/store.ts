import type Database from 'better-sqlite3';
import type {
  Language,
  Sentiment,
  TicketEventKind,
  TicketKind,
  TicketPriority,
  TicketSource,
  TicketStatus,
  TicketView,
} from '../../contract';

/** A ticket row as the store reads it (names of the assignee and tenant joined in). */
export interface TicketRow {
  id: string;
  tenantId: string;
  tenantName: string;
  number: number;
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
  sentiment: Sentiment | null;
  language: Language | null;
  requester: string | null;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  assigneeName: string | null;
  tags: string;
  firstResponseDueAt: number | null;
  resolutionDueAt: number | null;
  firstRespondedAt: number | null;
  firstResponseBreachedAt: number | null;
  resolutionBreachedAt: number | null;
  solvedAt: number | null;
  closedAt: number | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewTicket {
  id: string;
  tenantId: string;
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
  sentiment: Sentiment | null;
  language: Language | null;
  requester: string | null;
  priority: TicketPriority;
  assigneeId: string | null;
  firstResponseDueAt: number | null;
  resolutionDueAt: number | null;
  createdBy: string | null;
  now: number;
}

export interface TicketEventRow {
  id: string;
  kind: TicketEventKind;
  actorName: string | null;
  data: string;
  createdAt: number;
}

export interface ListFilter {
  view: TicketView;
  status?: TicketStatus | undefined;
  active?: boolean | undefined;
  queue?: string | undefined;
  priority?: TicketPriority | undefined;
  kind?: TicketKind | undefined;
  before?: number | undefined;
  limit: number;
}

const columns = `t.id, t.tenant_id AS tenantId, tn.name AS tenantName, t.number, t.kind, t.source,
  t.conversation_id AS conversationId, t.run_id AS runId, t.agent_id AS agentId, t.queue, t.subject, t.reason,
  t.customer_message AS customerMessage, t.intent, t.sentiment, t.language, t.requester, t.status, t.priority,
  t.assignee_id AS assigneeId, u.name AS assigneeName, t.tags, t.first_response_due_at AS firstResponseDueAt,
  t.resolution_due_at AS resolutionDueAt, t.first_responded_at AS firstRespondedAt,
  t.first_response_breached_at AS firstResponseBreachedAt, t.resolution_breached_at AS resolutionBreachedAt,
  t.solved_at AS solvedAt, t.closed_at AS closedAt, t.created_by AS createdBy, t.created_at AS createdAt,
  t.updated_at AS updatedAt`;

const from = `FROM tickets t JOIN tenants tn ON tn.id = t.tenant_id LEFT JOIN users u ON u.id = t.assignee_id`;

/** Not solved or closed. */
const activeSql = `t.status NOT IN ('solved', 'closed')`;
/** Past a target it has not met (the first response while nobody replied, or the resolution). */
const breachedSql = `(${activeSql} AND ((t.first_responded_at IS NULL AND t.first_response_due_at <= @now)
  OR t.resolution_due_at <= @now))`;

/** The fields `update` may change (column names are fixed here, never from input). */
const updatable = {
  status: 'status',
  priority: 'priority',
  assigneeId: 'assignee_id',
  queue: 'queue',
  tags: 'tags',
  subject: 'subject',
  firstResponseDueAt: 'first_response_due_at',
  resolutionDueAt: 'resolution_due_at',
  firstRespondedAt: 'first_responded_at',
  solvedAt: 'solved_at',
  closedAt: 'closed_at',
  firstResponseBreachedAt: 'first_response_breached_at',
  resolutionBreachedAt: 'resolution_breached_at',
} as const;
export type TicketChanges = Partial<Record<keyof typeof updatable, string | number | null>>;

/**
 * The tickets domain's SQL (tables tickets and ticket_events): every statement bound to a tenant,
 * except the platform admin's cross-tenant queue of platform tickets and the SLA sweep.
 */
export class TicketStore {
  private readonly statements;

  constructor(private readonly sqlite: Database.Database) {
    const s = sqlite;
    this.statements = {
      insert: s.prepare(
        `INSERT INTO tickets (id, tenant_id, number, kind, source, conversation_id, run_id, agent_id, queue, subject,
           reason, customer_message, intent, sentiment, language, requester, status, priority, assignee_id, tags,
           first_response_due_at, resolution_due_at, created_by, created_at, updated_at)
         VALUES (@id, @tenantId,
           (SELECT coalesce(max(number), 0) + 1 FROM tickets WHERE tenant_id = @tenantId),
           @kind, @source, @conversationId, @runId, @agentId, @queue, @subject, @reason, @customerMessage, @intent,
           @sentiment, @language, @requester, 'new', @priority, @assigneeId, '[]', @firstResponseDueAt,
           @resolutionDueAt, @createdBy, @now, @now)`,
      ),
      get: s.prepare<{ tenantId: string; id: string }, TicketRow>(
        `SELECT ${columns} ${from} WHERE t.tenant_id = @tenantId AND t.id = @id`,
      ),
      platformTenant: s.prepare<{ id: string }, { tenantId: string }>(
        `SELECT tenant_id AS tenantId FROM tickets WHERE id = @id AND kind = 'platform'`,
      ),
      activeOfConversation: s.prepare<{ tenantId: string; conversationId: string }, { id: string }>(
        `SELECT id FROM tickets WHERE tenant_id = @tenantId AND conversation_id = @conversationId
            AND status NOT IN ('solved', 'closed')
          ORDER BY created_at DESC LIMIT 1`,
      ),
      latestOfConversation: s.prepare<{ tenantId: string; conversationId: string }, { id: string }>(
        `SELECT id FROM tickets WHERE tenant_id = @tenantId AND conversation_id = @conversationId
          ORDER BY created_at DESC LIMIT 1`,
      ),
      addEvent: s.prepare(
        `INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, actor_id, actor_name, data, created_at)
         VALUES (@id, @tenantId, @ticketId, @kind, @actorId, @actorName, @data, @now)`,
      ),
      touch: s.prepare(
        `UPDATE tickets SET updated_at = max(updated_at, @now) WHERE tenant_id = @tenantId AND id = @id`,
      ),
      events: s.prepare<{ tenantId: string; id: string }, TicketEventRow>(
        `SELECT id, kind, actor_name AS actorName, data, created_at AS createdAt FROM ticket_events
          WHERE tenant_id = @tenantId AND ticket_id = @id ORDER BY created_at, rowid`,
      ),
      queues: s.prepare<{ tenantId: string }, { queue: string }>(
        `SELECT DISTINCT queue FROM tickets WHERE tenant_id = @tenantId ORDER BY queue`,
      ),
      counts: s.prepare<
        { tenantId: string; userId: string; now: number },
        { open: number; mine: number; unassigned: number; breached: number }
      >(
        `SELECT coalesce(sum(CASE WHEN ${activeSql} THEN 1 ELSE 0 END), 0) AS open,
                coalesce(sum(CASE WHEN ${activeSql} AND t.assignee_id = @userId THEN 1 ELSE 0 END), 0) AS mine,
                coalesce(sum(CASE WHEN ${activeSql} AND t.assignee_id IS NULL THEN 1 ELSE 0 END), 0) AS unassigned,
                coalesce(sum(CASE WHEN ${breachedSql} THEN 1 ELSE 0 END), 0) AS breached
           FROM tickets t WHERE t.tenant_id = @tenantId AND t.kind = 'customer'`,
      ),
      dueForBreach: s.prepare<
        { now: number },
        { tenantId: string; id: string; target: 'first_response' | 'resolution' }
      >(
        `SELECT tenant_id AS tenantId, id, 'first_response' AS target FROM tickets t
          WHERE ${activeSql} AND first_responded_at IS NULL AND first_response_due_at <= @now
            AND first_response_breached_at IS NULL
         UNION ALL
         SELECT tenant_id AS tenantId, id, 'resolution' AS target FROM tickets t
          WHERE ${activeSql} AND resolution_due_at <= @now AND resolution_breached_at IS NULL
         LIMIT 500`,
      ),
      markFirstBreached: s.prepare(
        `UPDATE tickets SET first_response_breached_at = @now
          WHERE tenant_id = @tenantId AND id = @id AND first_response_breached_at IS NULL`,
      ),
      markResolutionBreached: s.prepare(
        `UPDATE tickets SET resolution_breached_at = @now
          WHERE tenant_id = @tenantId AND id = @id AND resolution_breached_at IS NULL`,
      ),
      isMember: s.prepare<{ tenantId: string; userId: string }, { n: number }>(
        `SELECT count(*) AS n FROM memberships WHERE tenant_id = @tenantId AND user_id = @userId AND status = 'active'`,
      ),
      isPlatformAdmin: s.prepare<{ userId: string }, { n: number }>(
        `SELECT count(*) AS n FROM users WHERE id = @userId AND is_platform_admin = 1`,
      ),
    };
  }

  insert(ticket: NewTicket): void {
    this.statements.insert.run(ticket);
  }

  get(tenantId: string, id: string): TicketRow | undefined {
    return this.statements.get.get({ tenantId, id });
  }

  /** The tenant of a platform ticket (for the platform admin, who works them from any tenant). */
  platformTenantOf(id: string): string | null {
    return this.statements.platformTenant.get({ id })?.tenantId ?? null;
  }

  activeOfConversation(tenantId: string, conversationId: string): string | null {
    return this.statements.activeOfConversation.get({ tenantId, conversationId })?.id ?? null;
  }

  latestOfConversation(tenantId: string, conversationId: string): string | null {
    return this.statements.latestOfConversation.get({ tenantId, conversationId })?.id ?? null;
  }

  update(tenantId: string, id: string, changes: TicketChanges, now: number): void {
    const sets: string[] = ['updated_at = @now'];
    const params: Record<string, unknown> = { tenantId, id, now };
    for (const [key, column] of Object.entries(updatable)) {
      const value = changes[key as keyof TicketChanges];
      if (value === undefined) continue;
      sets.push(`${column} = @${key}`);
      params[key] = value;
    }
    this.sqlite
      .prepare(`UPDATE tickets SET ${sets.join(', ')} WHERE tenant_id = @tenantId AND id = @id`)
      .run(params);
  }

  addEvent(event: {
    id: string;
    tenantId: string;
    ticketId: string;
    kind: TicketEventKind;
    actorId: string | null;
    actorName: string | null;
    data: Record<string, unknown>;
    now: number;
  }): void {
    this.statements.addEvent.run({ ...event, data: JSON.stringify(event.data) });
    this.statements.touch.run({ tenantId: event.tenantId, id: event.ticketId, now: event.now });
  }

  events(tenantId: string, id: string): TicketEventRow[] {
    return this.statements.events.all({ tenantId, id });
  }

  queues(tenantId: string): string[] {
    return this.statements.queues.all({ tenantId }).map((row) => row.queue);
  }

  counts(tenantId: string, userId: string, now: number) {
    return this.statements.counts.get({ tenantId, userId, now })!;
  }

  /**
   * Tickets of a tenant by the Inbox's filters, latest activity first; `allTenants` (a platform
   * admin's queue of platform tickets) drops the tenant clause and keeps platform tickets only.
   */
  list(
    tenantId: string,
    filter: ListFilter,
    who: { userId: string; allTenants: boolean },
    now: number,
  ): TicketRow[] {
    const clauses: string[] = [];
    const params: Record<string, unknown> = { now };
    if (who.allTenants) clauses.push(`t.kind = 'platform'`);
    else {
      clauses.push('t.tenant_id = @tenantId');
      params.tenantId = tenantId;
      clauses.push('t.kind = @kind');
      params.kind = filter.kind ?? 'customer';
    }
    if (filter.view === 'mine') {
      clauses.push('t.assignee_id = @userId');
      params.userId = who.userId;
    } else if (filter.view === 'unassigned') clauses.push(`t.assignee_id IS NULL AND ${activeSql}`);
    else if (filter.view === 'breached') clauses.push(breachedSql);
    if (filter.status !== undefined) {
      clauses.push('t.status = @status');
      params.status = filter.status;
    } else if (filter.active) clauses.push(activeSql);
    if (filter.queue !== undefined) {
      clauses.push('t.queue = @queue');
      params.queue = filter.queue;
    }
    if (filter.priority !== undefined) {
      clauses.push('t.priority = @priority');
      params.priority = filter.priority;
    }
    if (filter.before !== undefined) {
      clauses.push('t.updated_at < @before');
      params.before = filter.before;
    }
    params.limit = Math.max(1, Math.min(200, Math.floor(filter.limit)));
    return this.sqlite
      .prepare<Record<string, unknown>, TicketRow>(
        `SELECT ${columns} ${from} WHERE ${clauses.join(' AND ')} ORDER BY t.updated_at DESC, t.id DESC LIMIT @limit`,
      )
      .all(params);
  }

  /** Targets missed and not yet warned about, across tenants (the SLA sweep). */
  dueForBreach(now: number): { tenantId: string; id: string; target: 'first_response' | 'resolution' }[] {
    return this.statements.dueForBreach.all({ now });
  }

  /** Marks a target missed; false when another sweep did already. */
  markBreached(tenantId: string, id: string, target: 'first_response' | 'resolution', now: number): boolean {
    const statement =
      target === 'first_response'
        ? this.statements.markFirstBreached
        : this.statements.markResolutionBreached;
    return statement.run({ tenantId, id, now }).changes > 0;
  }

  isMember(tenantId: string, userId: string): boolean {
    return (this.statements.isMember.get({ tenantId, userId })?.n ?? 0) > 0;
  }

  /** Platform admins work platform tickets of every tenant (they may be assigned one). */
  isPlatformAdmin(userId: string): boolean {
    return (this.statements.isPlatformAdmin.get({ userId })?.n ?? 0) > 0;
  }
}
