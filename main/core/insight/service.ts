import type Database from 'better-sqlite3';
import type { AuditEntry, ConversationSummary, RunSummary, TicketSummary } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus, EventEnvelope } from '../lib/events';
import type { Logger } from '../lib/logger';
import { InsightQueries } from './queries';
import { InsightTracker, type InsightTrackerOptions, type TrackInput } from './tracker';

const dayMs = 86_400_000;

/** Raw events are kept this long unless the tenant says otherwise (rollups and actor days stay). */
export const defaultRetentionDays = 400;
const retentionKey = 'insight.retentionDays';

/**
 * The insight domain's service: the `track()` port (InsightTracker), the dashboards' queries, the
 * tenant's retention setting and its daily sweep, and the feed from the other domains' events.
 *
 * The feed listens to what the domains already announce on the core's event bus (conversations,
 * tickets, runs, audit entries of sign-ins, billing changes) and tracks each as an insight event
 * with an id derived from the record (`mf:conv:<id>:started` …), so an announcement heard twice (a
 * conversation changes many times) is one event. Searches and API calls are tracked where they
 * happen (search handlers, the guard) with one line each.
 */
export class InsightService {
  readonly tracker: InsightTracker;
  readonly queries: InsightQueries;
  private unsubscribe: (() => void) | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private firstSweep: NodeJS.Timeout | undefined;
  private readonly statements;
  /** The scheduled reports (reports.ts): they start and stop with the service. */
  private reports: { start(): void; stop(): void } | undefined;

  constructor(
    private readonly deps: {
      sqlite: Database.Database;
      clock: Clock;
      logger: Logger;
      events: EventBus;
      tracker?: InsightTrackerOptions;
    },
  ) {
    this.tracker = new InsightTracker(deps, deps.tracker);
    this.queries = new InsightQueries(deps.sqlite);
    // a day that gains events is read again from the rollups
    this.tracker.onWritten = (tenantId, days) => this.queries.forgetDays(tenantId, days);
    const s = deps.sqlite;
    this.statements = {
      setting: s.prepare<{ tenantId: string; key: string }, { value: string }>(
        'SELECT value FROM settings WHERE tenant_id = @tenantId AND key = @key',
      ),
      save: s.prepare<{ tenantId: string; key: string; value: string; now: number }>(
        `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (@tenantId, @key, @value, @now)
         ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
      tenants: s.prepare<[], { id: string }>('SELECT id FROM tenants'),
      sweep: s.prepare<{ tenantId: string; cutoff: number }>(
        `DELETE FROM insight_events WHERE seq IN
           (SELECT seq FROM insight_events WHERE tenant_id = @tenantId AND at < @cutoff LIMIT 5000)`,
      ),
    };
    // the feed follows the domains from the start
    this.unsubscribe = deps.events.subscribe((envelope) => this.onEvent(envelope));
  }

  // ── settings and retention ────────────────────────────────────────────────────────────────────

  retentionDays(tenantId: string): number {
    const row = this.statements.setting.get({ tenantId, key: retentionKey });
    const days = row ? Number(row.value) : NaN;
    return Number.isInteger(days) && days > 0 ? days : defaultRetentionDays;
  }

  saveRetentionDays(tenantId: string, days: number): void {
    this.statements.save.run({
      tenantId,
      key: retentionKey,
      value: String(days),
      now: this.deps.clock.now(),
    });
  }

  /** Deletes raw events older than each tenant's retention (rollups and actor days stay); answers the count per tenant. */
  sweep(): Map<string, number> {
    this.tracker.flush();
    const deleted = new Map<string, number>();
    for (const { id: tenantId } of this.statements.tenants.all()) {
      const cutoff = this.deps.clock.now() - this.retentionDays(tenantId) * dayMs;
      let count = 0;
      for (;;) {
        const changes = this.deps.sqlite.transaction(
          () => this.statements.sweep.run({ tenantId, cutoff }).changes,
        )();
        count += changes;
        if (changes < 5000) break;
      }
      if (count > 0) deleted.set(tenantId, count);
    }
    return deleted;
  }

  /** The scheduled e-mailed reports start and stop with the service. */
  useReports(reports: { start(): void; stop(): void }): void {
    this.reports = reports;
  }

  start(): void {
    this.reports?.start();
    const run = () => {
      try {
        const deleted = this.sweep();
        if (deleted.size > 0)
          this.deps.logger.info(
            { module: 'insight', deleted: Object.fromEntries(deleted) },
            'old events removed',
          );
      } catch (error) {
        this.deps.logger.warn({ module: 'insight', err: error }, 'event retention sweep failed');
      }
    };
    this.firstSweep = setTimeout(run, 60_000);
    this.firstSweep.unref?.();
    this.sweepTimer = setInterval(run, dayMs);
    this.sweepTimer.unref?.();
  }

  stop(): void {
    this.reports?.stop();
    clearTimeout(this.firstSweep);
    clearInterval(this.sweepTimer);
    this.tracker.stop();
    this.queries.forgetAll();
  }

  /** Stops following the bus (the core closes). */
  close(): void {
    this.stop();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  // ── the feed ──────────────────────────────────────────────────────────────────────────────────

  private onEvent(envelope: EventEnvelope): void {
    if (envelope.to.kind !== 'tenant') return;
    const tenantId = envelope.to.tenantId;
    const track = (event: TrackInput) => this.tracker.track(tenantId, event);
    switch (envelope.name) {
      case 'conversation.changed': {
        const { conversation, deleted } = envelope.payload as {
          conversation: ConversationSummary;
          deleted: boolean;
        };
        if (!deleted) conversationEvents(conversation).forEach(track);
        break;
      }
      case 'ticket.changed':
        ticketEvents((envelope.payload as { ticket: TicketSummary }).ticket).forEach(track);
        break;
      case 'run.finished':
        track(runEvent(envelope.payload as RunSummary));
        break;
      case 'audit.appended': {
        const entry = envelope.payload as AuditEntry;
        if (entry.action === 'auth.login' && entry.actorId)
          track({
            name: 'auth.sign_in',
            actor: entry.actorId,
            at: entry.at,
            source: 'app',
            props: { method: typeof entry.details.method === 'string' ? entry.details.method : 'password' },
            id: `mf:audit:${entry.id}`,
          });
        break;
      }
      case 'billing.changed':
        track({ name: 'billing.changed', actor: 'billing', source: 'billing' });
        break;
      default:
    }
  }
}

/** What of a conversation its events read (a whole summary fits; the demo's history passes these). */
export type ConversationFacts = Pick<
  ConversationSummary,
  | 'id'
  | 'contact'
  | 'channelKind'
  | 'language'
  | 'agentId'
  | 'createdAt'
  | 'updatedAt'
  | 'closedAt'
  | 'messageCount'
  | 'sentiment'
  | 'intent'
  | 'rating'
  | 'personAnswered'
>;

/** What a conversation's announcement adds: its start, each new message, its rating and its end. */
export function conversationEvents(c: ConversationFacts): TrackInput[] {
  const actor = c.contact ?? `conversation:${c.id}`;
  const base = { actor, session: c.id, source: c.channelKind };
  const language = c.language ?? 'unknown';
  const props = { channel: c.channelKind, language, agent: c.agentId };
  const out: TrackInput[] = [
    { ...base, name: 'conversation.started', at: c.createdAt, props, id: `mf:conv:${c.id}:started` },
  ];
  if (c.messageCount > 0)
    out.push({
      ...base,
      name: 'conversation.message',
      at: c.updatedAt,
      props: { ...props, sentiment: c.sentiment, intent: c.intent, count: c.messageCount },
      id: `mf:conv:${c.id}:message:${c.messageCount}`,
    });
  if (c.rating)
    out.push({
      ...base,
      name: 'conversation.rated',
      at: c.updatedAt,
      props: { ...props, rating: c.rating },
      id: `mf:conv:${c.id}:rated`,
    });
  if (c.closedAt !== null)
    out.push({
      ...base,
      name: 'conversation.closed',
      at: c.closedAt,
      props: { ...props, contained: !c.personAnswered },
      id: `mf:conv:${c.id}:closed:${c.closedAt}`,
    });
  return out;
}

/** What of a ticket its events read. */
export type TicketFacts = Pick<
  TicketSummary,
  | 'id'
  | 'requester'
  | 'channelKind'
  | 'language'
  | 'priority'
  | 'source'
  | 'conversationId'
  | 'createdAt'
  | 'status'
  | 'solvedAt'
> & { sla: Pick<TicketSummary['sla'], 'firstRespondedAt'> };

/** What a ticket's announcement adds: a hand-off when opened by one, a person's first reply, solving. */
export function ticketEvents(t: TicketFacts): TrackInput[] {
  const actor = t.requester ?? `ticket:${t.id}`;
  const channel = t.channelKind ?? 'none';
  const props = { channel, language: t.language ?? 'unknown', priority: t.priority };
  const out: TrackInput[] = [];
  if (t.source === 'handoff')
    out.push({
      name: 'conversation.handoff',
      actor,
      session: t.conversationId,
      source: t.channelKind,
      at: t.createdAt,
      props,
      id: `mf:ticket:${t.id}:handoff`,
    });
  if (t.sla.firstRespondedAt !== null)
    out.push({
      name: 'ticket.first_response',
      actor,
      session: t.conversationId,
      source: t.channelKind,
      at: t.sla.firstRespondedAt,
      props: { ...props, seconds: Math.max(0, (t.sla.firstRespondedAt - t.createdAt) / 1000) },
      id: `mf:ticket:${t.id}:first_response`,
    });
  if (t.status === 'solved' && t.solvedAt !== null)
    out.push({
      name: 'ticket.solved',
      actor,
      session: t.conversationId,
      source: t.channelKind,
      at: t.solvedAt,
      props: { ...props, seconds: Math.max(0, (t.solvedAt - t.createdAt) / 1000) },
      id: `mf:ticket:${t.id}:solved:${t.solvedAt}`,
    });
  return out;
}

/** What of a run its event reads. */
export type RunFacts = Pick<
  RunSummary,
  | 'id'
  | 'agentId'
  | 'status'
  | 'trigger'
  | 'costMicros'
  | 'tokensIn'
  | 'tokensOut'
  | 'createdAt'
  | 'startedAt'
  | 'finishedAt'
>;

/** A finished run, with its cost and tokens. */
export function runEvent(run: RunFacts): TrackInput {
  return {
    name: 'run.finished',
    actor: `agent:${run.agentId}`,
    source: run.trigger,
    at: run.finishedAt ?? run.createdAt,
    props: {
      status: run.status,
      agent: run.agentId,
      trigger: run.trigger,
      cost: run.costMicros,
      tokensIn: run.tokensIn,
      tokensOut: run.tokensOut,
      tokens: run.tokensIn + run.tokensOut,
      seconds:
        run.startedAt !== null && run.finishedAt !== null ? (run.finishedAt - run.startedAt) / 1000 : null,
    },
    id: `mf:run:${run.id}:finished`,
  };
}
