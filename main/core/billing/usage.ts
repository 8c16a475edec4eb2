import type Database from 'better-sqlite3';
import type { MessageKey, PlanLimits, UsageMetric } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { message } from '../lib/message';
import type { Notifier } from '../notify/types';
import type { Entitlements } from './entitlements';

export interface UsagePeriod {
  start: number;
  end: number;
}

const limitOf: Record<UsageMetric, keyof PlanLimits> = {
  conversations: 'conversationsPerMonth',
  runs: 'runsPerMonth',
  tokens: 'tokensPerMonth',
};

/** The notices' titles per metric: at 80 % ('warning') and at the limit. */
const noticeTitles: Record<UsageMetric, Record<'warning' | 'limit', MessageKey>> = {
  conversations: {
    warning: 'notify.billing.conversations_warning_title',
    limit: 'notify.billing.conversations_limit_title',
  },
  runs: { warning: 'notify.billing.runs_warning_title', limit: 'notify.billing.runs_limit_title' },
  tokens: { warning: 'notify.billing.tokens_warning_title', limit: 'notify.billing.tokens_limit_title' },
};

interface CounterRow {
  count: number;
  warned_at: number | null;
  limit_reached_at: number | null;
}

/** The calendar month (UTC) holding `now`. */
export function calendarMonth(now: number): UsagePeriod {
  const date = new Date(now);
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return { start, end };
}

/**
 * Usage per tenant, metric and period (issue 16): conversations, runs and tokens, counted as they
 * happen in `usage_counters`. The period is the subscription's current period when one is known
 * (carried forward while offline), else the calendar month (UTC). Passing 80 % and 100 % of the
 * plan's limit tells the organisation once per period each (a notification through its rules) and
 * emits `billing.changed`, so the owners' banner shows.
 */
export class UsageCounters {
  private readonly statements;

  constructor(
    sqlite: Database.Database,
    private readonly deps: {
      clock: Clock;
      events: EventBus;
      logger: Logger;
      entitlements: Entitlements;
      notifier: () => Notifier;
    },
  ) {
    this.statements = {
      subscription: sqlite.prepare<
        { tenantId: string },
        { current_period_start: number | null; current_period_end: number | null }
      >(
        'SELECT current_period_start, current_period_end FROM billing_subscriptions WHERE tenant_id = @tenantId',
      ),
      add: sqlite.prepare<{ tenantId: string; metric: string; start: number; end: number; amount: number }>(
        `INSERT INTO usage_counters (tenant_id, metric, period_start, period_end, count)
         VALUES (@tenantId, @metric, @start, @end, @amount)
         ON CONFLICT(tenant_id, metric, period_start) DO UPDATE SET count = count + excluded.count`,
      ),
      read: sqlite.prepare<{ tenantId: string; metric: string; start: number }, CounterRow>(
        `SELECT count, warned_at, limit_reached_at FROM usage_counters
          WHERE tenant_id = @tenantId AND metric = @metric AND period_start = @start`,
      ),
      warned: sqlite.prepare<{ tenantId: string; metric: string; start: number; now: number }>(
        `UPDATE usage_counters SET warned_at = @now
          WHERE tenant_id = @tenantId AND metric = @metric AND period_start = @start AND warned_at IS NULL`,
      ),
      reached: sqlite.prepare<{ tenantId: string; metric: string; start: number; now: number }>(
        `UPDATE usage_counters SET limit_reached_at = @now, warned_at = COALESCE(warned_at, @now)
          WHERE tenant_id = @tenantId AND metric = @metric AND period_start = @start AND limit_reached_at IS NULL`,
      ),
    };
  }

  /** The tenant's current period: the subscription's (carried forward while offline), else the month. */
  period(tenantId: string, now = this.deps.clock.now()): UsagePeriod {
    const row = this.statements.subscription.get({ tenantId });
    const start = row?.current_period_start ?? null;
    const end = row?.current_period_end ?? null;
    if (start !== null && end !== null && end > start) {
      if (now >= start && now < end) return { start, end };
      if (now >= end) {
        // Stripe has not told of the next period yet (offline): the same length again
        const length = end - start;
        const skipped = Math.floor((now - start) / length);
        return { start: start + skipped * length, end: start + (skipped + 1) * length };
      }
    }
    return calendarMonth(now);
  }

  used(tenantId: string, metric: UsageMetric, period = this.period(tenantId)): number {
    return this.statements.read.get({ tenantId, metric, start: period.start })?.count ?? 0;
  }

  limit(tenantId: string, metric: UsageMetric): number | null {
    return this.deps.entitlements.limit(tenantId, limitOf[metric]);
  }

  /**
   * Refuses (QUOTA_EXCEEDED, reason `plan_limit`) when the period's count has reached the plan's
   * limit: nothing new of this kind starts until the next period or a bigger plan.
   */
  ensureRoom(tenantId: string, metric: UsageMetric): void {
    const limit = this.limit(tenantId, metric);
    if (limit === null) return;
    const period = this.period(tenantId);
    const used = this.used(tenantId, metric, period);
    if (used < limit) return;
    this.reachedLimit(tenantId, metric, period, used, limit);
    throw quotaExceeded(metric, limit, used, period.end);
  }

  /** Whether there is room for one more of `metric` this period. */
  hasRoom(tenantId: string, metric: UsageMetric): boolean {
    const limit = this.limit(tenantId, metric);
    return limit === null || this.used(tenantId, metric) < limit;
  }

  /** Counts `amount` more of `metric` now; tells the organisation at 80 % and 100 % (once per period each). */
  add(tenantId: string, metric: UsageMetric, amount = 1): number {
    if (amount <= 0) return this.used(tenantId, metric);
    const period = this.period(tenantId);
    this.statements.add.run({ tenantId, metric, start: period.start, end: period.end, amount });
    const row = this.statements.read.get({ tenantId, metric, start: period.start });
    const used = row?.count ?? amount;
    const limit = this.limit(tenantId, metric);
    if (limit !== null && row) {
      if (used >= limit) this.reachedLimit(tenantId, metric, period, used, limit);
      else if (used >= limit * 0.8 && row.warned_at === null)
        this.warn(tenantId, metric, period, used, limit);
    }
    return used;
  }

  /** The 100 % notice, once per period. */
  private reachedLimit(
    tenantId: string,
    metric: UsageMetric,
    period: UsagePeriod,
    used: number,
    limit: number,
  ): void {
    const now = this.deps.clock.now();
    // a counter row exists once anything was counted; a limit of 0 is reached with none
    this.statements.add.run({ tenantId, metric, start: period.start, end: period.end, amount: 0 });
    if (this.statements.reached.run({ tenantId, metric, start: period.start, now }).changes === 0) return;
    this.tell(tenantId, 'billing.usage_limit', metric, used, limit);
  }

  private warn(
    tenantId: string,
    metric: UsageMetric,
    period: UsagePeriod,
    used: number,
    limit: number,
  ): void {
    const now = this.deps.clock.now();
    if (this.statements.warned.run({ tenantId, metric, start: period.start, now }).changes === 0) return;
    this.tell(tenantId, 'billing.usage_warning', metric, used, limit);
  }

  private tell(
    tenantId: string,
    event: 'billing.usage_warning' | 'billing.usage_limit',
    metric: UsageMetric,
    used: number,
    limit: number,
  ): void {
    this.deps.events.emit('billing.changed', { tenantId }, { kind: 'tenant', tenantId });
    const reached = event === 'billing.usage_limit';
    const level = reached ? 'limit' : 'warning';
    this.deps
      .notifier()
      .notify(tenantId, {
        event,
        severity: reached ? 'SEV2' : 'SEV3',
        title: reached
          ? `The plan's limit of ${limit} ${metric} this period is reached`
          : `${used} of ${limit} ${metric} this period used`,
        body: reached
          ? `New ${metric} wait until the next period or a bigger plan. See Billing.`
          : `The plan allows ${limit} ${metric} this period. See Billing.`,
        titleMessage: message(noticeTitles[metric][level], { used, limit }),
        bodyMessages: [
          message(reached ? 'notify.billing.usage_limit' : 'notify.billing.usage_warning', { used, limit }),
        ],
        link: '#/billing',
      })
      .catch((error: unknown) =>
        this.deps.logger.error({ module: 'billing', err: error }, 'the usage notice could not be sent'),
      );
  }
}

export function quotaExceeded(kind: string, limit: number, used: number, periodEnd: number | null): AppError {
  return new AppError('QUOTA_EXCEEDED', `The plan's limit of ${limit} ${kind} is reached.`, {
    reason: 'plan_limit',
    params: { kind, limit, used, periodEnd },
  });
}
