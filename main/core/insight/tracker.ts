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

/** What a batch adds to a tenant's hourly rollups: name → hour → dim → value → sums. */
type TenantRollups = Map<string, Map<number, Map<string, Map<string, { count: number; total: number }>>>>;
/** What a batch adds to one actor's day. */
interface DaySum {
  tenantId: string;
  day: number;
  actor: string;
  firstSeen: number;
  events: number;
}
/** What a batch adds to a tenant's actor days: day → actor → sums. */
type TenantDays = Map<number, Map<string, DaySum>>;

/**
 * Events written per transaction when they come faster than `flushMs` lets them wait. Each
 * transaction dirties the rollups' and actor days' index pages once, however many events it holds
 * (at 1,000 per transaction those pages were three quarters of all bytes written); a slower stream
 * is still written within `flushMs`, so only a burst waits for a full batch.
 */
export const defaultBatchSize = 5000;

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
    this.batchSize = options.batchSize ?? defaultBatchSize;
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

  /**
   * The batch's raw rows, rollups and actor days in one transaction; answers how many rows from `from`
   * on were new. What the accepted events add is summed in maps nested the way the rows' keys lead
   * (tenant → name → hour → dimension and value; tenant → day → actor): no key text is built per event,
   * and each touched row gets one UPSERT.
   */
  private writeBatch(batch: Pending[], from = 0): number {
    const { insert, rollup, actorDay } = this.statements;
    let counted = 0;
    const touched = new Map<string, Set<number>>();
    this.deps.sqlite.transaction(() => {
      const rollups = new Map<string, TenantRollups>();
      const days = new Map<string, TenantDays>();
      // the actors' days in the order they were first met (the first-seen cache fills in that order)
      const daySums: DaySum[] = [];
      let tenantRollups: TenantRollups | undefined;
      let tenantDays: TenantDays | undefined;
      let actors: Map<string, number> | undefined;
      let lastTenant: string | undefined;
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
        if (tenantId !== lastTenant) {
          lastTenant = tenantId;
          tenantRollups = rollups.get(tenantId);
          if (!tenantRollups) rollups.set(tenantId, (tenantRollups = new Map()));
          tenantDays = days.get(tenantId);
          if (!tenantDays) days.set(tenantId, (tenantDays = new Map()));
          actors = this.actorsOf(tenantId);
        }
        const hour = at - (((at % hourMs) + hourMs) % hourMs);
        const total = summedOf(event.name, props);
        let hours = tenantRollups!.get(event.name);
        if (!hours) tenantRollups!.set(event.name, (hours = new Map()));
        let sums = hours.get(hour);
        if (!sums) hours.set(hour, (sums = new Map()));
        for (const [dim, value] of dimensionsOf(
          event.name,
          event.source ?? null,
          event.campaign ?? null,
          props,
        )) {
          let values = sums.get(dim);
          if (!values) sums.set(dim, (values = new Map()));
          const sum = values.get(value);
          if (sum) {
            sum.count += 1;
            sum.total += total;
          } else values.set(value, { count: 1, total });
        }
        const day = at - (((at % dayMs) + dayMs) % dayMs);
        let dayActors = tenantDays!.get(day);
        if (!dayActors) tenantDays!.set(day, (dayActors = new Map()));
        const entry = dayActors.get(event.actor);
        if (entry) {
          entry.events += 1;
          if (at < entry.firstSeen) entry.firstSeen = at;
        } else {
          // the first time seen as far as known before this batch (this event's own time at most)
          const known = actors!.get(event.actor);
          const sum: DaySum = {
            tenantId,
            day,
            actor: event.actor,
            firstSeen: known !== undefined && known < at ? known : at,
            events: 1,
          };
          dayActors.set(event.actor, sum);
          daySums.push(sum);
        }
      }
      const row = { tenantId: '', hour: 0, name: '', dim: '', value: '', count: 0, total: 0 };
      for (const [tenantId, names] of rollups) {
        row.tenantId = tenantId;
        for (const [name, hours] of names) {
          row.name = name;
          for (const [hour, sums] of hours) {
            row.hour = hour;
            for (const [dim, values] of sums) {
              row.dim = dim;
              for (const [value, sum] of values) {
                row.value = value;
                row.count = sum.count;
                row.total = sum.total;
                rollup.run(row);
              }
            }
          }
        }
      }
      for (const sum of daySums) {
        actorDay.run(sum);
        this.noteSeen(sum.tenantId, sum.actor, sum.firstSeen);
      }
      for (const [tenantId, byDay] of days) if (byDay.size > 0) touched.set(tenantId, new Set(byDay.keys()));
    })();
    for (const [tenantId, list] of touched) this.onWritten?.(tenantId, list);
    return counted;
  }

  /** A tenant's cached first-seen times (actor → ms), loaded from insight_actor_days the first time. */
  private actorsOf(tenantId: string): Map<string, number> {
    let actors = this.firstSeen.get(tenantId);
    if (!actors) {
      actors = new Map();
      for (const row of this.statements.firstSeen.iterate({ tenantId, limit: this.firstSeenLimit }))
        actors.set(row.actor, row.firstSeen);
      this.firstSeen.set(tenantId, actors);
    }
    return actors;
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
