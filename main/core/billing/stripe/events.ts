import type Database from 'better-sqlite3';
import type Stripe from 'stripe';
import type { SubscriptionStatus } from '../../../contract';
import type { Clock } from '../../lib/clock';
import type { EventBus } from '../../lib/events';
import type { Logger } from '../../lib/logger';
import type { PlanCatalogue } from '../catalogue';
import type { Entitlements } from '../entitlements';
import type { BillingChangeKind, PlanAssignments } from '../plan-assignment';
import type { BillingSettingsStore } from '../settings-store';
import { stripeErrorLog, stripeErrorReason } from './client';

/** What one Stripe event did. */
export type StripeEventOutcome = 'applied' | 'ignored' | 'duplicate' | 'failed';

/** The part of a Stripe event the handler reads: its id, type, time and the object's id. */
export interface StripeEventLike {
  id: string;
  type: string;
  created: number;
  data: { object: { id?: string; object?: string } & Record<string, unknown> };
}

/** A subscription row as stored (the last known Stripe state of a tenant). */
export interface SubscriptionRow {
  tenant_id: string;
  plan_key: string;
  interval: 'month' | 'year';
  status: SubscriptionStatus;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  current_period_start: number | null;
  current_period_end: number | null;
  paid_through: number | null;
  cancel_at_period_end: number;
  canceled_at: number | null;
  mrr: number;
  currency: string;
  updated_at: number;
}

/** Statuses under which the tenant is on the subscription's plan (dunning included, until its grace). */
export const liveStatuses: ReadonlySet<string> = new Set(['active', 'trialing', 'past_due', 'unpaid']);
const endedStatuses: ReadonlySet<string> = new Set(['canceled', 'incomplete_expired']);
const dunningStatuses: ReadonlySet<string> = new Set(['past_due', 'unpaid']);

const ms = (seconds: number | null | undefined): number | null =>
  typeof seconds === 'number' ? seconds * 1000 : null;
const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;

/** The subscription's items' price interval and period (API 2025+: periods live on the items). */
function firstItem(subscription: Stripe.Subscription): Stripe.SubscriptionItem | null {
  return subscription.items.data[0] ?? null;
}

/**
 * Monthly recurring revenue of a subscription by Stripe's definition, in minor units: every item's
 * price normalised to a month (yearly / 12), without tax; 0 while trialing and once ended; discounts
 * that last forever reduce it (a once or repeating coupon does not change the recurring amount).
 */
export function mrrOf(subscription: Stripe.Subscription, nowMs: number): number {
  if (!liveStatuses.has(subscription.status)) return 0;
  if (subscription.status === 'trialing') return 0;
  if (subscription.trial_end && subscription.trial_end * 1000 > nowMs) return 0;
  let monthly = 0;
  let monthsPerPeriod = 1;
  for (const item of subscription.items.data) {
    const price = item.price;
    const amount = (price.unit_amount ?? 0) * (item.quantity ?? 1);
    const recurring = price.recurring;
    if (!recurring) continue;
    const count = recurring.interval_count || 1;
    const months =
      recurring.interval === 'year'
        ? 12 * count
        : recurring.interval === 'month'
          ? count
          : recurring.interval === 'week'
            ? (count * 12) / 52
            : (count * 12) / 365;
    monthsPerPeriod = months;
    monthly += amount / months;
  }
  for (const discount of subscription.discounts ?? []) {
    if (typeof discount === 'string') continue;
    const source = (discount as { source?: { coupon?: string | Stripe.Coupon | null } }).source;
    const legacy = (discount as { coupon?: string | Stripe.Coupon | null }).coupon;
    const coupon = source?.coupon ?? legacy ?? null;
    if (!coupon || typeof coupon === 'string' || coupon.duration !== 'forever') continue;
    if (coupon.percent_off) monthly *= 1 - coupon.percent_off / 100;
    if (coupon.amount_off) monthly -= coupon.amount_off / monthsPerPeriod;
  }
  return Math.max(0, Math.round(monthly));
}

export interface StripeEventsDeps {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  settings: BillingSettingsStore;
  catalogue: PlanCatalogue;
  entitlements: Entitlements;
  assignments: PlanAssignments;
}

/**
 * One handler for Stripe's events, whether a webhook delivered them or polling read them (issue 16).
 * Each event is stored by id before anything is done (a replay answers 'duplicate' and changes
 * nothing), then the handler acts on the object as Stripe has it NOW (re-read with the installation's
 * key), never on the payload's snapshot: events may arrive in any order and the last read wins.
 * The tenant is the one whose stored Stripe customer the object belongs to; a tenant id in metadata
 * or client_reference_id must match it, or the event is ignored.
 */
export class StripeEventHandler {
  private readonly statements;

  constructor(
    private readonly deps: StripeEventsDeps,
    private readonly client: () => Stripe | null,
  ) {
    const { sqlite } = deps;
    this.statements = {
      insertEvent: sqlite.prepare<{
        id: string;
        type: string;
        created: number;
        receivedAt: number;
        source: string;
      }>(
        `INSERT OR IGNORE INTO stripe_events (id, type, created, received_at, source)
         VALUES (@id, @type, @created, @receivedAt, @source)`,
      ),
      eventOutcome: sqlite.prepare<{ id: string }, { outcome: string | null }>(
        'SELECT outcome FROM stripe_events WHERE id = @id',
      ),
      finishEvent: sqlite.prepare<{ id: string; outcome: string; tenantId: string | null; at: number }>(
        'UPDATE stripe_events SET outcome = @outcome, tenant_id = @tenantId, processed_at = @at WHERE id = @id',
      ),
      byCustomer: sqlite.prepare<{ customerId: string }, SubscriptionRow>(
        'SELECT * FROM billing_subscriptions WHERE stripe_customer_id = @customerId',
      ),
      byTenant: sqlite.prepare<{ tenantId: string }, SubscriptionRow>(
        'SELECT * FROM billing_subscriptions WHERE tenant_id = @tenantId',
      ),
      tenantPlan: sqlite.prepare<{ tenantId: string }, { plan: string }>(
        'SELECT plan FROM tenants WHERE id = @tenantId',
      ),
      upsertSubscription: sqlite.prepare(
        `INSERT INTO billing_subscriptions (tenant_id, plan_key, interval, status, stripe_customer_id,
            stripe_subscription_id, current_period_start, current_period_end, paid_through,
            cancel_at_period_end, canceled_at, mrr, currency, updated_at)
         VALUES (@tenantId, @planKey, @interval, @status, @customerId, @subscriptionId, @periodStart,
            @periodEnd, @paidThrough, @cancelAtPeriodEnd, @canceledAt, @mrr, @currency, @now)
         ON CONFLICT(tenant_id) DO UPDATE SET plan_key = excluded.plan_key, interval = excluded.interval,
            status = excluded.status, stripe_customer_id = excluded.stripe_customer_id,
            stripe_subscription_id = excluded.stripe_subscription_id,
            current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end,
            paid_through = excluded.paid_through, cancel_at_period_end = excluded.cancel_at_period_end,
            canceled_at = excluded.canceled_at, mrr = excluded.mrr, currency = excluded.currency,
            updated_at = excluded.updated_at`,
      ),
      upsertInvoice: sqlite.prepare(
        `INSERT INTO billing_invoices (id, tenant_id, number, status, currency, subtotal, tax, total,
            amount_paid, amount_due, period_start, period_end, hosted_invoice_url, invoice_pdf, created_at)
         VALUES (@id, @tenantId, @number, @status, @currency, @subtotal, @tax, @total, @amountPaid,
            @amountDue, @periodStart, @periodEnd, @hostedInvoiceUrl, @invoicePdf, @createdAt)
         ON CONFLICT(id) DO UPDATE SET number = excluded.number, status = excluded.status,
            subtotal = excluded.subtotal, tax = excluded.tax, total = excluded.total,
            amount_paid = excluded.amount_paid, amount_due = excluded.amount_due,
            period_start = excluded.period_start, period_end = excluded.period_end,
            hosted_invoice_url = excluded.hosted_invoice_url, invoice_pdf = excluded.invoice_pdf
          WHERE billing_invoices.tenant_id = excluded.tenant_id`,
      ),
    };
  }

  /** Stores the event by id, then acts on what Stripe says now. A replay answers 'duplicate'. */
  async handle(event: StripeEventLike, source: 'webhook' | 'poll'): Promise<StripeEventOutcome> {
    const now = this.deps.clock.now();
    const inserted = this.statements.insertEvent.run({
      id: event.id,
      type: event.type,
      created: event.created,
      receivedAt: now,
      source,
    });
    if (inserted.changes === 0) {
      // seen before: only an event that failed (Stripe unreachable while re-reading) is tried again
      const previous = this.statements.eventOutcome.get({ id: event.id });
      if (previous?.outcome !== 'failed') return 'duplicate';
    }
    let outcome: StripeEventOutcome;
    let tenantId: string | null = null;
    try {
      const result = await this.apply(event);
      outcome = result.outcome;
      tenantId = result.tenantId;
    } catch (error) {
      this.deps.logger.warn(
        { module: 'billing', stripeEvent: event.id, type: event.type, ...stripeErrorLog(error) },
        'stripe event could not be applied; kept for a retry',
      );
      this.statements.finishEvent.run({
        id: event.id,
        outcome: 'failed',
        tenantId: null,
        at: this.deps.clock.now(),
      });
      this.deps.settings.update({ lastErrorReason: stripeErrorReason(error) });
      return 'failed';
    }
    this.statements.finishEvent.run({ id: event.id, outcome, tenantId, at: this.deps.clock.now() });
    this.deps.settings.update({ lastEventAt: this.deps.clock.now(), lastErrorReason: null });
    return outcome;
  }

  private async apply(
    event: StripeEventLike,
  ): Promise<{ outcome: 'applied' | 'ignored'; tenantId: string | null }> {
    const stripe = this.client();
    const objectId = typeof event.data.object.id === 'string' ? event.data.object.id : null;
    if (!stripe || !objectId) return { outcome: 'ignored', tenantId: null };
    const expand = ['discounts'];
    if (
      event.type === 'checkout.session.completed' ||
      event.type === 'checkout.session.async_payment_succeeded'
    ) {
      const session = await stripe.checkout.sessions.retrieve(objectId);
      const subscriptionId = idOf(session.subscription);
      const customerId = idOf(session.customer);
      if (session.mode !== 'subscription' || !subscriptionId || !customerId)
        return { outcome: 'ignored', tenantId: null };
      const claimed = session.client_reference_id ?? session.metadata?.['tenant_id'] ?? null;
      const tenantId = this.tenantOf(customerId, claimed, event);
      if (!tenantId) return { outcome: 'ignored', tenantId: null };
      const subscription = await stripe.subscriptions.retrieve(subscriptionId, { expand });
      return { outcome: this.syncSubscription(tenantId, subscription) ? 'applied' : 'ignored', tenantId };
    }
    if (event.type.startsWith('customer.subscription.')) {
      const subscription = await stripe.subscriptions.retrieve(objectId, { expand });
      const customerId = idOf(subscription.customer);
      const tenantId = customerId
        ? this.tenantOf(customerId, subscription.metadata?.['tenant_id'] ?? null, event)
        : null;
      if (!tenantId) return { outcome: 'ignored', tenantId: null };
      return { outcome: this.syncSubscription(tenantId, subscription) ? 'applied' : 'ignored', tenantId };
    }
    if (event.type.startsWith('invoice.')) {
      const invoice = await stripe.invoices.retrieve(objectId);
      const customerId = idOf(invoice.customer);
      const details = invoice.parent?.subscription_details ?? null;
      const tenantId = customerId
        ? this.tenantOf(customerId, details?.metadata?.['tenant_id'] ?? null, event)
        : null;
      if (!tenantId) return { outcome: 'ignored', tenantId: null };
      this.upsertInvoice(tenantId, invoice);
      const subscriptionId = idOf(details?.subscription ?? null);
      if (subscriptionId) {
        const subscription = await stripe.subscriptions.retrieve(subscriptionId, { expand });
        this.syncSubscription(tenantId, subscription);
      }
      this.deps.events.emit('billing.changed', { tenantId }, { kind: 'tenant', tenantId });
      return { outcome: 'applied', tenantId };
    }
    return { outcome: 'ignored', tenantId: null };
  }

  /** The tenant whose stored customer this is; a claimed tenant id must be that same tenant. */
  private tenantOf(customerId: string, claimed: string | null, event: StripeEventLike): string | null {
    const row = this.statements.byCustomer.get({ customerId });
    if (!row) {
      this.deps.logger.info(
        { module: 'billing', stripeEvent: event.id, type: event.type },
        'stripe event for a customer this installation did not create; ignored',
      );
      return null;
    }
    if (claimed && claimed !== row.tenant_id) {
      this.deps.logger.warn(
        { module: 'billing', stripeEvent: event.id, type: event.type },
        'stripe event names another organisation than its customer belongs to; ignored',
      );
      return null;
    }
    return row.tenant_id;
  }

  /** The plan a subscription's price stands for: the synced price ids, then lookup_key, then metadata. */
  planOfPrice(price: Stripe.Price, subscription?: Stripe.Subscription): string | null {
    for (const plan of this.deps.catalogue.list({ includeArchived: true })) {
      if (plan.stripe.priceMonthlyId === price.id || plan.stripe.priceYearlyId === price.id) return plan.key;
    }
    const fromLookup = /^mindframe_([a-z][a-z0-9_]*)_(month|year)$/.exec(price.lookup_key ?? '')?.[1];
    const candidates = [
      fromLookup,
      price.metadata?.['mindframe_plan'],
      subscription?.metadata?.['mindframe_plan'],
    ];
    for (const key of candidates) if (key && this.deps.catalogue.get(key)) return key;
    return null;
  }

  /**
   * Keeps the tenant's subscription row as Stripe has it and puts the tenant on the plan it stands
   * for (through PlanAssignments, with the kind of change). Returns whether anything changed.
   */
  syncSubscription(tenantId: string, subscription: Stripe.Subscription): boolean {
    const now = this.deps.clock.now();
    const existing = this.statements.byTenant.get({ tenantId }) ?? null;
    // an older subscription's end does not touch a tenant that has since subscribed again
    if (
      existing?.stripe_subscription_id &&
      existing.stripe_subscription_id !== subscription.id &&
      liveStatuses.has(existing.status) &&
      !liveStatuses.has(subscription.status)
    )
      return false;
    const item = firstItem(subscription);
    if (!item) return false;
    const planKey = this.planOfPrice(item.price, subscription);
    if (!planKey) {
      this.deps.logger.warn(
        { module: 'billing', subscription: subscription.id },
        'stripe subscription on a price no plan stands for; ignored (sync the plans)',
      );
      return false;
    }
    const status = subscription.status as SubscriptionStatus;
    const periodStart = ms(item.current_period_start);
    const periodEnd = ms(item.current_period_end);
    const sameSubscription = existing?.stripe_subscription_id === subscription.id;
    const previousPaid = sameSubscription ? (existing?.paid_through ?? null) : null;
    let paidThrough: number | null;
    if (status === 'active' || status === 'trialing')
      paidThrough = Math.max(previousPaid ?? 0, periodEnd ?? 0) || null;
    else if (dunningStatuses.has(status)) paidThrough = previousPaid ?? periodStart;
    else paidThrough = previousPaid;
    const mrr = mrrOf(subscription, now);
    const interval = item.price.recurring?.interval === 'year' ? 'year' : 'month';
    const row = {
      tenantId,
      planKey,
      interval,
      status,
      customerId: idOf(subscription.customer) ?? existing?.stripe_customer_id ?? null,
      subscriptionId: subscription.id,
      periodStart,
      periodEnd,
      paidThrough,
      cancelAtPeriodEnd: subscription.cancel_at_period_end ? 1 : 0,
      canceledAt: ms(subscription.canceled_at),
      mrr,
      currency: item.price.currency ?? subscription.currency,
      now,
    };
    const unchanged =
      existing !== null &&
      existing.plan_key === row.planKey &&
      existing.interval === row.interval &&
      existing.status === row.status &&
      existing.stripe_subscription_id === row.subscriptionId &&
      existing.current_period_start === row.periodStart &&
      existing.current_period_end === row.periodEnd &&
      existing.paid_through === row.paidThrough &&
      existing.cancel_at_period_end === row.cancelAtPeriodEnd &&
      existing.canceled_at === row.canceledAt &&
      existing.mrr === row.mrr;
    const tenantPlan = this.statements.tenantPlan.get({ tenantId })?.plan ?? null;
    const change = this.changeOf(existing, row, tenantPlan);
    if (unchanged && !change) return false;
    this.deps.sqlite.transaction(() => {
      this.statements.upsertSubscription.run(row);
      if (change) {
        this.deps.assignments.set({
          tenantId,
          planKey: change.planKey,
          source: 'stripe',
          kind: change.kind,
          mrrBefore: existing?.mrr ?? 0,
          mrrAfter: mrr,
          at: now,
        });
      }
    })();
    // the subscription row decides the grace (past due) even when the plan stays
    this.deps.entitlements.invalidate(tenantId);
    if (!change) this.deps.events.emit('billing.changed', { tenantId }, { kind: 'tenant', tenantId });
    return true;
  }

  /** The plan change (and its kind) a new subscription state means, or null when the plan stays as it is. */
  private changeOf(
    existing: SubscriptionRow | null,
    next: { planKey: string; interval: string; status: string; mrr: number; subscriptionId: string },
    tenantPlan: string | null,
  ): { planKey: string; kind: BillingChangeKind } | null {
    const before = existing?.status ?? 'none';
    const wasLive = liveStatuses.has(before) && existing?.stripe_subscription_id !== null;
    if (endedStatuses.has(next.status)) {
      const fallback = this.deps.settings.get().fallbackPlan;
      const target = this.deps.catalogue.get(fallback) ? fallback : 'own_use';
      if (!wasLive && tenantPlan === target) return null;
      if (before === next.status && tenantPlan === target) return null;
      return { planKey: target, kind: 'churn' };
    }
    if (!liveStatuses.has(next.status)) return null; // incomplete, paused: the plan stays as it is
    if (!wasLive)
      return {
        planKey: next.planKey,
        kind: before === 'canceled' || before === 'incomplete_expired' ? 'reactivation' : 'new',
      };
    if (existing!.plan_key !== next.planKey || tenantPlan !== next.planKey) {
      const up =
        next.mrr !== existing!.mrr
          ? next.mrr > existing!.mrr
          : (this.deps.catalogue.get(next.planKey)?.priceMonthly ?? 0) >=
            (this.deps.catalogue.get(existing!.plan_key)?.priceMonthly ?? 0);
      return { planKey: next.planKey, kind: up ? 'upgrade' : 'downgrade' };
    }
    if (existing!.interval !== next.interval) return { planKey: next.planKey, kind: 'interval' };
    if (!dunningStatuses.has(before) && dunningStatuses.has(next.status))
      return { planKey: next.planKey, kind: 'past_due' };
    if (dunningStatuses.has(before) && !dunningStatuses.has(next.status))
      return { planKey: next.planKey, kind: 'recovered' };
    return null;
  }

  private upsertInvoice(tenantId: string, invoice: Stripe.Invoice): void {
    const periods = invoice.lines?.data.map((line) => line.period) ?? [];
    const periodStart = periods.length > 0 ? Math.min(...periods.map((p) => p.start)) : invoice.period_start;
    const periodEnd = periods.length > 0 ? Math.max(...periods.map((p) => p.end)) : invoice.period_end;
    const tax = (invoice.total_taxes ?? []).reduce((sum, line) => sum + (line.amount ?? 0), 0);
    const status = invoice.status ?? 'draft';
    this.statements.upsertInvoice.run({
      id: invoice.id,
      tenantId,
      number: invoice.number ?? null,
      status: ['draft', 'open', 'paid', 'uncollectible', 'void'].includes(status) ? status : 'draft',
      currency: invoice.currency,
      subtotal: invoice.subtotal ?? 0,
      tax,
      total: invoice.total ?? 0,
      amountPaid: invoice.amount_paid ?? 0,
      amountDue: invoice.amount_due ?? 0,
      periodStart: ms(periodStart),
      periodEnd: ms(periodEnd),
      hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
      invoicePdf: invoice.invoice_pdf ?? null,
      createdAt: ms(invoice.created) ?? this.deps.clock.now(),
    });
  }
}
