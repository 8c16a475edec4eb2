import type { TFunction } from 'i18next';
import type { MethodOutput } from '../../contract';
import { currencyDigits } from '../../i18n/money';

/** The billing contract's shapes, as the renderer receives them. */
export type PlanCatalogue = MethodOutput<'billing.plans'>;
export type BillingPlan = PlanCatalogue['plans'][number];
export type PlanLimits = BillingPlan['entitlements']['limits'];
export type PlanChannel = BillingPlan['entitlements']['channels'][number];
export type PlanFeature = BillingPlan['entitlements']['features'][number];
export type Subscription = MethodOutput<'billing.subscription'>;
export type SubscriptionStatus = Subscription['status'];
export type BillingInterval = NonNullable<Subscription['interval']>;
export type Usage = MethodOutput<'billing.usage'>;
export type MeterKind = Usage['meters'][number]['kind'];
export type Invoice = MethodOutput<'billing.invoices'>['items'][number];
export type PlanFit = MethodOutput<'billing.planFit'>;
export type BillingSettings = MethodOutput<'billing.settings'>;
export type BillingCustomers = MethodOutput<'billing.customers'>;
export type BillingCustomer = BillingCustomers['items'][number];

/** Every member of a union, listed: the compiler refuses a list that misses one. */
const all =
  <T extends string>() =>
  <L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)) =>
    list;

/** The renderer may not import the contract's values outside vocabulary.ts; these lists mirror methods/billing.ts. */
export const limitKeys = all<keyof PlanLimits>()([
  'liveAgents',
  'conversationsPerMonth',
  'runsPerMonth',
  'tokensPerMonth',
  'seats',
  'knowledgeMb',
  'apiRequestsPerMinute',
] as const);
export const planChannelList = all<PlanChannel>()(['web', 'email', 'voice'] as const);
export const planFeatureList = all<PlanFeature>()(['api', 'knowledge_import'] as const);
export const meterKindList = all<MeterKind>()([
  'liveAgents',
  'conversations',
  'runs',
  'tokens',
  'seats',
  'knowledgeMb',
] as const);
export const subscriptionStatusList = all<SubscriptionStatus>()([
  'none',
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'paused',
] as const);
export const invoiceStatusList = all<Invoice['status']>()([
  'draft',
  'open',
  'paid',
  'uncollectible',
  'void',
] as const);
export const prorationList = all<BillingSettings['proration']>()([
  'create_prorations',
  'always_invoice',
  'none',
] as const);
export const downgradeTimingList = all<BillingSettings['downgradeTiming']>()([
  'immediately',
  'period_end',
] as const);

/** The plans the app names in the user's language until the admin names them. */
export const builtinPlanKeys = ['own_use', 'starter', 'pro', 'enterprise'] as const;
const isBuiltin = (key: string): key is (typeof builtinPlanKeys)[number] =>
  (builtinPlanKeys as readonly string[]).includes(key);

/** A plan's name: the admin's, else the built-in plan's in the user's language, else its key. */
export function planName(t: TFunction, plan: { key: string; name: string }): string {
  // a built-in plan the admin has not named may come back named by its key
  if (plan.name && !(plan.name === plan.key && isBuiltin(plan.key))) return plan.name;
  return isBuiltin(plan.key) ? t(`billing.builtinPlans.${plan.key}.name`) : plan.key;
}

/** A plan's name from its key and the name the core gave ('' for a built-in plan). */
export function planNameOf(t: TFunction, key: string, name: string): string {
  return planName(t, { key, name });
}

export function planDescription(t: TFunction, plan: { key: string; description: string }): string {
  if (plan.description) return plan.description;
  return isBuiltin(plan.key) ? t(`billing.builtinPlans.${plan.key}.description`) : '';
}

/** The meter a plan limit caps (the API rate has none). */
export const meterOfLimit: Record<keyof PlanLimits, MeterKind | null> = {
  liveAgents: 'liveAgents',
  conversationsPerMonth: 'conversations',
  runsPerMonth: 'runs',
  tokensPerMonth: 'tokens',
  seats: 'seats',
  knowledgeMb: 'knowledgeMb',
  apiRequestsPerMinute: null,
};

/** Money in minor units (cents, øre) as the user's region writes it: "kr 1 490,00", "€ 49,00". */
export function formatMinor(minor: number, currency: string, locale: string): string {
  const code = currency.toUpperCase();
  try {
    const digits = currencyDigits(code as Parameters<typeof currencyDigits>[0], locale);
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: code,
      minimumFractionDigits: minor % 10 ** digits === 0 ? 0 : digits,
      maximumFractionDigits: digits,
    }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${code}`;
  }
}

/** Minor units as a plain number to edit ("49" or "49,50"), in the locale's decimal mark. */
export function minorToText(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency.toUpperCase() as Parameters<typeof currencyDigits>[0], locale);
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

/** The status's badge tone. */
export function statusTone(
  status: SubscriptionStatus,
): 'success' | 'warning' | 'danger' | 'neutral' | 'info' {
  switch (status) {
    case 'active':
      return 'success';
    case 'trialing':
      return 'info';
    case 'past_due':
    case 'incomplete':
      return 'warning';
    case 'unpaid':
    case 'incomplete_expired':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** Dunning: payment failed and the plan holds only until the grace ends. */
export const isDunning = (status: SubscriptionStatus) => status === 'past_due' || status === 'unpaid';

/** A channel or feature as planFit names what a plan lacks ('voice', 'channel_voice', 'api'). */
export function missingLabel(t: TFunction, what: string): string {
  const bare = what.startsWith('channel_') ? what.slice('channel_'.length) : what;
  if ((planChannelList as readonly string[]).includes(bare)) return t(`billing.channels.${bare}`);
  if ((planFeatureList as readonly string[]).includes(bare)) return t(`billing.features.${bare}`);
  return what;
}

/**
 * Opens Stripe's page (Checkout, the Customer Portal): the desktop sends it to the system browser
 * (the window guard turns window.open into the default browser), the served mode goes there.
 */
export function goToStripe(url: string): void {
  if (!window.mindframe) {
    window.location.assign(url);
    return;
  }
  if (isMadePlanChange(url)) {
    // nothing to visit at Stripe: the change is made, the app's own page waits for Stripe's event
    window.location.hash = '#/billing/success';
    return;
  }
  window.open(url, '_blank', 'noopener');
}

/**
 * A plan change on a running subscription answers the desktop's loopback return page
 * (http://127.0.0.1:<port>/billing/success?changed=…), not a Stripe page: the system browser has
 * nothing to show for it (and the window guard opens only https addresses).
 */
export function isMadePlanChange(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'http:' &&
      parsed.hostname === '127.0.0.1' &&
      parsed.pathname === '/billing/success' &&
      parsed.searchParams.has('changed')
    );
  } catch {
    return false;
  }
}

/** Where the plan was before Checkout: the success page waits for it to change. */
export const checkoutFromKey = 'mindframe.billing.checkoutFrom';

/** The plan and interval before Checkout. */
export interface CheckoutFrom {
  planKey: string;
  interval: BillingInterval | null;
}

/** Whether Stripe's event has arrived: the plan (or its interval) moved from where it was before Checkout, and is paid. */
export function confirmed(sub: Subscription, from: CheckoutFrom | null): boolean {
  const paying = sub.status === 'active' || sub.status === 'trialing';
  if (!from) return paying;
  return paying && (sub.planKey !== from.planKey || sub.interval !== from.interval);
}
