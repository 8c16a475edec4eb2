import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, emptyInput, idSchema, timestampSchema } from '../common';
import { currencies } from '../vocabulary';

/**
 * Plans and billing (issue 16). The platform admin of an installation sells; its customer
 * organisations (tenants) are on plans. "Own use" (no limits, no billing) is the plan of a business
 * that runs agents only for itself, and every organisation's plan until billing is switched on.
 *
 * A tenant's plan changes only through the platform admin (`billing.assignPlan`) or a verified
 * Stripe event; an owner asks for a change through Stripe Checkout (`billing.checkout`).
 */

export const planChannels = ['web', 'email', 'voice'] as const;
export type PlanChannel = (typeof planChannels)[number];
/** What a plan may lack beyond channels: the REST API (and API keys), importing files and web pages into knowledge. */
export const planFeatures = ['api', 'knowledge_import'] as const;
export type PlanFeature = (typeof planFeatures)[number];
/** What dispatch refuses with FORBIDDEN / reason `plan_feature`: a channel or a feature. */
export type PlanCapability = PlanFeature | `channel_${PlanChannel}`;

/** Counted per period (the subscription's period, or the calendar month). */
export const usageMetrics = ['conversations', 'runs', 'tokens'] as const;
export type UsageMetric = (typeof usageMetrics)[number];
/** Everything a meter can show: the counted metrics and what is counted live. */
export const meterKinds = ['liveAgents', 'conversations', 'runs', 'tokens', 'seats', 'knowledgeMb'] as const;
export type MeterKind = (typeof meterKinds)[number];

/** null: unlimited. */
const limit = z.number().int().min(0).max(1_000_000_000_000).nullable();

export const planLimitsSchema = z.object({
  liveAgents: limit,
  conversationsPerMonth: limit,
  runsPerMonth: limit,
  tokensPerMonth: limit,
  seats: limit,
  knowledgeMb: limit,
  /** Requests per minute per API key (the rate limiter's limit); null: the installation's default. */
  apiRequestsPerMinute: limit,
});
export type PlanLimits = z.infer<typeof planLimitsSchema>;

export const planEntitlementsSchema = z.object({
  limits: planLimitsSchema,
  channels: z.array(z.enum(planChannels)).max(planChannels.length),
  features: z.array(z.enum(planFeatures)).max(planFeatures.length),
});
export type PlanEntitlements = z.infer<typeof planEntitlementsSchema>;

export const planKeySchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, { message: 'Lower-case letters, digits and _ only' });

/** Minor units (cents, øre). */
const price = z.number().int().min(0).max(100_000_000);

export const billingPlanSchema = z.object({
  key: planKeySchema,
  /** '' for the built-in plans (own_use, starter, pro, enterprise) until the admin names them: the UI says them in the user's language. */
  name: z.string(),
  description: z.string(),
  priceMonthly: price,
  priceYearly: price,
  entitlements: planEntitlementsSchema,
  /** False for Own use: never sold, never billed. */
  billable: z.boolean(),
  sort: z.number().int(),
  archived: z.boolean(),
  /** Stripe's ids once the plan is synced (null before). */
  stripe: z.object({
    productId: z.string().nullable(),
    priceMonthlyId: z.string().nullable(),
    priceYearlyId: z.string().nullable(),
  }),
  /** How many organisations are on it (platform admins only; 0 for others). */
  tenantCount: z.number().int(),
});
export type BillingPlan = z.infer<typeof billingPlanSchema>;

export const planInputSchema = z.object({
  key: planKeySchema,
  name: displayName({ min: 1, max: 60 }),
  description: z.string().trim().max(500),
  priceMonthly: price,
  priceYearly: price,
  entitlements: planEntitlementsSchema,
  sort: z.number().int().min(0).max(1000).optional(),
});
export type PlanInput = z.infer<typeof planInputSchema>;

export const subscriptionStatuses = [
  'none',
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'paused',
] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];
export const billingIntervals = ['month', 'year'] as const;
export type BillingInterval = (typeof billingIntervals)[number];

/** How Stripe prorates a plan change (Stripe's proration_behavior). */
export const prorationPolicies = ['create_prorations', 'always_invoice', 'none'] as const;
/** When a downgrade takes effect: at once, or at the end of the paid period. */
export const downgradeTimings = ['immediately', 'period_end'] as const;

export const billingSettingsSchema = z.object({
  /** Billing switched on: paid plans can be bought, new organisations get `defaultPlan`. */
  enabled: z.boolean(),
  currency: z.enum(currencies),
  /** The plan a new organisation starts on. */
  defaultPlan: planKeySchema,
  /** The plan an organisation falls back to after cancelling, or after dunning runs past its grace. */
  fallbackPlan: planKeySchema,
  /** Days past the paid-through date a past-due organisation keeps its plan. */
  graceDays: z.number().int().min(0).max(90),
  proration: z.enum(prorationPolicies),
  downgradeTiming: z.enum(downgradeTimings),
  /** How often a desktop without a public address asks Stripe for events (seconds). */
  pollSeconds: z.number().int().min(60).max(86_400),
  stripe: z.object({
    connected: z.boolean(),
    /** The key is a test-mode key (sk_test_/rk_test_): shown as such everywhere. */
    testMode: z.boolean(),
    /** The key's kind and last four characters ("rk_test_…4242"); never the key. */
    keyHint: z.string().nullable(),
    accountName: z.string().nullable(),
    webhookSecretSet: z.boolean(),
    /** Where the SDK talks to (MINDFRAME_STRIPE_API_URL, or the setting); null: Stripe itself. */
    apiUrl: z.string().nullable(),
    /** The last time events were read (webhook or poll), and the last error's reason. */
    lastEventAt: timestampSchema.nullable(),
    lastErrorReason: z.string().nullable(),
  }),
});
export type BillingSettings = z.infer<typeof billingSettingsSchema>;

export const subscriptionSchema = z.object({
  tenantId: idSchema,
  billingEnabled: z.boolean(),
  currency: z.enum(currencies),
  /** The tenant's plan (tenants.plan). */
  planKey: z.string(),
  planName: z.string(),
  /** The plan whose entitlements apply now (the fallback plan once dunning ran past its grace). */
  effectivePlanKey: z.string(),
  status: z.enum(subscriptionStatuses),
  interval: z.enum(billingIntervals).nullable(),
  currentPeriodEnd: timestampSchema.nullable(),
  paidThrough: timestampSchema.nullable(),
  /** past_due / unpaid: the plan holds until this moment (paid through + grace). */
  graceUntil: timestampSchema.nullable(),
  cancelAtPeriodEnd: z.boolean(),
  testMode: z.boolean(),
  /** The caller may open Checkout and the Customer Portal (owners, with billing on and Stripe connected). */
  canManage: z.boolean(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const usageMeterSchema = z.object({
  kind: z.enum(meterKinds),
  used: z.number(),
  /** null: unlimited. */
  limit: z.number().nullable(),
  /** used / limit in whole percent (null when unlimited). */
  percent: z.number().int().nullable(),
});
export type UsageMeter = z.infer<typeof usageMeterSchema>;

export const usageSchema = z.object({
  periodStart: timestampSchema,
  periodEnd: timestampSchema,
  meters: z.array(usageMeterSchema),
  /** The highest percentage among the meters: the banner shows at 80 and at 100. */
  highestPercent: z.number().int().nullable(),
});
export type Usage = z.infer<typeof usageSchema>;

export const invoiceSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']),
  currency: z.string(),
  total: z.number().int(),
  amountPaid: z.number().int(),
  amountDue: z.number().int(),
  tax: z.number().int(),
  periodStart: timestampSchema.nullable(),
  periodEnd: timestampSchema.nullable(),
  createdAt: timestampSchema,
  /** Stripe's hosted invoice page and PDF (opened in the browser). */
  hostedInvoiceUrl: z.string().nullable(),
  invoicePdf: z.string().nullable(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const billingCustomerSchema = z.object({
  tenantId: idSchema,
  name: z.string(),
  planKey: z.string(),
  planName: z.string(),
  status: z.enum(subscriptionStatuses),
  interval: z.enum(billingIntervals).nullable(),
  /** Monthly recurring revenue in minor units (yearly plans /12, no tax, no trials). */
  mrr: z.number().int(),
  nextInvoiceAt: timestampSchema.nullable(),
  nextInvoiceAmount: z.number().int().nullable(),
  cancelAtPeriodEnd: z.boolean(),
});
export type BillingCustomer = z.infer<typeof billingCustomerSchema>;

/** What does not fit a plan the tenant would move to (a downgrade explains, and never deletes). */
export const planFitSchema = z.object({
  planKey: z.string(),
  fits: z.boolean(),
  over: z.array(
    z.object({
      kind: z.enum(meterKinds),
      used: z.number(),
      limit: z.number(),
    }),
  ),
  /** Live agents past the new limit: which to pause (the least used first). */
  agentsToPause: z.array(z.object({ id: idSchema, name: z.string() })),
  /** Channels or features in use that the plan lacks. */
  missing: z.array(z.string()),
});
export type PlanFit = z.infer<typeof planFitSchema>;

export const billingMethods = {
  'billing.plans': defineMethod({
    input: emptyInput,
    output: z.object({
      plans: z.array(billingPlanSchema),
      currency: z.enum(currencies),
      billingEnabled: z.boolean(),
    }),
    access: 'viewer',
    mutation: false,
    summary: 'The plan catalogue (archived plans for platform admins only)',
  }),
  'billing.savePlan': defineMethod({
    input: planInputSchema,
    output: billingPlanSchema,
    access: 'platformAdmin',
    mutation: true,
    summary: 'Create or change a plan; its organisations get the new entitlements at once',
  }),
  'billing.archivePlan': defineMethod({
    input: z.object({ key: planKeySchema, archived: z.boolean() }),
    output: billingPlanSchema,
    access: 'platformAdmin',
    mutation: true,
    summary: 'Stop selling a plan (its organisations keep it), or sell it again',
  }),
  'billing.settings': defineMethod({
    input: emptyInput,
    output: billingSettingsSchema,
    access: 'platformAdmin',
    mutation: false,
    summary: "The installation's billing settings and Stripe connection (never the keys)",
  }),
  'billing.saveSettings': defineMethod({
    input: z
      .object({
        enabled: z.boolean(),
        currency: z.enum(currencies),
        defaultPlan: planKeySchema,
        fallbackPlan: planKeySchema,
        graceDays: z.number().int().min(0).max(90),
        proration: z.enum(prorationPolicies),
        downgradeTiming: z.enum(downgradeTimings),
        pollSeconds: z.number().int().min(60).max(86_400),
        /** A Stripe secret or restricted key (sk_/rk_, live or test); '' disconnects. Kept in the SecretStore. */
        secretKey: z.string().trim().max(300),
        /** The webhook endpoint's signing secret (whsec_…); '' removes it. Kept in the SecretStore. */
        webhookSecret: z.string().trim().max(300),
        /** Where the SDK talks to, for a Stripe-compatible server ('' : Stripe itself). */
        apiUrl: z.string().trim().max(300),
      })
      .partial()
      .strict(),
    output: billingSettingsSchema,
    access: 'platformAdmin',
    mutation: true,
    summary: 'Change billing settings; a new key is tested against Stripe before it is kept',
  }),
  'billing.syncPlans': defineMethod({
    input: emptyInput,
    output: z.object({ created: z.number().int(), linked: z.number().int(), updated: z.number().int() }),
    access: 'platformAdmin',
    mutation: true,
    summary:
      'Make each billable plan a Stripe Product with monthly and yearly Prices (or link existing ones)',
  }),
  'billing.syncNow': defineMethod({
    input: emptyInput,
    output: z.object({ received: z.number().int(), applied: z.number().int() }),
    access: 'platformAdmin',
    mutation: true,
    summary: "Read Stripe's events now (what the schedule does for a desktop without a public address)",
  }),
  'billing.subscription': defineMethod({
    input: emptyInput,
    output: subscriptionSchema,
    access: 'viewer',
    mutation: false,
    summary: "The caller's organisation's plan and subscription state",
  }),
  'billing.usage': defineMethod({
    input: emptyInput,
    output: usageSchema,
    access: 'viewer',
    mutation: false,
    summary: "The organisation's usage this period against its plan's limits",
  }),
  'billing.planFit': defineMethod({
    input: z.object({ planKey: planKeySchema }),
    output: planFitSchema,
    access: 'admin',
    mutation: false,
    summary: 'What would not fit another plan (which agents to pause, which channels it lacks)',
  }),
  'billing.checkout': defineMethod({
    input: z.object({ planKey: planKeySchema, interval: z.enum(billingIntervals) }),
    output: z.object({ url: z.string() }),
    access: 'owner',
    mutation: true,
    summary: 'A Stripe Checkout Session for a plan (the plan changes when Stripe says it is paid)',
  }),
  'billing.portal': defineMethod({
    input: emptyInput,
    output: z.object({ url: z.string() }),
    access: 'owner',
    mutation: true,
    summary: 'A Stripe Customer Portal session: payment methods and invoices',
  }),
  'billing.cancel': defineMethod({
    input: z.object({ atPeriodEnd: z.boolean() }).strict(),
    output: subscriptionSchema,
    access: 'owner',
    mutation: true,
    summary: 'Cancel at the end of the paid period (true), or take that back (false)',
  }),
  'billing.invoices': defineMethod({
    input: z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(),
    output: z.object({ items: z.array(invoiceSchema) }),
    access: 'owner',
    mutation: false,
    summary: "The organisation's invoices, as Stripe last told",
  }),
  'billing.customers': defineMethod({
    input: emptyInput,
    output: z.object({
      items: z.array(billingCustomerSchema),
      currency: z.enum(currencies),
      totalMrr: z.number().int(),
    }),
    access: 'platformAdmin',
    mutation: false,
    summary: 'Every organisation with its plan, status, next invoice and monthly revenue',
  }),
  'billing.assignPlan': defineMethod({
    input: z.object({ tenantId: idSchema, planKey: planKeySchema }).strict(),
    output: subscriptionSchema,
    access: 'platformAdmin',
    mutation: true,
    summary: 'Put an organisation on a plan by hand (no Stripe; e.g. Own use or a contract plan)',
  }),
};
