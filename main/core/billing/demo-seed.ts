import type Database from 'better-sqlite3';
import type { StoredBillingSettings } from './settings-store';
import { BillingSettingsStore } from './settings-store';

/**
 * `mindframe demo` only: writes the demo platform's billing history in bulk (issue 16, part 9):
 * the installation's billing settings and its prices, each customer's subscription as Stripe
 * would last have told it, invoices, plan changes (source 'demo') and usage per period. The story
 * itself is told by main/core/demo/billing-history.ts; tenants.plan goes through tenants/demo-seed.ts.
 */

export interface DemoSubscription {
  tenantId: string;
  planKey: string;
  interval: 'month' | 'year';
  status: 'active' | 'past_due' | 'canceled';
  stripeCustomerId: string;
  stripeSubscriptionId: string;
  currentPeriodStart: number;
  currentPeriodEnd: number;
  paidThrough: number;
  cancelAtPeriodEnd: boolean;
  canceledAt: number | null;
  mrr: number;
  currency: string;
  updatedAt: number;
}

export interface DemoInvoice {
  id: string;
  tenantId: string;
  number: string;
  status: 'paid' | 'open';
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
  amountPaid: number;
  amountDue: number;
  periodStart: number;
  periodEnd: number;
  createdAt: number;
}

export interface DemoBillingChange {
  id: string;
  tenantId: string;
  at: number;
  kind: 'new' | 'upgrade' | 'downgrade' | 'churn' | 'reactivation' | 'past_due';
  fromPlan: string | null;
  toPlan: string | null;
  mrrBefore: number;
  mrrAfter: number;
}

export interface DemoUsageCounter {
  tenantId: string;
  metric: 'conversations' | 'runs' | 'tokens';
  periodStart: number;
  periodEnd: number;
  count: number;
  warnedAt: number | null;
  limitReachedAt: number | null;
}

export interface DemoBilling {
  settings: Pick<
    StoredBillingSettings,
    'enabled' | 'currency' | 'defaultPlan' | 'fallbackPlan' | 'graceDays' | 'proration' | 'downgradeTiming'
  >;
  /** Plan key → prices in minor units of the settings' currency. */
  prices: Record<string, { month: number; year: number }>;
  subscriptions: DemoSubscription[];
  invoices: DemoInvoice[];
  changes: DemoBillingChange[];
  counters: DemoUsageCounter[];
  /** Each customer's plan now (tenants.plan, written by the tenants domain's seam). */
  plans: { tenantId: string; plan: string }[];
}

/**
 * After a restore swapped the demo in under a running core: its settings store and entitlements
 * still hold what they read before; read the demo's settings again (listeners drop their caches).
 */
export function reloadDemoBillingSettings(sqlite: Database.Database, settings: BillingSettingsStore): void {
  const row = sqlite
    .prepare<{ key: string }, { value: string }>('SELECT value FROM app_meta WHERE key = @key')
    .get({ key: 'billing.settings' });
  if (!row) return;
  const fresh = new BillingSettingsStore(sqlite).get();
  settings.update(fresh);
}

/** Writes the billing history in one transaction; returns the rows written per table. */
export function writeDemoBilling(
  sqlite: Database.Database,
  billing: DemoBilling,
  now: number,
  /** The running core's store (its listeners drop what they cached); a new one otherwise. */
  settings: BillingSettingsStore = new BillingSettingsStore(sqlite),
): { subscriptions: number; invoices: number; billingChanges: number; usageCounters: number } {
  const price = sqlite.prepare(
    'UPDATE plans SET price_monthly = @month, price_yearly = @year, updated_at = @now WHERE key = @key',
  );
  const subscription = sqlite.prepare(
    `INSERT OR REPLACE INTO billing_subscriptions (tenant_id, plan_key, interval, status, stripe_customer_id,
       stripe_subscription_id, current_period_start, current_period_end, paid_through, cancel_at_period_end,
       canceled_at, mrr, currency, updated_at)
     VALUES (@tenantId, @planKey, @interval, @status, @stripeCustomerId, @stripeSubscriptionId,
       @currentPeriodStart, @currentPeriodEnd, @paidThrough, @cancelAtPeriodEnd, @canceledAt, @mrr, @currency,
       @updatedAt)`,
  );
  const invoice = sqlite.prepare(
    `INSERT INTO billing_invoices (id, tenant_id, number, status, currency, subtotal, tax, total, amount_paid,
       amount_due, period_start, period_end, hosted_invoice_url, invoice_pdf, created_at)
     VALUES (@id, @tenantId, @number, @status, @currency, @subtotal, @tax, @total, @amountPaid, @amountDue,
       @periodStart, @periodEnd, NULL, NULL, @createdAt)`,
  );
  const change = sqlite.prepare(
    `INSERT INTO billing_changes (id, tenant_id, at, kind, from_plan, to_plan, mrr_before, mrr_after, source)
     VALUES (@id, @tenantId, @at, @kind, @fromPlan, @toPlan, @mrrBefore, @mrrAfter, 'demo')`,
  );
  // what the runtime counted while the demo made its real conversations is replaced by the whole history
  const clearCounters = sqlite.prepare('DELETE FROM usage_counters WHERE tenant_id = @tenantId');
  const counter = sqlite.prepare(
    `INSERT INTO usage_counters (tenant_id, metric, period_start, period_end, count, reported, warned_at,
       limit_reached_at)
     VALUES (@tenantId, @metric, @periodStart, @periodEnd, @count, 0, @warnedAt, @limitReachedAt)`,
  );
  sqlite.transaction(() => {
    for (const [key, p] of Object.entries(billing.prices))
      price.run({ key, month: p.month, year: p.year, now });
    for (const s of billing.subscriptions)
      subscription.run({ ...s, cancelAtPeriodEnd: s.cancelAtPeriodEnd ? 1 : 0 });
    for (const i of billing.invoices) invoice.run(i);
    for (const c of billing.changes) change.run(c);
    for (const tenantId of new Set(billing.counters.map((c) => c.tenantId))) clearCounters.run({ tenantId });
    for (const c of billing.counters) counter.run(c);
  })();
  settings.update(billing.settings);
  return {
    subscriptions: billing.subscriptions.length,
    invoices: billing.invoices.length,
    billingChanges: billing.changes.length,
    usageCounters: billing.counters.length,
  };
}
