import { uuidv7 } from '../../../db';
import type {
  DemoBilling,
  DemoBillingChange,
  DemoInvoice,
  DemoSubscription,
  DemoUsageCounter,
} from '../billing/demo-seed';
import { Prng } from './prng';

/**
 * The demo platform's business (issue 16, part 9): the installation sells plans to its customer
 * organisations. Each customer has a story (sign-up, upgrades, a downgrade, churn, a reactivation,
 * one past due, a yearly plan) told as Stripe would have recorded it: subscriptions, a paid invoice per period, plan
 * changes with MRR by Stripe's definition (monthly price, yearly price / 12, no tax, nothing for a
 * cancelled subscription), and usage per period counted from the conversations and runs the demo
 * simulated. Nothing here talks to Stripe: ids are `cus_demo…`, `sub_demo…`, `in_demo…`.
 */

const hour = 3_600_000;
const day = 24 * hour;

/** Prices for a Norwegian platform, in øre (the catalogue's built-in prices are for EUR/USD). */
export const demoPrices: Record<string, { month: number; year: number }> = {
  starter: { month: 34_900, year: 349_000 },
  pro: { month: 119_000, year: 1_190_000 },
  enterprise: { month: 449_000, year: 4_490_000 },
};

/** The limits the usage story is told against (the built-in plans', migration 0019). */
const limits: Record<string, Record<'conversations' | 'runs' | 'tokens', number>> = {
  starter: { conversations: 500, runs: 2_000, tokens: 1_000_000 },
  pro: { conversations: 5_000, runs: 20_000, tokens: 10_000_000 },
  enterprise: { conversations: 50_000, runs: 200_000, tokens: 100_000_000 },
};

export const demoBillingSettings = {
  enabled: true,
  currency: 'NOK' as const,
  /** A new organisation starts on Starter until it subscribes. */
  defaultPlan: 'starter',
  /**
   * After cancelling (or dunning past its grace) an organisation keeps Starter's limits: the
   * smallest plan on sale, never Own use (which would give a former customer everything for free),
   * and nothing is locked.
   */
  fallbackPlan: 'starter',
  graceDays: 7,
  proration: 'always_invoice' as const,
  downgradeTiming: 'period_end' as const,
};

/** What the demo's customers did: conversations (times) and runs (times and tokens). */
export interface DemoUsageEvents {
  conversations: number[];
  runs: { at: number; tokens: number }[];
}

export interface DemoCustomer {
  tenantId: string;
  /** The story to tell (see `stories`). */
  story: DemoStory;
  /** When the organisation was created. */
  joinedAt: number;
  /** Norwegian customers pay 25 % MVA; customers abroad are reverse-charged. */
  norwegian: boolean;
  usage: DemoUsageEvents | null;
}

export type DemoStory =
  | 'steady_pro'
  | 'near_limit'
  | 'past_due'
  | 'upgrade_enterprise'
  /** Pro, paid a year at a time. */
  | 'pro_yearly'
  /** Pro for the summer, Starter when it ends, cancelled for the winter, back for the next season. */
  | 'seasonal';

type Interval = 'month' | 'year';

interface Segment {
  plan: string;
  interval: Interval;
  /** When it began (the subscription's billing anchor for 'new' and 'reactivation'). */
  from: number;
}

/** `months` calendar months after `t` (UTC), on the same day, or the month's last day (as Stripe bills). */
export function addMonths(t: number, months: number): number {
  const d = new Date(t);
  const target = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + months,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.getTime();
}

const price = (plan: string, interval: Interval) => demoPrices[plan]![interval];
export const mrrOf = (plan: string, interval: Interval) =>
  interval === 'month' ? price(plan, 'month') : Math.round(price(plan, 'year') / 12);

export function simulateDemoBilling(input: {
  seed: number;
  startAt: number;
  endAt: number;
  customers: DemoCustomer[];
}): DemoBilling {
  const { startAt, endAt } = input;
  // its own stream: the rest of the demo stays as it was for a seed
  const rng = new Prng((input.seed ^ 0x5b1ee) >>> 0);
  const span = endAt - startAt;
  const atFraction = (f: number) => startAt + Math.round(f * span);
  const subscriptions: DemoSubscription[] = [];
  const invoices: DemoInvoice[] = [];
  const changes: DemoBillingChange[] = [];
  const counters: DemoUsageCounter[] = [];
  const plans: { tenantId: string; plan: string }[] = [];

  for (const customer of input.customers) {
    const { tenantId } = customer;
    const customerId = `cus_demo${rng.hex(14)}`;
    const prefix = rng.hex(8).toUpperCase();
    let invoiceNumber = 0;
    const taxOf = (subtotal: number) => (customer.norwegian ? Math.round(subtotal * 0.25) : 0);
    const invoice = (at: number, subtotal: number, periodStart: number, periodEnd: number, open = false) => {
      const tax = taxOf(subtotal);
      invoiceNumber += 1;
      invoices.push({
        id: `in_demo${rng.hex(16)}`,
        tenantId,
        number: `${prefix}-${String(invoiceNumber).padStart(4, '0')}`,
        status: open ? 'open' : 'paid',
        currency: 'nok',
        subtotal,
        tax,
        total: subtotal + tax,
        amountPaid: open ? 0 : subtotal + tax,
        amountDue: open ? subtotal + tax : 0,
        periodStart,
        periodEnd,
        createdAt: at,
      });
    };
    const change = (
      at: number,
      kind: DemoBillingChange['kind'],
      from: string | null,
      to: string | null,
      before: number,
      after: number,
    ) =>
      changes.push({
        id: uuidv7(at),
        tenantId,
        at,
        kind,
        fromPlan: from,
        toPlan: to,
        mrrBefore: before,
        mrrAfter: after,
      });
    // the first moment a subscription may start: an hour after the organisation was created
    const earliest = customer.joinedAt + hour;
    const clampStart = (t: number) => Math.min(Math.max(t, earliest), endAt - 2 * hour);

    // ── the story: segments of (plan, interval) and what happened between them ──────────────
    let subscriptionId = `sub_demo${rng.hex(14)}`;
    let status: DemoSubscription['status'] = 'active';
    let canceledAt: number | null = null;
    let periodStart = 0;
    let periodEnd = 0;
    let paidThrough: number | null = null;
    let segment: Segment;
    let finalPlan: string;

    /** Bills each period of `seg` from its anchor until `until` (exclusive), paid; returns the last period. */
    const bill = (seg: Segment, anchor: number, until: number, extra: Map<number, number> = new Map()) => {
      let start = anchor;
      // continuing from a period already billed: that period, if nothing new is billed
      let last = { start: addMonths(anchor, seg.interval === 'month' ? -1 : -12), end: anchor };
      while (start < until) {
        const end = addMonths(start, seg.interval === 'month' ? 1 : 12);
        invoice(start, price(seg.plan, seg.interval) + (extra.get(start) ?? 0), start, end);
        last = { start, end };
        start = end;
      }
      return last;
    };

    switch (customer.story) {
      case 'steady_pro':
      case 'near_limit':
      case 'past_due':
      case 'upgrade_enterprise': {
        const plan =
          customer.story === 'steady_pro' || customer.story === 'upgrade_enterprise' ? 'pro' : 'starter';
        let anchor = clampStart(customer.joinedAt + rng.int(1, 5) * hour);
        if (customer.story === 'near_limit' && customer.usage)
          anchor = nearLimitAnchor(customer.usage, earliest);
        if (customer.story === 'past_due') {
          // the card was declined at the last renewal, three days ago: the anchor is a whole number of months before it
          const renewal = endAt - 3 * day - rng.int(1, 8) * hour;
          let a = renewal;
          while (addMonths(a, -1) >= earliest) a = addMonths(a, -1);
          anchor = a;
        }
        segment = { plan, interval: 'month', from: anchor };
        change(anchor, 'new', null, plan, 0, mrrOf(plan, 'month'));
        finalPlan = plan;
        if (customer.story === 'upgrade_enterprise') {
          // grows into Enterprise (voice, more agents) part way through; the difference is invoiced at once
          const upAt = clampStart(anchor + Math.round((endAt - anchor) * 0.45));
          let p = bill(segment, anchor, upAt);
          const left = (p.end - upAt) / (p.end - p.start);
          const proration = Math.round((price('enterprise', 'month') - price('pro', 'month')) * left);
          invoice(upAt, proration, upAt, p.end);
          change(upAt, 'upgrade', 'pro', 'enterprise', mrrOf('pro', 'month'), mrrOf('enterprise', 'month'));
          segment = { plan: 'enterprise', interval: 'month', from: upAt };
          p = bill(segment, p.end, endAt);
          periodStart = p.start;
          periodEnd = p.end;
          finalPlan = 'enterprise';
        } else if (customer.story === 'past_due') {
          // every renewal paid until the last: its invoice is open, the plan holds through the grace period
          const p = bill(segment, anchor, endAt - 4 * day);
          const renewal = p.end;
          if (anchor < endAt - 4 * day && renewal <= endAt) {
            invoice(renewal, price(plan, 'month'), renewal, addMonths(renewal, 1), true);
            status = 'past_due';
            paidThrough = renewal;
            periodStart = renewal;
            periodEnd = addMonths(renewal, 1);
            change(renewal + hour, 'past_due', plan, plan, mrrOf(plan, 'month'), mrrOf(plan, 'month'));
          } else {
            const q = bill(segment, p.end, endAt);
            periodStart = q.start;
            periodEnd = q.end;
          }
        } else {
          const p = bill(segment, anchor, endAt);
          periodStart = p.start;
          periodEnd = p.end;
        }
        break;
      }
      case 'seasonal': {
        // Pro for the summer season, monthly
        const anchor = clampStart(atFraction(0.03));
        segment = { plan: 'pro', interval: 'month', from: anchor };
        change(anchor, 'new', null, 'pro', 0, mrrOf('pro', 'month'));
        finalPlan = 'pro';
        let p = bill(segment, anchor, clampStart(atFraction(0.25)));
        // asks for Starter when the season ends; it takes effect at the end of the paid period
        if (p.end < endAt - 2 * day) {
          const effective = p.end;
          change(effective, 'downgrade', 'pro', 'starter', mrrOf('pro', 'month'), mrrOf('starter', 'month'));
          segment = { plan: 'starter', interval: 'month', from: effective };
          finalPlan = 'starter';
          p = bill(segment, effective, clampStart(Math.max(atFraction(0.55), effective + day)));
        } else p = bill(segment, p.end, clampStart(atFraction(0.55)));
        // cancels for the winter at the end of a period, keeps its data (the fallback plan)
        const decidedAt = Math.min(p.start + day, endAt - 2 * day);
        const churnAt = Math.min(p.end, endAt - day);
        change(
          churnAt,
          'churn',
          segment.plan,
          demoBillingSettings.fallbackPlan,
          mrrOf(segment.plan, 'month'),
          0,
        );
        status = 'canceled';
        canceledAt = decidedAt;
        periodStart = p.start;
        periodEnd = p.end;
        paidThrough = p.end;
        finalPlan = demoBillingSettings.fallbackPlan;
        // back for the next season, on a new subscription
        const back = clampStart(Math.max(atFraction(0.86), churnAt + 7 * day));
        if (back < endAt - day) {
          subscriptionId = `sub_demo${rng.hex(14)}`;
          segment = { plan: 'starter', interval: 'month', from: back };
          change(
            back,
            'reactivation',
            demoBillingSettings.fallbackPlan,
            'starter',
            0,
            mrrOf('starter', 'month'),
          );
          const q = bill(segment, back, endAt);
          status = 'active';
          canceledAt = null;
          periodStart = q.start;
          periodEnd = q.end;
          paidThrough = null;
          finalPlan = 'starter';
        }
        break;
      }
      case 'pro_yearly': {
        const anchor = clampStart(customer.joinedAt + rng.int(1, 5) * hour);
        segment = { plan: 'pro', interval: 'year', from: anchor };
        change(anchor, 'new', null, 'pro', 0, mrrOf('pro', 'year'));
        invoice(anchor, price('pro', 'year'), anchor, addMonths(anchor, 12));
        periodStart = anchor;
        periodEnd = addMonths(anchor, 12);
        finalPlan = 'pro';
        break;
      }
    }

    const mrr = status === 'canceled' ? 0 : mrrOf(segment.plan, segment.interval);
    subscriptions.push({
      tenantId,
      planKey: segment.plan,
      interval: segment.interval,
      status,
      stripeCustomerId: customerId,
      stripeSubscriptionId: subscriptionId,
      currentPeriodStart: periodStart,
      currentPeriodEnd: periodEnd,
      paidThrough: paidThrough ?? periodEnd,
      cancelAtPeriodEnd: false,
      canceledAt,
      mrr,
      currency: 'nok',
      updatedAt: Math.min(
        endAt,
        Math.max(
          periodStart,
          canceledAt ?? 0,
          ...changes.filter((c) => c.tenantId === tenantId).map((c) => c.at),
        ),
      ),
    });
    plans.push({ tenantId, plan: finalPlan });
    if (customer.usage)
      counters.push(
        ...usageCounters(
          customer,
          changes.filter((c) => c.tenantId === tenantId),
          subscriptions.at(-1)!,
          endAt,
        ),
      );
  }
  return {
    settings: demoBillingSettings,
    prices: demoPrices,
    subscriptions,
    invoices,
    changes,
    counters,
    plans,
  };

  /**
   * The billing anchor that puts this period's tokens at about 85 % of Starter's: the demo's one
   * customer near its limit (the owners' 80 % banner). The period began where the tokens counted
   * back from now reach 85 %, at most 29 days ago; earlier periods are whole months before it.
   */
  function nearLimitAnchor(usage: DemoUsageEvents, earliest: number): number {
    const target = limits.starter!.tokens * 0.85;
    const runs = [...usage.runs].sort((a, b) => b.at - a.at);
    let sum = 0;
    let start = endAt - 29 * day;
    for (const run of runs) {
      if (run.at < endAt - 29 * day) break;
      sum += run.tokens;
      if (sum >= target) {
        start = run.at;
        break;
      }
    }
    start = Math.min(start, endAt - 2 * day);
    let anchor = start;
    while (addMonths(anchor, -1) >= earliest) anchor = addMonths(anchor, -1);
    return Math.max(anchor, earliest);
  }
}

/**
 * Usage per period as the usage counters would have counted it: the subscription's monthly
 * periods once there is one, calendar months (UTC) before. Warned at 80 % and stopped at 100 % of
 * the plan's limit at the moment it was passed.
 */
function usageCounters(
  customer: DemoCustomer,
  changes: DemoBillingChange[],
  subscription: DemoSubscription,
  endAt: number,
): DemoUsageCounter[] {
  const usage = customer.usage!;
  const first = changes.find((c) => c.kind === 'new');
  const periods: { start: number; end: number }[] = [];
  const calendar = (t: number) => {
    const d = new Date(t);
    return {
      start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
      end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
    };
  };
  const anchor = first?.at ?? endAt;
  let t = customer.joinedAt;
  while (t < anchor) {
    const month = calendar(t);
    periods.push({ start: month.start, end: Math.min(month.end, anchor) });
    t = month.end;
  }
  const step = subscription.interval === 'year' ? 12 : 1;
  for (let start = anchor; start < endAt; start = addMonths(start, step))
    periods.push({ start, end: addMonths(start, step) });
  const planAt = (at: number) => {
    let plan = 'starter';
    for (const c of changes) if (c.at <= at && c.toPlan) plan = c.toPlan;
    return plan;
  };
  const out: DemoUsageCounter[] = [];
  for (const period of periods) {
    const limit = limits[planAt(period.start)] ?? limits.starter!;
    const series: Record<'conversations' | 'runs' | 'tokens', { at: number; amount: number }[]> = {
      conversations: usage.conversations
        .filter((at) => at >= period.start && at < period.end)
        .map((at) => ({ at, amount: 1 })),
      runs: usage.runs
        .filter((r) => r.at >= period.start && r.at < period.end)
        .map((r) => ({ at: r.at, amount: 1 })),
      tokens: usage.runs
        .filter((r) => r.at >= period.start && r.at < period.end)
        .map((r) => ({ at: r.at, amount: r.tokens })),
    };
    for (const metric of ['conversations', 'runs', 'tokens'] as const) {
      const events = series[metric].sort((a, b) => a.at - b.at);
      if (events.length === 0) continue;
      let count = 0;
      let warnedAt: number | null = null;
      let limitReachedAt: number | null = null;
      for (const e of events) {
        count += e.amount;
        if (warnedAt === null && count >= limit[metric] * 0.8) warnedAt = e.at;
        if (limitReachedAt === null && count >= limit[metric]) limitReachedAt = e.at;
      }
      out.push({
        tenantId: customer.tenantId,
        metric,
        periodStart: period.start,
        periodEnd: period.end,
        count,
        warnedAt,
        limitReachedAt,
      });
    }
  }
  return out;
}
