import type Database from 'better-sqlite3';

/**
 * Historical tickets (hand-offs a person answered) for `mindframe demo` only, written in bulk in one
 * transaction, numbered after the tenant's existing tickets. Nothing else calls this.
 */
export interface DemoTicketEvent {
  id: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: number;
}

export interface DemoTicket {
  id: string;
  conversationId: string | null;
  runId: string | null;
  agentId: string | null;
  queue: string;
  subject: string;
  reason: string;
  customerMessage: string | null;
  intent: string | null;
  sentiment: string | null;
  language: string | null;
  requester: string | null;
  status: 'new' | 'open' | 'waiting_on_customer' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  assigneeId: string | null;
  tags: string[];
  firstResponseDueAt: number;
  resolutionDueAt: number;
  firstRespondedAt: number | null;
  firstResponseBreachedAt: number | null;
  resolutionBreachedAt: number | null;
  solvedAt: number | null;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
  events: DemoTicketEvent[];
}

export function writeDemoTickets(
  sqlite: Database.Database,
  tenantId: string,
  tickets: readonly DemoTicket[],
): number {
  const next =
    (sqlite
      .prepare<{ tenantId: string }, { n: number }>(
        'SELECT coalesce(max(number), 0) AS n FROM tickets WHERE tenant_id = @tenantId',
      )
      .get({ tenantId })?.n ?? 0) + 1;
  const insert = sqlite.prepare(
    `INSERT INTO tickets (id, tenant_id, number, kind, source, conversation_id, run_id, agent_id, queue, subject,
       reason, customer_message, intent, sentiment, language, requester, status, priority, assignee_id, tags,
       first_response_due_at, resolution_due_at, first_responded_at, first_response_breached_at,
       resolution_breached_at, solved_at, closed_at, created_by, created_at, updated_at)
     VALUES (@id, @tenantId, @number, 'customer', 'handoff', @conversationId, @runId, @agentId, @queue, @subject,
       @reason, @customerMessage, @intent, @sentiment, @language, @requester, @status, @priority, @assigneeId, @tags,
       @firstResponseDueAt, @resolutionDueAt, @firstRespondedAt, @firstResponseBreachedAt, @resolutionBreachedAt,
       @solvedAt, @closedAt, NULL, @createdAt, @updatedAt)`,
  );
  const insertEvent = sqlite.prepare(
    `INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, actor_id, actor_name, data, created_at)
     VALUES (@id, @tenantId, @ticketId, @kind, @actorId, @actorName, @data, @createdAt)`,
  );
  let events = 0;
  sqlite.transaction(() => {
    tickets.forEach((ticket, i) => {
      const { events: list, tags, ...fields } = ticket;
      insert.run({ ...fields, tenantId, number: next + i, tags: JSON.stringify(tags) });
      for (const e of list)
        insertEvent.run({ ...e, tenantId, ticketId: ticket.id, data: JSON.stringify(e.data) });
      events += list.length;
    });
  })();
  return events;
}

/**
 * The hand-offs the demo's real conversations opened (through the real path, weeks before the demo
 * ends) were answered long ago: assigned, responded to and solved at the times given.
 */
export function settleDemoTickets(
  sqlite: Database.Database,
  tenantId: string,
  settled: readonly { conversationId: string; assigneeId: string; respondedAt: number; solvedAt: number }[],
): number {
  const update = sqlite.prepare(
    `UPDATE tickets SET status = 'closed', assignee_id = @assigneeId, first_responded_at = @respondedAt,
            solved_at = @solvedAt, closed_at = @solvedAt + 259200000, updated_at = @solvedAt + 259200000
      WHERE tenant_id = @tenantId AND conversation_id = @conversationId AND status IN ('new', 'open')`,
  );
  let changed = 0;
  sqlite.transaction(() => {
    for (const s of settled) changed += update.run({ ...s, tenantId }).changes;
  })();
  return changed;
}
