import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

/**
 * Plans and billing (issue 16). The catalogue and Stripe's event log belong to the installation (the
 * platform admin sells); subscriptions, invoices, usage counters and plan changes belong to a tenant.
 * The installation's billing settings and brand live in app_meta as JSON (billing/settings-store.ts).
 */

/** The plan catalogue: Own use (no limits, no billing), Starter, Pro, Enterprise, and the admin's own. */
export const plans = sqliteTable('plans', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** Prices in minor units (cents, øre) of the installation's currency; 0 for Own use. */
  priceMonthly: integer('price_monthly').notNull().default(0),
  priceYearly: integer('price_yearly').notNull().default(0),
  /** JSON: the contract's planEntitlementsSchema (limits, channels, features). */
  entitlements: text('entitlements').notNull(),
  /** False for Own use: never sold, never billed. */
  billable: integer('billable', { mode: 'boolean' }).notNull().default(true),
  sort: integer('sort').notNull().default(0),
  archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
  stripeProductId: text('stripe_product_id'),
  stripePriceMonthlyId: text('stripe_price_monthly_id'),
  stripePriceYearlyId: text('stripe_price_yearly_id'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * A tenant's subscription as last known from Stripe (kept offline). The tenant's plan itself is
 * tenants.plan, written only by the platform admin or a verified Stripe event.
 */
export const billingSubscriptions = sqliteTable('billing_subscriptions', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  planKey: text('plan_key').notNull(),
  interval: text('interval', { enum: ['month', 'year'] })
    .notNull()
    .default('month'),
  status: text('status', {
    enum: [
      'active',
      'trialing',
      'past_due',
      'unpaid',
      'canceled',
      'incomplete',
      'incomplete_expired',
      'paused',
    ],
  }).notNull(),
  stripeCustomerId: text('stripe_customer_id'),
  stripeSubscriptionId: text('stripe_subscription_id'),
  currentPeriodStart: integer('current_period_start'),
  currentPeriodEnd: integer('current_period_end'),
  /** The end of the last paid period: during dunning the plan holds until this plus the grace period. */
  paidThrough: integer('paid_through'),
  cancelAtPeriodEnd: integer('cancel_at_period_end', { mode: 'boolean' }).notNull().default(false),
  canceledAt: integer('canceled_at'),
  /** Monthly recurring revenue in minor units by Stripe's definition (yearly /12, no tax, no trials). */
  mrr: integer('mrr').notNull().default(0),
  currency: text('currency').notNull().default('eur'),
  updatedAt: integer('updated_at').notNull(),
});

/** Invoices as Stripe last told (listed in the app offline). */
export const billingInvoices = sqliteTable(
  'billing_invoices',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    number: text('number'),
    status: text('status', { enum: ['draft', 'open', 'paid', 'uncollectible', 'void'] }).notNull(),
    currency: text('currency').notNull(),
    /** Minor units. */
    subtotal: integer('subtotal').notNull().default(0),
    tax: integer('tax').notNull().default(0),
    total: integer('total').notNull().default(0),
    amountPaid: integer('amount_paid').notNull().default(0),
    amountDue: integer('amount_due').notNull().default(0),
    periodStart: integer('period_start'),
    periodEnd: integer('period_end'),
    hostedInvoiceUrl: text('hosted_invoice_url'),
    invoicePdf: text('invoice_pdf'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('billing_invoices_tenant').on(t.tenantId, t.createdAt)],
);

/** Usage per tenant, metric and period (conversations, runs, tokens), counted as it happens. */
export const usageCounters = sqliteTable(
  'usage_counters',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    metric: text('metric', { enum: ['conversations', 'runs', 'tokens'] }).notNull(),
    /** Start of the period (ms): the subscription's current period, or the calendar month (UTC). */
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    count: integer('count').notNull().default(0),
    /** How much of count has been reported to Stripe's billing meters. */
    reported: integer('reported').notNull().default(0),
    /** When the owner was told this period passed 80 % / 100 % (told once each). */
    warnedAt: integer('warned_at'),
    limitReachedAt: integer('limit_reached_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.metric, t.periodStart] })],
);

/** Every plan change of a tenant, for the billing history and the insight issue's MRR movements. */
export const billingChanges = sqliteTable(
  'billing_changes',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    kind: text('kind', {
      enum: [
        'new',
        'upgrade',
        'downgrade',
        'interval',
        'past_due',
        'recovered',
        'churn',
        'reactivation',
        'assigned',
      ],
    }).notNull(),
    fromPlan: text('from_plan'),
    toPlan: text('to_plan'),
    /** MRR before and after, minor units. */
    mrrBefore: integer('mrr_before').notNull().default(0),
    mrrAfter: integer('mrr_after').notNull().default(0),
    /** 'stripe' (a verified event), 'admin' (the platform admin), 'demo'. */
    source: text('source').notNull(),
  },
  (t) => [index('billing_changes_tenant').on(t.tenantId, t.at)],
);

/** Stripe events by id, stored before acting: a replay changes nothing. */
export const stripeEvents = sqliteTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  /** Stripe's `created` (seconds, as Stripe sends it). */
  created: integer('created').notNull(),
  receivedAt: integer('received_at').notNull(),
  source: text('source', { enum: ['webhook', 'poll'] }).notNull(),
  processedAt: integer('processed_at'),
  /** 'applied', 'ignored', or 'failed' (kept for a retry). */
  outcome: text('outcome'),
  tenantId: text('tenant_id'),
});
