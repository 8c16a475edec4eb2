/**
 * Unit economics of a subscription business: MRR and ARR by Stripe's definitions, MRR movements
 * and churn rates by ChartMogul's, and the ratios built on them. Pure functions; money in one
 * currency, in major units (the caller converts).
 */

// ---------------------------------------------------------------------------------------------
// MRR of subscriptions (Stripe)
// ---------------------------------------------------------------------------------------------

/**
 * Stripe, "Billing metric definitions" (docs.stripe.com/billing/subscriptions/analytics/glossary)
 * and "Billing analytics" (support.stripe.com/questions/billing-analytics): MRR is the sum of the
 * monthly-normalised amounts of all active and past_due subscriptions; trials, unpaid and
 * cancelled subscriptions, tax and free plans do not count; a coupon of duration `forever` reduces
 * MRR, a coupon that runs out (`once`, `repeating`) does not; a yearly plan counts 1/12 of its price.
 */
export interface SubscriptionForMrr {
  /** The price of one unit for one billing interval, without tax. */
  amount: number;
  interval: 'day' | 'week' | 'month' | 'year';
  intervalCount?: number;
  quantity?: number;
  status:
    | 'active'
    | 'past_due'
    | 'trialing'
    | 'unpaid'
    | 'canceled'
    | 'incomplete'
    | 'incomplete_expired'
    | 'paused';
  coupon?: { percentOff?: number; amountOff?: number; duration: 'forever' | 'once' | 'repeating' };
}

/** Intervals in a month: a year is 12 months, a week 52/12 of a month, a day 365/12. */
const perMonth: Record<SubscriptionForMrr['interval'], number> = {
  day: 365 / 12,
  week: 52 / 12,
  month: 1,
  year: 1 / 12,
};

export function subscriptionMrr(sub: SubscriptionForMrr): number {
  if (sub.status !== 'active' && sub.status !== 'past_due') return 0;
  let perInterval = sub.amount * (sub.quantity ?? 1);
  if (sub.coupon?.duration === 'forever') {
    if (sub.coupon.percentOff !== undefined) perInterval *= 1 - sub.coupon.percentOff / 100;
    if (sub.coupon.amountOff !== undefined) perInterval = Math.max(0, perInterval - sub.coupon.amountOff);
  }
  return (perInterval * perMonth[sub.interval]) / (sub.intervalCount ?? 1);
}

export function mrrOf(subscriptions: readonly SubscriptionForMrr[]): number {
  return subscriptions.reduce((sum, sub) => sum + subscriptionMrr(sub), 0);
}

export const arrOf = (mrr: number) => mrr * 12;

// ---------------------------------------------------------------------------------------------
// MRR movements (ChartMogul)
// ---------------------------------------------------------------------------------------------

/**
 * ChartMogul, "Data Table and MRR Movements" (help.chartmogul.com/hc/en-us/articles/203299912):
 * new business (a customer's first paid month), expansion (any increase of an existing paying
 * customer), contraction (any decrease that leaves them paying), churn (the MRR of a customer who
 * stops paying altogether) and reactivation (a customer who had churned pays again).
 */
export interface CustomerMrrSeries {
  customer: string;
  /** MRR at each month of `months` (0 = not paying). */
  mrr: readonly number[];
}

export interface MrrMovementMonth {
  month: string;
  startMrr: number;
  endMrr: number;
  newMrr: number;
  expansionMrr: number;
  contractionMrr: number;
  churnMrr: number;
  reactivationMrr: number;
  /** new + expansion + reactivation − contraction − churn = end − start. */
  netNewMrr: number;
  customersStart: number;
  customersEnd: number;
  newCustomers: number;
  churnedCustomers: number;
  reactivatedCustomers: number;
}

/** The movements of each month against the one before it (the first month is only a start). */
export function mrrMovements(
  months: readonly string[],
  customers: readonly CustomerMrrSeries[],
): MrrMovementMonth[] {
  const result: MrrMovementMonth[] = [];
  for (let i = 1; i < months.length; i++) {
    const m: MrrMovementMonth = {
      month: months[i]!,
      startMrr: 0,
      endMrr: 0,
      newMrr: 0,
      expansionMrr: 0,
      contractionMrr: 0,
      churnMrr: 0,
      reactivationMrr: 0,
      netNewMrr: 0,
      customersStart: 0,
      customersEnd: 0,
      newCustomers: 0,
      churnedCustomers: 0,
      reactivatedCustomers: 0,
    };
    for (const c of customers) {
      const before = c.mrr[i - 1] ?? 0;
      const now = c.mrr[i] ?? 0;
      m.startMrr += before;
      m.endMrr += now;
      if (before > 0) m.customersStart++;
      if (now > 0) m.customersEnd++;
      if (before <= 0 && now > 0) {
        const paidBefore = c.mrr.slice(0, i - 1).some((v) => v > 0);
        if (paidBefore) {
          m.reactivationMrr += now;
          m.reactivatedCustomers++;
        } else {
          m.newMrr += now;
          m.newCustomers++;
        }
      } else if (before > 0 && now <= 0) {
        m.churnMrr += before;
        m.churnedCustomers++;
      } else if (before > 0 && now > before) m.expansionMrr += now - before;
      else if (before > 0 && now < before) m.contractionMrr += before - now;
    }
    m.netNewMrr = m.newMrr + m.expansionMrr + m.reactivationMrr - m.contractionMrr - m.churnMrr;
    result.push(m);
  }
  return result;
}

export interface MovementTotals {
  startMrr: number;
  expansionMrr: number;
  contractionMrr: number;
  churnMrr: number;
  reactivationMrr: number;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/**
 * ChartMogul, "Metric: MRR Churn Rate" (help.chartmogul.com/hc/en-us/articles/203359341), the
 * Standard (B2B) formulas:
 *   gross MRR churn rate = (churn + contraction) ÷ MRR at the start of the period
 *   net MRR churn rate   = (churn + contraction − expansion − reactivation) ÷ MRR at the start
 * As fractions (0.2 = 20 %); null without MRR at the start.
 */
export function grossMrrChurnRate(m: MovementTotals): number | null {
  return ratio(m.churnMrr + m.contractionMrr, m.startMrr);
}
export function netMrrChurnRate(m: MovementTotals): number | null {
  return ratio(m.churnMrr + m.contractionMrr - m.expansionMrr - m.reactivationMrr, m.startMrr);
}

/** Customer churn rate (ChartMogul, Standard): customers lost in the period ÷ customers at its start. */
export function customerChurnRate(churnedCustomers: number, customersAtStart: number): number | null {
  return ratio(churnedCustomers, customersAtStart);
}

/** Average revenue per account: MRR ÷ paying customers. */
export function arpa(mrr: number, customers: number): number | null {
  return ratio(mrr, customers);
}

/** SaaS quick ratio (Mamoon Hamid): (new + expansion + reactivation) ÷ (churn + contraction). */
export function quickRatio(m: {
  newMrr: number;
  expansionMrr: number;
  reactivationMrr: number;
  churnMrr: number;
  contractionMrr: number;
}): number | null {
  return ratio(m.newMrr + m.expansionMrr + m.reactivationMrr, m.churnMrr + m.contractionMrr);
}

// ---------------------------------------------------------------------------------------------
// LTV, CAC, payback, margin, break-even
// ---------------------------------------------------------------------------------------------

/**
 * What a monthly customer churn of zero means for LTV: a number of months to cap the lifetime at
 * (Stripe assumes 1.67 % churn then, i.e. 60 months: support.stripe.com "Calculating subscriber
 * lifetime value in Billing"), or `infinite` (LTV has no bound and is answered as null).
 */
export type ZeroChurnSetting = { capMonths: number } | 'infinite';
export const DEFAULT_ZERO_CHURN: ZeroChurnSetting = { capMonths: 60 };

/**
 * LTV = ARPA × gross margin ÷ monthly customer churn rate (ChartMogul, "Metric: Customer Lifetime
 * Value": ARPA ÷ customer churn rate; with a gross margin of 1 the two agree). `grossMargin` is a
 * fraction (0.8 = 80 %). Null when the lifetime is unbounded (zero churn, setting `infinite`).
 */
export function ltv(input: {
  arpa: number;
  grossMargin?: number;
  churnRate: number;
  zeroChurn?: ZeroChurnSetting;
}): number | null {
  const margin = input.grossMargin ?? 1;
  if (input.churnRate > 0) return (input.arpa * margin) / input.churnRate;
  const setting = input.zeroChurn ?? DEFAULT_ZERO_CHURN;
  if (setting === 'infinite') return null;
  return input.arpa * margin * setting.capMonths;
}

/** Customer acquisition cost: campaign spend ÷ new customers in the same period. */
export function cac(spend: number, newCustomers: number): number | null {
  return ratio(spend, newCustomers);
}

/** LTV:CAC (null when either is unknown or CAC is 0). */
export function ltvToCac(ltvValue: number | null, cacValue: number | null): number | null {
  if (ltvValue === null || cacValue === null) return null;
  return ratio(ltvValue, cacValue);
}

/** Months of gross profit from one customer to earn back their CAC: CAC ÷ (ARPA × gross margin). */
export function paybackMonths(cacValue: number, arpaValue: number, grossMargin = 1): number | null {
  return ratio(cacValue, arpaValue * grossMargin);
}

/** Gross margin as a fraction: (revenue − model costs − other costs of revenue) ÷ revenue. */
export function grossMargin(revenue: number, modelCosts: number, otherCosts = 0): number | null {
  return ratio(revenue - modelCosts - otherCosts, revenue);
}

/** Paying customers needed to cover fixed monthly costs: fixed costs ÷ (ARPA × gross margin). */
export function breakEvenCustomers(
  fixedCostsPerMonth: number,
  arpaValue: number,
  margin: number,
): number | null {
  const perCustomer = arpaValue * margin;
  return perCustomer <= 0 ? null : Math.ceil(fixedCostsPerMonth / perCustomer - 1e-9);
}

// ---------------------------------------------------------------------------------------------
// One month's figures together (what the platform admin's unit-economics view shows)
// ---------------------------------------------------------------------------------------------

export interface UnitEconomicsInput {
  /** Month labels, oldest first ("2026-07" …), and each customer's MRR per month. */
  months: readonly string[];
  customers: readonly CustomerMrrSeries[];
  /** Of the last month: recognised revenue, model costs from the runs, other costs the admin entered. */
  revenue: number;
  modelCosts: number;
  otherCosts?: number;
  /** Of the last month: campaign spend (for CAC) and fixed costs (for break-even). */
  campaignSpend?: number;
  fixedCosts?: number;
  zeroChurn?: ZeroChurnSetting;
}

export interface UnitEconomics {
  month: string;
  mrr: number;
  arr: number;
  movements: MrrMovementMonth;
  arpa: number | null;
  customerChurnRate: number | null;
  grossMrrChurnRate: number | null;
  netMrrChurnRate: number | null;
  quickRatio: number | null;
  grossMargin: number | null;
  /** null: unknown (no ARPA or margin) or unbounded (zero churn with the `infinite` setting). */
  ltv: number | null;
  cac: number | null;
  ltvToCac: number | null;
  paybackMonths: number | null;
  breakEvenCustomers: number | null;
}

/** The last month of `months` against the one before it, with every ratio above. */
export function unitEconomics(input: UnitEconomicsInput): UnitEconomics {
  if (input.months.length < 2) throw new RangeError('unit economics need at least two months');
  const movements = mrrMovements(input.months, input.customers).at(-1)!;
  const arpaValue = arpa(movements.endMrr, movements.customersEnd);
  const churn = customerChurnRate(movements.churnedCustomers, movements.customersStart);
  const margin = grossMargin(input.revenue, input.modelCosts, input.otherCosts ?? 0);
  const ltvValue =
    arpaValue === null || margin === null || churn === null
      ? null
      : ltv({
          arpa: arpaValue,
          grossMargin: margin,
          churnRate: churn,
          ...(input.zeroChurn ? { zeroChurn: input.zeroChurn } : {}),
        });
  const cacValue =
    input.campaignSpend === undefined ? null : cac(input.campaignSpend, movements.newCustomers);
  return {
    month: movements.month,
    mrr: movements.endMrr,
    arr: arrOf(movements.endMrr),
    movements,
    arpa: arpaValue,
    customerChurnRate: churn,
    grossMrrChurnRate: grossMrrChurnRate(movements),
    netMrrChurnRate: netMrrChurnRate(movements),
    quickRatio: quickRatio(movements),
    grossMargin: margin,
    ltv: ltvValue,
    cac: cacValue,
    ltvToCac: ltvToCac(ltvValue, cacValue),
    paybackMonths:
      cacValue === null || arpaValue === null || margin === null
        ? null
        : paybackMonths(cacValue, arpaValue, margin),
    breakEvenCustomers:
      input.fixedCosts === undefined || arpaValue === null || margin === null
        ? null
        : breakEvenCustomers(input.fixedCosts, arpaValue, margin),
  };
}
