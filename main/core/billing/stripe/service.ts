import type Database from 'better-sqlite3';
import Stripe from 'stripe';
import type { BillingInterval, BillingPlan, Language, SecurityEventKind } from '../../../contract';
import type { Clock } from '../../lib/clock';
import { AppError } from '../../lib/errors';
import type { EventBus } from '../../lib/events';
import type { Logger } from '../../lib/logger';
import type { SecretStore } from '../../secrets/secret-store';
import type { HostInfo } from '../../setup/host-info';
import type { PlanCatalogue } from '../catalogue';
import type { Entitlements } from '../entitlements';
import type { PlanAssignments } from '../plan-assignment';
import { stripeWebhookSecretName, type BillingSettingsStore } from '../settings-store';
import {
  createStripeClient,
  isTestKey,
  keyHintOf,
  StripeClients,
  stripeErrorLog,
  stripeErrorReason,
  stripeRefusal,
} from './client';
import { liveStatuses, StripeEventHandler, type StripeEventLike, type SubscriptionRow } from './events';

/** Where a bad webhook signature is reported (the security monitor). */
export interface SecuritySink {
  record(signal: {
    kind: SecurityEventKind;
    tenantId: string | null;
    ip?: string | null;
    details?: Record<string, unknown>;
  }): void;
}

export interface StripeBillingDeps {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  secrets: SecretStore;
  settings: BillingSettingsStore;
  catalogue: PlanCatalogue;
  entitlements: Entitlements;
  assignments: PlanAssignments;
  hostInfo: HostInfo;
  security: () => SecuritySink | null;
}

/** Stripe's webhook signature tolerance (seconds). */
export const webhookToleranceSeconds = 300;
/** The metered usage reported to Stripe's billing meters, by meter event name. */
export const meterEventNames = {
  conversations: 'mindframe_conversations',
  tokens: 'mindframe_tokens',
} as const;
/** With a webhook endpoint, polling still runs as a safety net at this multiple of pollSeconds (at least 30 min). */
const safetyNetFactor = 6;
const safetyNetMinimumMs = 30 * 60_000;
/** While a customer is in Checkout (no webhook endpoint), events are read this often, for this long. */
const expectingPollMs = 10_000;
const expectingForMs = 30 * 60_000;
/** How many pages of 100 events one poll reads at most. */
const maxEventPages = 20;

const englishPlanNames: Record<string, string> = { starter: 'Starter', pro: 'Pro', enterprise: 'Enterprise' };
/** The name a plan's Stripe product carries (the admin's name, or the built-in plan's English name). */
export const productNameOf = (plan: BillingPlan): string =>
  plan.name ||
  englishPlanNames[plan.key] ||
  plan.key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
export const lookupKeyOf = (planKey: string, interval: BillingInterval): string =>
  `mindframe_${planKey}_${interval}`;

interface UsageRow {
  tenant_id: string;
  metric: 'conversations' | 'tokens';
  period_start: number;
  count: number;
  reported: number;
  stripe_customer_id: string;
}

/**
 * The Stripe side of billing (issue 16): the connection test, plans as Products and Prices, Checkout,
 * plan changes of a running subscription, the Customer Portal, cancelling, Stripe's events (webhook
 * and polling through one handler) and metered usage. Nothing here ever locks a tenant out: when
 * Stripe cannot be reached the last known state stays and `lastErrorReason` says why.
 */
export class StripeBilling {
  readonly clients: StripeClients;
  readonly handler: StripeEventHandler;
  private readonly statements;
  private timer: NodeJS.Timeout | null = null;
  /** Until when the schedule asks Stripe often: a customer is in Checkout or a plan change is under way. */
  private expectingUntil = 0;
  private polling: Promise<{ received: number; applied: number }> | null = null;

  constructor(private readonly deps: StripeBillingDeps) {
    this.clients = new StripeClients(deps.secrets, () => deps.settings.get());
    this.handler = new StripeEventHandler(deps, () => this.clients.current());
    const { sqlite } = deps;
    this.statements = {
      byTenant: sqlite.prepare<{ tenantId: string }, SubscriptionRow>(
        'SELECT * FROM billing_subscriptions WHERE tenant_id = @tenantId',
      ),
      keepCustomer: sqlite.prepare<{
        tenantId: string;
        planKey: string;
        customerId: string;
        currency: string;
        now: number;
      }>(
        `INSERT INTO billing_subscriptions (tenant_id, plan_key, status, stripe_customer_id, currency, updated_at)
         VALUES (@tenantId, @planKey, 'none', @customerId, @currency, @now)
         ON CONFLICT(tenant_id) DO UPDATE SET stripe_customer_id = excluded.stripe_customer_id, updated_at = excluded.updated_at
          WHERE billing_subscriptions.stripe_customer_id IS NULL`,
      ),
      setCancel: sqlite.prepare<{ tenantId: string; cancel: number; canceledAt: number | null; now: number }>(
        `UPDATE billing_subscriptions SET cancel_at_period_end = @cancel, canceled_at = @canceledAt, updated_at = @now
          WHERE tenant_id = @tenantId`,
      ),
      tenant: sqlite.prepare<{ tenantId: string }, { id: string; name: string; plan: string }>(
        'SELECT id, name, plan FROM tenants WHERE id = @tenantId',
      ),
      setPlanStripe: sqlite.prepare<{
        key: string;
        productId: string | null;
        monthly: string | null;
        yearly: string | null;
      }>(
        `UPDATE plans SET stripe_product_id = @productId, stripe_price_monthly_id = @monthly,
                stripe_price_yearly_id = @yearly WHERE key = @key`,
      ),
      unreported: sqlite.prepare<[], UsageRow>(
        `SELECT u.tenant_id, u.metric, u.period_start, u.count, u.reported, s.stripe_customer_id
           FROM usage_counters u JOIN billing_subscriptions s ON s.tenant_id = u.tenant_id
          WHERE u.metric IN ('conversations', 'tokens') AND u.count > u.reported
            AND s.stripe_customer_id IS NOT NULL AND s.stripe_subscription_id IS NOT NULL
            AND s.status IN ('active', 'trialing', 'past_due', 'unpaid')`,
      ),
      markReported: sqlite.prepare<{ tenantId: string; metric: string; periodStart: number; count: number }>(
        `UPDATE usage_counters SET reported = @count
          WHERE tenant_id = @tenantId AND metric = @metric AND period_start = @periodStart AND reported < @count`,
      ),
    };
  }

  // ── connection ─────────────────────────────────────────────────────────────────────────────────

  /** Tests a key against Stripe (the account, or the balance for a restricted key without account access). */
  async testKey(
    key: string,
    apiUrl: string | null,
  ): Promise<{ accountName: string | null; testMode: boolean; keyHint: string }> {
    const client = createStripeClient(key, apiUrl);
    let accountName: string | null = null;
    try {
      const account = await client.accounts.retrieveCurrent();
      accountName = account.settings?.dashboard?.display_name || account.business_profile?.name || null;
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripePermissionError)) {
        this.deps.logger.info({ module: 'billing', ...stripeErrorLog(error) }, 'stripe key test failed');
        throw stripeRefusal(error);
      }
      try {
        await client.balance.retrieve();
      } catch (inner) {
        this.deps.logger.info({ module: 'billing', ...stripeErrorLog(inner) }, 'stripe key test failed');
        throw stripeRefusal(inner);
      }
    }
    return { accountName, testMode: isTestKey(key), keyHint: keyHintOf(key) };
  }

  private failed(error: unknown, what: string): AppError {
    this.deps.logger.warn({ module: 'billing', ...stripeErrorLog(error) }, `stripe: ${what} failed`);
    const reason = stripeErrorReason(error);
    if (
      reason === 'stripe_unreachable' ||
      reason === 'stripe_key_invalid' ||
      reason === 'stripe_key_permission'
    )
      this.deps.settings.update({ lastErrorReason: reason });
    return stripeRefusal(error);
  }

  // ── plans → Products and Prices ────────────────────────────────────────────────────────────────

  /**
   * Each billable plan that is sold becomes a Product with a monthly and a yearly Price (linked when
   * they exist: by the plan's stored ids, the lookup key `mindframe_<plan>_<interval>` or the
   * product's metadata.mindframe_plan). Prices cannot change in Stripe: a changed amount makes a new
   * Price (taking over the lookup key) and deactivates the old one.
   */
  async syncPlans(): Promise<{ created: number; linked: number; updated: number }> {
    const stripe = this.clients.require();
    const currency = this.deps.settings.get().currency.toLowerCase();
    const counts = { created: 0, linked: 0, updated: 0 };
    const plans = this.deps.catalogue
      .list({ includeArchived: true })
      .filter((plan) => plan.billable && !plan.archived && (plan.priceMonthly > 0 || plan.priceYearly > 0));
    try {
      let allProducts: Stripe.Product[] | null = null;
      for (const plan of plans) {
        // the product
        let product: Stripe.Product | null = null;
        if (plan.stripe.productId)
          product = await this.retrieveOrNull(() => stripe.products.retrieve(plan.stripe.productId!));
        const byLookup = await stripe.prices.list({
          lookup_keys: [lookupKeyOf(plan.key, 'month'), lookupKeyOf(plan.key, 'year')],
          limit: 10,
        });
        if (!product && byLookup.data[0]) {
          const productId =
            typeof byLookup.data[0].product === 'string'
              ? byLookup.data[0].product
              : byLookup.data[0].product.id;
          product = await this.retrieveOrNull(() => stripe.products.retrieve(productId));
          if (product) counts.linked += 1;
        }
        if (!product) {
          allProducts ??= await this.allProducts(stripe);
          product = allProducts.find((p) => p.metadata?.['mindframe_plan'] === plan.key && p.active) ?? null;
          if (product) counts.linked += 1;
        }
        const name = productNameOf(plan);
        if (!product) {
          product = await stripe.products.create(
            {
              name,
              ...(plan.description ? { description: plan.description } : {}),
              metadata: { mindframe_plan: plan.key },
            },
            { idempotencyKey: `mindframe-product-${plan.key}-${this.deps.clock.now()}` },
          );
          counts.created += 1;
        } else if (
          product.name !== name ||
          !product.active ||
          product.metadata?.['mindframe_plan'] !== plan.key
        ) {
          product = await stripe.products.update(product.id, {
            name,
            active: true,
            metadata: { mindframe_plan: plan.key },
          });
          counts.updated += 1;
        }
        // the prices
        const ids: Record<BillingInterval, string | null> = { month: null, year: null };
        for (const interval of ['month', 'year'] as const) {
          const amount = interval === 'month' ? plan.priceMonthly : plan.priceYearly;
          const storedId = interval === 'month' ? plan.stripe.priceMonthlyId : plan.stripe.priceYearlyId;
          let current: Stripe.Price | null = storedId
            ? await this.retrieveOrNull(() => stripe.prices.retrieve(storedId))
            : null;
          const looked =
            byLookup.data.find((price) => price.lookup_key === lookupKeyOf(plan.key, interval)) ?? null;
          if (!current && looked) current = looked;
          const fits = (price: Stripe.Price) =>
            price.active &&
            price.unit_amount === amount &&
            price.currency === currency &&
            price.recurring?.interval === interval &&
            (price.recurring?.interval_count ?? 1) === 1 &&
            (typeof price.product === 'string' ? price.product : price.product.id) === product.id;
          if (amount <= 0) {
            if (current?.active) {
              await stripe.prices.update(current.id, { active: false });
              counts.updated += 1;
            }
            continue;
          }
          if (current && fits(current)) {
            if (current.id !== storedId) counts.linked += 1;
            ids[interval] = current.id;
            continue;
          }
          const created = await stripe.prices.create({
            product: product.id,
            currency,
            unit_amount: amount,
            recurring: { interval },
            lookup_key: lookupKeyOf(plan.key, interval),
            transfer_lookup_key: true,
            metadata: { mindframe_plan: plan.key, interval },
          });
          ids[interval] = created.id;
          if (current) {
            if (current.active) await stripe.prices.update(current.id, { active: false });
            counts.updated += 1;
          } else counts.created += 1;
        }
        this.statements.setPlanStripe.run({
          key: plan.key,
          productId: product.id,
          monthly: ids.month,
          yearly: ids.year,
        });
      }
      counts.created += await this.ensureMeters(stripe);
    } catch (error) {
      throw this.failed(error, 'plan sync');
    }
    this.deps.settings.update({ lastErrorReason: null });
    return counts;
  }

  /** The billing meters metered usage is reported to (Stripe accepts meter events only for a meter's event name). */
  private async ensureMeters(stripe: Stripe): Promise<number> {
    const existing = new Set<string>();
    for await (const meter of stripe.billing.meters.list({ limit: 100, status: 'active' }))
      existing.add(meter.event_name);
    let created = 0;
    for (const [metric, eventName] of Object.entries(meterEventNames)) {
      if (existing.has(eventName)) continue;
      await stripe.billing.meters.create({
        display_name: metric === 'tokens' ? 'Mindframe tokens' : 'Mindframe conversations',
        event_name: eventName,
        default_aggregation: { formula: 'sum' },
        customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
        value_settings: { event_payload_key: 'value' },
      });
      created += 1;
    }
    return created;
  }

  private async allProducts(stripe: Stripe): Promise<Stripe.Product[]> {
    const products: Stripe.Product[] = [];
    for await (const product of stripe.products.list({ limit: 100, active: true })) {
      products.push(product);
      if (products.length >= 1000) break;
    }
    return products;
  }

  private async retrieveOrNull<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
      throw error;
    }
  }

  // ── Checkout, plan changes, portal, cancel ─────────────────────────────────────────────────────

  /**
   * Where Stripe sends the customer back to: the app's own pages (serve --app-url, or the listener),
   * else, on the desktop (its app:// pages are no link), the host's loopback return page, opened in
   * the system browser beside Checkout, in the customer's language; neither: app_url_unknown.
   */
  private async returnUrls(language: Language | null): Promise<{
    success: string;
    changed: (planKey: string) => string;
    cancelled: string;
    portal: string;
  }> {
    const appOrigin = this.deps.hostInfo.appOrigin ?? this.deps.hostInfo.publicOrigin;
    if (appOrigin)
      return {
        success: `${appOrigin}/#/billing/success?session_id={CHECKOUT_SESSION_ID}`,
        changed: (planKey) => `${appOrigin}/#/billing/success?changed=${encodeURIComponent(planKey)}`,
        cancelled: `${appOrigin}/#/billing/cancelled`,
        portal: `${appOrigin}/#/billing`,
      };
    const loopback = await Promise.resolve(this.deps.hostInfo.checkoutReturnOrigin?.() ?? null).catch(
      (error: unknown) => {
        this.deps.logger.warn({ err: error }, 'the loopback return page for Stripe did not start');
        return null;
      },
    );
    if (!loopback)
      throw new AppError('CONFLICT', "The app's own address is unknown: start the server with --app-url.", {
        reason: 'app_url_unknown',
      });
    const lang = language ? `lang=${language}` : '';
    const query = (...parts: string[]) => {
      const given = parts.filter(Boolean);
      return given.length ? `?${given.join('&')}` : '';
    };
    return {
      success: `${loopback}/billing/success${query('session_id={CHECKOUT_SESSION_ID}', lang)}`,
      changed: () => `${loopback}/billing/success${query('changed=1', lang)}`,
      cancelled: `${loopback}/billing/cancelled${query(lang)}`,
      portal: `${loopback}/billing/portal-return${query(lang)}`,
    };
  }

  private sold(planKey: string, interval: BillingInterval): { plan: BillingPlan; priceId: string } {
    if (!this.deps.settings.get().enabled)
      throw new AppError('CONFLICT', 'Billing is switched off.', { reason: 'billing_off' });
    const plan = this.deps.catalogue.get(planKey);
    const amount = plan ? (interval === 'month' ? plan.priceMonthly : plan.priceYearly) : 0;
    if (!plan || !plan.billable || plan.archived || amount <= 0)
      throw new AppError('CONFLICT', 'That plan is not sold.', {
        reason: 'plan_not_sold',
        params: { plan: plan ? plan.name || plan.key : planKey },
      });
    const priceId = interval === 'month' ? plan.stripe.priceMonthlyId : plan.stripe.priceYearlyId;
    if (!priceId)
      throw new AppError('CONFLICT', 'That plan has no Stripe price yet: sync the plans first.', {
        reason: 'plan_not_synced',
        params: { plan: plan.name || plan.key },
      });
    return { plan, priceId };
  }

  /**
   * A Checkout Session in subscription mode for a plan, or, when the tenant has a subscription, the
   * plan change on it (the admin's proration policy; a downgrade at the period's end when chosen so).
   * The tenant's plan itself changes when Stripe's event says so.
   */
  async checkout(input: {
    tenantId: string;
    email: string;
    planKey: string;
    interval: BillingInterval;
    /** The customer's language, for the desktop's return page (null: the browser's). */
    language?: Language | null;
  }): Promise<{ url: string }> {
    const { plan, priceId } = this.sold(input.planKey, input.interval);
    const stripe = this.clients.require();
    const back = await this.returnUrls(input.language ?? null);
    const settings = this.deps.settings.get();
    const row = this.statements.byTenant.get({ tenantId: input.tenantId }) ?? null;
    const tenant = this.statements.tenant.get({ tenantId: input.tenantId });
    if (!tenant) throw new AppError('NOT_FOUND', 'That organisation was not found.');
    try {
      if (row?.stripe_subscription_id && liveStatuses.has(row.status)) {
        if (row.plan_key === plan.key && row.interval === input.interval)
          throw new AppError('CONFLICT', 'The organisation is on that plan already.', {
            reason: 'plan_unchanged',
          });
        await this.changePlan(stripe, row, plan, priceId, input.interval);
        return { url: back.changed(plan.key) };
      }
      let customerId = row?.stripe_customer_id ?? null;
      if (!customerId) {
        const customer = await stripe.customers.create(
          { name: tenant.name, email: input.email, metadata: { tenant_id: input.tenantId } },
          { idempotencyKey: `mindframe-customer-${input.tenantId}` },
        );
        customerId = customer.id;
        this.statements.keepCustomer.run({
          tenantId: input.tenantId,
          planKey: tenant.plan,
          customerId,
          currency: settings.currency.toLowerCase(),
          now: this.deps.clock.now(),
        });
      }
      const session = await stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: customerId,
        client_reference_id: input.tenantId,
        line_items: [{ price: priceId, quantity: 1 }],
        success_url: back.success,
        cancel_url: back.cancelled,
        metadata: { tenant_id: input.tenantId, mindframe_plan: plan.key },
        subscription_data: { metadata: { tenant_id: input.tenantId, mindframe_plan: plan.key } },
      });
      if (!session.url)
        throw new AppError('CONFLICT', 'Stripe gave no Checkout address.', { reason: 'stripe_refused' });
      this.expectEvents();
      return { url: session.url };
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw this.failed(error, 'checkout');
    }
  }

  private async changePlan(
    stripe: Stripe,
    row: SubscriptionRow,
    plan: BillingPlan,
    priceId: string,
    interval: BillingInterval,
  ): Promise<void> {
    const settings = this.deps.settings.get();
    const subscription = await stripe.subscriptions.retrieve(row.stripe_subscription_id!);
    const item = subscription.items.data[0];
    if (!item)
      throw new AppError('CONFLICT', 'The subscription has no item to change.', {
        reason: 'no_subscription',
      });
    const monthly = (p: BillingPlan | null, i: BillingInterval) =>
      p ? (i === 'year' ? p.priceYearly / 12 : p.priceMonthly) : 0;
    const downgrade = monthly(plan, interval) < monthly(this.deps.catalogue.get(row.plan_key), row.interval);
    if (downgrade && settings.downgradeTiming === 'period_end') {
      // the paid period runs out on the plan it was paid for; the next one starts on the new plan
      const scheduleId =
        typeof subscription.schedule === 'string'
          ? subscription.schedule
          : (subscription.schedule?.id ??
            (await stripe.subscriptionSchedules.create({ from_subscription: subscription.id })).id);
      await stripe.subscriptionSchedules.update(scheduleId, {
        end_behavior: 'release',
        phases: [
          {
            items: [{ price: item.price.id, quantity: item.quantity ?? 1 }],
            start_date: item.current_period_start,
            end_date: item.current_period_end,
          },
          {
            // starts where the paid period ends (Stripe sets a start date only on the first phase)
            items: [{ price: priceId, quantity: 1 }],
            duration: { interval, interval_count: 1 },
            metadata: { mindframe_plan: plan.key },
          },
        ],
      });
      return;
    }
    await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: priceId }],
      proration_behavior: settings.proration,
      metadata: { mindframe_plan: plan.key },
    });
    this.expectEvents();
  }

  /** A Customer Portal session for the tenant's Stripe customer (payment methods, invoices). */
  async portal(tenantId: string, language: Language | null = null): Promise<{ url: string }> {
    if (!this.deps.settings.get().enabled)
      throw new AppError('CONFLICT', 'Billing is switched off.', { reason: 'billing_off' });
    const stripe = this.clients.require();
    const row = this.statements.byTenant.get({ tenantId });
    if (!row?.stripe_customer_id)
      throw new AppError('CONFLICT', 'The organisation has no subscription yet.', {
        reason: 'no_subscription',
      });
    const back = await this.returnUrls(language);
    try {
      const session = await stripe.billingPortal.sessions.create({
        customer: row.stripe_customer_id,
        return_url: back.portal,
      });
      return { url: session.url };
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw this.failed(error, 'portal');
    }
  }

  /** Cancels at the end of the paid period (true), or takes that back (false). */
  async cancel(tenantId: string, atPeriodEnd: boolean): Promise<void> {
    const stripe = this.clients.require();
    const row = this.statements.byTenant.get({ tenantId });
    if (!row?.stripe_subscription_id || !liveStatuses.has(row.status))
      throw new AppError('CONFLICT', 'The organisation has no running subscription.', {
        reason: 'no_subscription',
      });
    try {
      const subscription = await stripe.subscriptions.update(row.stripe_subscription_id, {
        cancel_at_period_end: atPeriodEnd,
      });
      // Stripe's own answer: what is cancelled shows at once (the plan itself stays until the period ends)
      this.statements.setCancel.run({
        tenantId,
        cancel: subscription.cancel_at_period_end ? 1 : 0,
        canceledAt: subscription.canceled_at ? subscription.canceled_at * 1000 : null,
        now: this.deps.clock.now(),
      });
      this.deps.entitlements.invalidate(tenantId);
      this.deps.events.emit('billing.changed', { tenantId }, { kind: 'tenant', tenantId });
    } catch (error) {
      throw this.failed(error, 'cancel');
    }
  }

  // ── events: webhook and polling ────────────────────────────────────────────────────────────────

  /**
   * A webhook delivery (served mode): the signature is checked on the raw body (t=, v1= HMAC-SHA256,
   * 300 s tolerance) with the endpoint's signing secret. A bad or missing signature is a security
   * event and 400 without detail; no secret kept is 400 too. 503 asks Stripe to deliver again (the
   * event could not be re-read now). The body is never logged.
   */
  async webhook(rawBody: Buffer | string, signature: string | undefined, ip: string | null): Promise<number> {
    const secret = this.deps.secrets.get(stripeWebhookSecretName);
    if (!secret) {
      this.deps.logger.warn({ module: 'billing' }, 'stripe webhook received but no signing secret is set');
      return 400;
    }
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(
        rawBody,
        signature ?? '',
        secret,
        webhookToleranceSeconds,
        undefined,
        this.deps.clock.now(),
      );
    } catch {
      this.deps.security()?.record({
        kind: 'webhook_signature_invalid',
        tenantId: null,
        ip,
        details: { endpoint: 'stripe', signature: signature ? 'invalid' : 'missing' },
      });
      return 400;
    }
    const outcome = await this.handler.handle(event as unknown as StripeEventLike, 'webhook');
    return outcome === 'failed' ? 503 : 200;
  }

  /**
   * Reads Stripe's events since the last one read (paging; from the same second on, since events of
   * one second may be listed later: the ids make a second read a duplicate) and feeds each, oldest
   * first, to the same handler as the webhook. An event that failed holds the mark, so it is read again.
   */
  async poll(): Promise<{ received: number; applied: number }> {
    if (this.polling) return this.polling;
    this.polling = this.pollOnce().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async pollOnce(): Promise<{ received: number; applied: number }> {
    const stripe = this.clients.current();
    const settings = this.deps.settings.get();
    if (!stripe) return { received: 0, applied: 0 };
    const since = settings.lastEventCreated ?? Math.floor(this.deps.clock.now() / 1000) - 3 * 86_400;
    const events: Stripe.Event[] = [];
    try {
      let startingAfter: string | undefined;
      for (let page = 0; page < maxEventPages; page += 1) {
        const list = await stripe.events.list({
          created: { gte: since },
          limit: 100,
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        });
        events.push(...list.data);
        if (!list.has_more || list.data.length === 0) break;
        startingAfter = list.data[list.data.length - 1]!.id;
      }
    } catch (error) {
      this.deps.logger.warn(
        { module: 'billing', ...stripeErrorLog(error) },
        'stripe events could not be read',
      );
      this.deps.settings.update({ lastErrorReason: stripeErrorReason(error) });
      return { received: 0, applied: 0 };
    }
    // Stripe lists newest first
    events.reverse();
    let applied = 0;
    let mark = since;
    let failedAt: number | null = null;
    for (const event of events) {
      const outcome = await this.handler.handle(event as unknown as StripeEventLike, 'poll');
      if (outcome === 'applied') applied += 1;
      if (outcome === 'failed') failedAt ??= event.created;
      else mark = Math.max(mark, event.created);
    }
    const next = failedAt !== null ? Math.min(failedAt, mark) : mark;
    const change: Parameters<BillingSettingsStore['update']>[0] = { lastEventCreated: next };
    if (failedAt === null) change.lastErrorReason = null;
    if (events.length > 0 || settings.lastEventCreated === null) this.deps.settings.update(change);
    return { received: events.length, applied };
  }

  /**
   * Reports what the usage counters counted since the last report (conversations, tokens) to Stripe's
   * billing meters, per tenant and period; the identifier makes a repeated report of the same count
   * one event at Stripe.
   */
  async reportUsage(): Promise<number> {
    const stripe = this.clients.current();
    if (!stripe || !this.deps.settings.get().enabled) return 0;
    let reported = 0;
    for (const row of this.statements.unreported.all()) {
      const value = row.count - row.reported;
      const identifier = `mf-${row.tenant_id}-${row.metric}-${row.period_start}-${row.count}`;
      try {
        await stripe.billing.meterEvents.create({
          event_name: meterEventNames[row.metric],
          payload: { stripe_customer_id: row.stripe_customer_id, value: String(value) },
          identifier,
        });
      } catch (error) {
        const duplicate =
          error instanceof Stripe.errors.StripeInvalidRequestError &&
          error.code === 'resource_already_exists';
        if (!duplicate) {
          this.deps.logger.warn(
            { module: 'billing', ...stripeErrorLog(error) },
            'usage could not be reported to stripe',
          );
          this.deps.settings.update({ lastErrorReason: stripeErrorReason(error) });
          return reported;
        }
      }
      this.statements.markReported.run({
        tenantId: row.tenant_id,
        metric: row.metric,
        periodStart: row.period_start,
        count: row.count,
      });
      reported += 1;
    }
    return reported;
  }

  // ── the schedule ───────────────────────────────────────────────────────────────────────────────

  /** How long until the next poll: pollSeconds, or a slower safety net when a webhook endpoint is set. */
  pollIntervalMs(): number {
    const settings = this.deps.settings.get();
    const base = settings.pollSeconds * 1000;
    const webhook = Boolean(this.deps.secrets.get(stripeWebhookSecretName));
    if (webhook) return Math.max(base * safetyNetFactor, safetyNetMinimumMs);
    // the success page waits for Stripe's word: ask often while a customer is in Checkout
    return this.deps.clock.now() < this.expectingUntil ? Math.min(base, expectingPollMs) : base;
  }

  /** One round of the schedule: events, then metered usage. Never throws. */
  async tick(): Promise<void> {
    const settings = this.deps.settings.get();
    if (!settings.enabled || !this.clients.key()) return;
    try {
      await this.poll();
      await this.reportUsage();
    } catch (error) {
      this.deps.logger.warn({ module: 'billing', ...stripeErrorLog(error) }, 'stripe schedule round failed');
    }
  }

  start(): void {
    if (this.timer) return;
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.tick().finally(() => {
        if (this.timer) this.arm();
      });
    }, this.pollIntervalMs());
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A customer went to Checkout or a plan change was asked: without a webhook endpoint, poll often for a while. */
  private expectEvents(): void {
    this.expectingUntil = this.deps.clock.now() + expectingForMs;
    if (this.timer && !this.deps.secrets.get(stripeWebhookSecretName)) this.arm();
  }
}
