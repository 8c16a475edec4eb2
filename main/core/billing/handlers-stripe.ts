import type Database from 'better-sqlite3';
import type { BillingSettings, Subscription } from '../../contract';
import { savedLanguage } from '../auth/me';
import type { HandlerMap, ResolvedSession } from '../context';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { SecretStore } from '../secrets/secret-store';
import type { BillingDomain } from './domain';
import { stripeSecretKeyName, stripeWebhookSecretName, type StoredBillingSettings } from './settings-store';
import { effectiveApiUrl, isStripeKey, parseApiUrl, webhookSecretPattern } from './stripe/client';
import { liveStatuses, type SubscriptionRow } from './stripe/events';

type StripeMethods =
  | 'billing.settings'
  | 'billing.saveSettings'
  | 'billing.syncPlans'
  | 'billing.syncNow'
  | 'billing.checkout'
  | 'billing.portal'
  | 'billing.cancel'
  | 'billing.invoices'
  | 'billing.customers';

export interface StripeHandlerDeps {
  sqlite: Database.Database;
  clock: Clock;
  secrets: SecretStore;
  billing: BillingDomain;
}

interface InvoiceRow {
  id: string;
  number: string | null;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  currency: string;
  total: number;
  amount_paid: number;
  amount_due: number;
  tax: number;
  period_start: number | null;
  period_end: number | null;
  created_at: number;
  hosted_invoice_url: string | null;
  invoice_pdf: string | null;
}

const dayMs = 86_400_000;

/**
 * The Stripe side of the billing methods (issue 16): the installation's settings and Stripe
 * connection, plans to Stripe, reading events now, Checkout and plan changes, the Customer Portal,
 * cancelling, invoices, and the platform admin's customers with their revenue.
 */
export function stripeBillingHandlers(deps: StripeHandlerDeps): Pick<HandlerMap, StripeMethods> {
  const { billing, secrets, sqlite, clock } = deps;
  const stripe = billing.stripe;
  const statements = {
    subscription: sqlite.prepare<{ tenantId: string }, SubscriptionRow>(
      'SELECT * FROM billing_subscriptions WHERE tenant_id = @tenantId',
    ),
    invoices: sqlite.prepare<{ tenantId: string; limit: number }, InvoiceRow>(
      `SELECT id, number, status, currency, total, amount_paid, amount_due, tax, period_start, period_end,
              created_at, hosted_invoice_url, invoice_pdf
         FROM billing_invoices WHERE tenant_id = @tenantId ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ),
    customers: sqlite.prepare<
      [],
      { id: string; name: string; plan: string } & Partial<Omit<SubscriptionRow, 'tenant_id'>>
    >(
      `SELECT t.id, t.name, t.plan, s.status, s.interval, s.stripe_subscription_id, s.current_period_end,
              s.cancel_at_period_end, s.mrr, s.plan_key
         FROM tenants t LEFT JOIN billing_subscriptions s ON s.tenant_id = t.id
        ORDER BY t.name COLLATE NOCASE, t.id`,
    ),
  };

  const has = (name: string): boolean => {
    try {
      return Boolean(secrets.get(name));
    } catch {
      return false;
    }
  };

  function settingsView(stored: StoredBillingSettings = billing.settings.get()): BillingSettings {
    const connected = has(stripeSecretKeyName);
    return {
      enabled: stored.enabled,
      currency: stored.currency,
      defaultPlan: stored.defaultPlan,
      fallbackPlan: stored.fallbackPlan,
      graceDays: stored.graceDays,
      proration: stored.proration,
      downgradeTiming: stored.downgradeTiming,
      pollSeconds: stored.pollSeconds,
      stripe: {
        connected,
        testMode: connected && stored.testMode,
        keyHint: connected ? stored.keyHint : null,
        accountName: connected ? stored.accountName : null,
        webhookSecretSet: has(stripeWebhookSecretName),
        apiUrl: effectiveApiUrl(stored),
        lastEventAt: stored.lastEventAt,
        lastErrorReason: stored.lastErrorReason,
      },
    };
  }

  /** The tenant's plan and subscription as last known (what billing.subscription answers). */
  function subscriptionView(session: ResolvedSession): Subscription {
    const settings = billing.settings.get();
    const resolved = billing.entitlements.resolve(session.tenantId);
    const row = statements.subscription.get({ tenantId: session.tenantId }) ?? null;
    const plan = billing.catalogue.get(resolved.planKey);
    const live = row !== null && row.stripe_subscription_id !== null;
    const dunning = live && (row.status === 'past_due' || row.status === 'unpaid');
    return {
      tenantId: session.tenantId,
      billingEnabled: settings.enabled,
      currency: settings.currency,
      planKey: resolved.planKey,
      planName: plan?.name ?? '',
      effectivePlanKey: resolved.effectivePlanKey,
      status: live ? row.status : 'none',
      interval: live ? row.interval : null,
      currentPeriodEnd: live ? row.current_period_end : null,
      paidThrough: live ? row.paid_through : null,
      graceUntil: dunning
        ? (resolved.graceUntil ??
          (row.paid_through !== null ? row.paid_through + settings.graceDays * dayMs : null))
        : null,
      cancelAtPeriodEnd: live && row.cancel_at_period_end === 1,
      testMode: has(stripeSecretKeyName) && settings.testMode,
      canManage: settings.enabled && has(stripeSecretKeyName) && session.role === 'owner',
    };
  }

  return {
    'billing.settings': () => settingsView(),

    'billing.saveSettings': async (input, ctx) => {
      const current = billing.settings.get();
      // everything is checked before Stripe is asked, and Stripe is asked before anything is kept
      if (input.apiUrl !== undefined && input.apiUrl !== '' && !parseApiUrl(input.apiUrl))
        throw new AppError('VALIDATION', 'The Stripe API address must be an http(s) URL.', {
          reason: 'stripe_api_url_invalid',
          field: 'apiUrl',
        });
      if (
        input.webhookSecret !== undefined &&
        input.webhookSecret !== '' &&
        !webhookSecretPattern.test(input.webhookSecret)
      )
        throw new AppError('VALIDATION', 'A webhook signing secret starts with whsec_.', {
          reason: 'stripe_webhook_secret_invalid',
          field: 'webhookSecret',
        });
      for (const field of ['defaultPlan', 'fallbackPlan'] as const) {
        const key = input[field];
        if (key === undefined) continue;
        const plan = billing.catalogue.get(key);
        if (!plan)
          throw new AppError('VALIDATION', 'No such plan.', {
            reason: 'plan_unknown',
            field,
            params: { plan: key },
          });
        if (plan.archived)
          throw new AppError('VALIDATION', 'That plan is archived.', {
            reason: 'plan_archived',
            field,
            params: { plan: plan.name || plan.key },
          });
      }
      const apiUrl = input.apiUrl !== undefined ? input.apiUrl : current.apiUrl;
      let tested: Awaited<ReturnType<typeof stripe.testKey>> | null = null;
      if (input.secretKey) {
        if (!isStripeKey(input.secretKey))
          throw new AppError('VALIDATION', 'That is not a Stripe secret or restricted key.', {
            reason: 'stripe_key_invalid',
            field: 'secretKey',
          });
        tested = await stripe.testKey(input.secretKey, effectiveApiUrl({ apiUrl }));
      }
      const { secretKey, webhookSecret, ...plain } = input;
      const change: Partial<StoredBillingSettings> = { ...plain };
      const details: Record<string, unknown> = {
        changed: Object.keys(plain).filter(
          (key) => plain[key as keyof typeof plain] !== current[key as keyof typeof plain],
        ),
      };
      if (secretKey !== undefined) {
        if (secretKey === '') {
          secrets.delete(stripeSecretKeyName);
          Object.assign(change, { accountName: null, keyHint: null, testMode: false, lastErrorReason: null });
          details['stripeKey'] = 'removed';
        } else if (tested) {
          secrets.set(stripeSecretKeyName, secretKey);
          Object.assign(change, {
            accountName: tested.accountName,
            keyHint: tested.keyHint,
            testMode: tested.testMode,
            lastErrorReason: null,
            // polling starts at the connection; earlier events belong to whatever was there before
            lastEventCreated: Math.floor(clock.now() / 1000),
          });
          details['stripeKey'] = 'set';
          details['keyHint'] = tested.keyHint;
          details['testMode'] = tested.testMode;
        }
      }
      if (webhookSecret !== undefined) {
        if (webhookSecret === '') secrets.delete(stripeWebhookSecretName);
        else secrets.set(stripeWebhookSecretName, webhookSecret);
        details['webhookSecret'] = webhookSecret === '' ? 'removed' : 'set';
      }
      const saved = ctx.atomically(() => {
        const next = billing.settings.update(change);
        ctx.audit({ action: 'billing.saveSettings', targetType: 'installation', details });
        return next;
      });
      return settingsView(saved);
    },

    'billing.syncPlans': async (_input, ctx) => {
      const counts = await stripe.syncPlans();
      ctx.atomically(() =>
        ctx.audit({ action: 'billing.syncPlans', targetType: 'installation', details: { ...counts } }),
      );
      return counts;
    },

    'billing.syncNow': async (_input, ctx) => {
      stripe.clients.require();
      const result = await stripe.poll();
      await stripe.reportUsage();
      ctx.atomically(() =>
        ctx.audit({ action: 'billing.syncNow', targetType: 'installation', details: { ...result } }),
      );
      return result;
    },

    'billing.checkout': async (input, ctx) => {
      const session = ctx.auth();
      const result = await stripe.checkout({
        tenantId: session.tenantId,
        email: session.email,
        planKey: input.planKey,
        interval: input.interval,
        // the desktop's return page speaks the language the user chose in the app
        language: savedLanguage(sqlite, session.userId),
      });
      ctx.atomically(() =>
        ctx.audit({
          action: 'billing.checkout',
          targetType: 'plan',
          targetId: input.planKey,
          details: { plan: input.planKey, interval: input.interval },
        }),
      );
      return result;
    },

    'billing.portal': async (_input, ctx) => {
      const session = ctx.auth();
      const result = await stripe.portal(session.tenantId, savedLanguage(sqlite, session.userId));
      ctx.atomically(() => ctx.audit({ action: 'billing.portal', targetType: 'subscription' }));
      return result;
    },

    'billing.cancel': async (input, ctx) => {
      const session = ctx.auth();
      if (!billing.settings.get().enabled)
        throw new AppError('CONFLICT', 'Billing is switched off.', { reason: 'billing_off' });
      await stripe.cancel(session.tenantId, input.atPeriodEnd);
      ctx.atomically(() =>
        ctx.audit({
          action: 'billing.cancel',
          targetType: 'subscription',
          details: { atPeriodEnd: input.atPeriodEnd },
        }),
      );
      return subscriptionView(session);
    },

    'billing.invoices': (input, ctx) => {
      const session = ctx.auth();
      const rows = statements.invoices.all({ tenantId: session.tenantId, limit: input.limit ?? 24 });
      return {
        items: rows.map((row) => ({
          id: row.id,
          number: row.number,
          status: row.status,
          currency: row.currency,
          total: row.total,
          amountPaid: row.amount_paid,
          amountDue: row.amount_due,
          tax: row.tax,
          periodStart: row.period_start,
          periodEnd: row.period_end,
          createdAt: row.created_at,
          hostedInvoiceUrl: row.hosted_invoice_url,
          invoicePdf: row.invoice_pdf,
        })),
      };
    },

    'billing.customers': () => {
      const settings = billing.settings.get();
      const plans = new Map(
        billing.catalogue.list({ includeArchived: true }).map((plan) => [plan.key, plan]),
      );
      let totalMrr = 0;
      const items = statements.customers.all().map((row) => {
        const live = row.stripe_subscription_id != null && row.status != null && row.status !== 'none';
        const status = live ? row.status! : 'none';
        const running = live && liveStatuses.has(status);
        const mrr = running ? (row.mrr ?? 0) : 0;
        totalMrr += mrr;
        const plan = plans.get(row.plan);
        const interval = live ? (row.interval ?? 'month') : null;
        const subscribedPlan = live ? plans.get(row.plan_key ?? row.plan) : undefined;
        const nextInvoice = running && row.cancel_at_period_end !== 1 && row.current_period_end != null;
        return {
          tenantId: row.id,
          name: row.name,
          planKey: row.plan,
          planName: plan?.name ?? '',
          status,
          interval,
          mrr,
          nextInvoiceAt: nextInvoice ? row.current_period_end! : null,
          nextInvoiceAmount:
            nextInvoice && subscribedPlan
              ? interval === 'year'
                ? subscribedPlan.priceYearly
                : subscribedPlan.priceMonthly
              : null,
          cancelAtPeriodEnd: live && row.cancel_at_period_end === 1,
        };
      });
      return { items, currency: settings.currency, totalMrr };
    },
  };
}
