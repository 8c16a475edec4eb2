import type Database from 'better-sqlite3';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { dimensionsOf, summedOf, type PropValue } from './dimensions';

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** One event as a domain (or another system, or an import) tells it. */
export interface TrackInput {
  /** e.g. "conversation.started", "run.finished", "order.created". */
  name: string;
  /** Who did it: a visitor id, a user id, an API key's id, a customer's e-mail … */
  actor: string;
  session?: string | null;
  /** Where it came from: web, email, voice, api, app, import … */
  source?: string | null;
  campaign?: string | null;
  /** Epoch ms; now when absent. */
  at?: number;
  props?: Record<string, PropValue> | null;
  /** The sender's id: a second event with the same id (per tenant) is dropped and counts nowhere. */
  id?: string | null;
}

/** What domains see of the tracker: one call per thing that happened (it never throws). */
export interface TrackPort {
  track(tenantId: string, event: TrackInput): void;
}

export interface WriteResult {
  accepted: number;
  duplicates: number;
}

interface Pending {
  tenantId: string;
  event: TrackInput;
}

export interface InsightTrackerOptions {
  /** Events kept in memory before they are written (one transaction). */
  batchSize?: number;
  /** How long an event may wait to be written, ms. */
  flushMs?: number;
  /** At most this many actors' first-seen times are cached per tenant. */
  firstSeenCache?: number;
}

/**
 * The `track()` port of the insight domain (issue 17). Events are buffered and written in batched
 * transactions (when `batchSize` are waiting, after `flushMs`, and on stop); each batch writes its
 * raw events (INSERT OR IGNORE on the partial unique index of the sender's id, so a duplicate counts
 * nowhere), then adds up in memory what the accepted events change in the hourly rollups and in the
 * actors' days, and writes one UPSERT per touched key, all in the same transaction.
 */
export class InsightTracker implements TrackPort {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly batchSize: number;
  private readonly flushMs: number;
  private readonly firstSeenLimit: number;
  /** tenant → actor → first time seen (ms); loaded once per tenant from insight_actor_days. */
  private readonly firstSeen = new Map<string, Map<string, number>>();
  private readonly statements;
  /** Told after each write which days (UTC) of which tenants gained events (caches drop them). */
  onWritten: ((tenantId: string, days: Set<number>) => void) | undefined;

  constructor(
    private readonly deps: { sqlite: Database.Database; clock: Clock; logger: Logger },
    options: InsightTrackerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.flushMs = options.flushMs ?? 200;
    this.firstSeenLimit = options.firstSeenCache ?? 200_000;
    const s = deps.sqlite;
    this.statements = {
      insert: s.prepare<{
        tenantId: string;
        name: string;
        actor: string;
        session: string | null;
        source: string | null;
        campaign: string | null;
        at: number;
        props: string | null;
        dedupeId: string | null;
      }>(
        `INSERT OR IGNORE INTO insight_events (tenant_id, name, actor, session, source, campaign, at, props, dedupe_id)
         VALUES (@tenantId, @name, @actor, @session, @source, @campaign, @at, @props, @dedupeId)`,
      ),
      rollup: s.prepare<{
        tenantId: string;
        hour: number;
        name: string;
        dim: string;
        value: string;
        count: number;
        total: number;
      }>(
        `INSERT INTO insight_rollups (tenant_id, hour, name, dim, value, count, total)
         VALUES (@tenantId, @hour, @name, @dim, @value, @count, @total)
         ON CONFLICT (tenant_id, name, dim, value, hour)
         DO UPDATE SET count = count + excluded.count, total = total + excluded.total`,
      ),
      actorDay: s.prepare<{
        tenantId: string;
        day: number;
        actor: string;
        firstSeen: number;
        events: number;
      }>(
        `INSERT INTO insight_actor_days (tenant_id, day, actor, first_seen, events)
         VALUES (@tenantId, @day, @actor, @firstSeen, @events)
         ON CONFLICT (tenant_id, day, actor)
         DO UPDATE SET events = events + excluded.events, first_seen = min(first_seen, excluded.first_seen)`,
      ),
      firstSeen: s.prepare<{ tenantId: string; limit: number }, { actor: string; firstSeen: number }>(
        `SELECT actor, min(first_seen) AS firstSeen FROM insight_actor_days
          WHERE tenant_id = @tenantId GROUP BY actor LIMIT @limit`,
      ),
    };
  }

  /** Buffers one event; it is written within `flushMs` (or sooner, when the batch is full). */
  track(tenantId: string, event: TrackInput): void {
    this.pending.push({
      tenantId,
      event: event.at === undefined ? { ...event, at: this.deps.clock.now() } : event,
    });
    if (this.pending.length >= this.batchSize) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushMs);
      this.timer.unref?.();
    }
  }

  /** Writes what is buffered now (a failure is logged; tracking never breaks the caller). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    if (!this.deps.sqlite.open) return;
    try {
      this.writeBatch(batch);
    } catch (error) {
      this.deps.logger.warn({ module: 'insight', err: error, count: batch.length }, 'events not written');
    }
  }

  /**
   * Writes a tenant's events now, in one transaction (with what was buffered before them), and says
   * how many were new and how many repeated an id already seen. For ingest and import, which answer
   * with those counts.
   */
  write(tenantId: string, events: TrackInput[]): WriteResult {
    const now = this.deps.clock.now();
    const batch = this.pending.splice(0);
    clearTimeout(this.timer);
    this.timer = undefined;
    const start = batch.length;
    for (const event of events)
      batch.push({ tenantId, event: event.at === undefined ? { ...event, at: now } : event });
    const accepted = this.writeBatch(batch, start);
    return { accepted, duplicates: events.length - accepted };
  }

  /** Writes everything buffered and stops the timer. */
  stop(): void {
    this.flush();
  }

  /** The batch's raw rows, rollups and actor days in one transaction; answers how many rows from `from` on were new. */
  private writeBatch(batch: Pending[], from = 0): number {
    const { insert, rollup, actorDay } = this.statements;
    let counted = 0;
    const touched = new Map<string, Set<number>>();
    this.deps.sqlite.transaction(() => {
      const rollups = new Map<
        string,
        {
          tenantId: string;
          hour: number;
          name: string;
          dim: string;
          value: string;
          count: number;
          total: number;
        }
      >();
      const days = new Map<
        string,
        { tenantId: string; day: number; actor: string; firstSeen: number; events: number }
      >();
      for (let i = 0; i < batch.length; i++) {
        const { tenantId, event } = batch[i]!;
        const at = event.at!;
        const props = event.props && Object.keys(event.props).length > 0 ? event.props : null;
        const result = insert.run({
          tenantId,
          name: event.name,
          actor: event.actor,
          session: event.session ?? null,
          source: event.source ?? null,
          campaign: event.campaign ?? null,
          at,
          props: props ? JSON.stringify(props) : null,
          dedupeId: event.id ?? null,
        });
        if (result.changes === 0) continue;
        if (i >= from) counted++;
        const hour = at - (((at % hourMs) + hourMs) % hourMs);
        const total = summedOf(event.name, props);
        for (const [dim, value] of dimensionsOf(
          event.name,
          event.source ?? null,
          event.campaign ?? null,
          props,
        )) {
          const key = `${tenantId}\u0000${event.name}\u0000${dim}\u0000${value}\u0000${hour}`;
          const row = rollups.get(key);
          if (row) {
            row.count += 1;
            row.total += total;
          } else rollups.set(key, { tenantId, hour, name: event.name, dim, value, count: 1, total });
        }
        const day = at - (((at % dayMs) + dayMs) % dayMs);
        const dayKey = `${tenantId}\u0000${day}\u0000${event.actor}`;
        const entry = days.get(dayKey);
        if (entry) {
          entry.events += 1;
          if (at < entry.firstSeen) entry.firstSeen = at;
        } else
          days.set(dayKey, {
            tenantId,
            day,
            actor: event.actor,
            firstSeen: this.firstSeenOf(tenantId, event.actor, at),
            events: 1,
          });
      }
      for (const row of rollups.values()) rollup.run(row);
      for (const row of days.values()) {
        actorDay.run(row);
        this.noteSeen(row.tenantId, row.actor, row.firstSeen);
        const list = touched.get(row.tenantId);
        if (list) list.add(row.day);
        else touched.set(row.tenantId, new Set([row.day]));
      }
    })();
    for (const [tenantId, list] of touched) this.onWritten?.(tenantId, list);
    return counted;
  }

  /** The first time an actor was seen, as far as known before this event (the event's own time at most). */
  private firstSeenOf(tenantId: string, actor: string, at: number): number {
    let actors = this.firstSeen.get(tenantId);
    if (!actors) {
      actors = new Map();
      for (const row of this.statements.firstSeen.iterate({ tenantId, limit: this.firstSeenLimit }))
        actors.set(row.actor, row.firstSeen);
      this.firstSeen.set(tenantId, actors);
    }
    const known = actors.get(actor);
    return known !== undefined && known < at ? known : at;
  }

  private noteSeen(tenantId: string, actor: string, firstSeen: number): void {
    const actors = this.firstSeen.get(tenantId);
    if (!actors) return;
    const known = actors.get(actor);
    if (known !== undefined && known <= firstSeen) return;
    if (known === undefined && actors.size >= this.firstSeenLimit) return;
    actors.set(actor, firstSeen);
  }

  /** Forgets a tenant's cached first-seen times (its rows were deleted or replaced). */
  forget(tenantId: string): void {
    this.firstSeen.delete(tenantId);
  }
}
