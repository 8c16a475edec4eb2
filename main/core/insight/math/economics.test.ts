import { describe, expect, it } from 'vitest';
import {
  arpa,
  arrOf,
  breakEvenCustomers,
  cac,
  customerChurnRate,
  grossMargin,
  grossMrrChurnRate,
  ltv,
  ltvToCac,
  mrrMovements,
  mrrOf,
  netMrrChurnRate,
  paybackMonths,
  quickRatio,
  subscriptionMrr,
  unitEconomics,
  type SubscriptionForMrr,
} from '.';

const monthly = (amount: number, extra: Partial<SubscriptionForMrr> = {}): SubscriptionForMrr => ({
  amount,
  interval: 'month',
  status: 'active',
  ...extra,
});

describe('MRR (Stripe)', () => {
  it("gives Stripe's glossary example: 100 on Plan A at 100/month and 50 on Plan B at 600/year = 12,500", () => {
    // docs.stripe.com/billing/subscriptions/analytics/glossary, "Monthly Recurring Revenue": "100
    // subscribers are on Plan A (100 USD per month) and 50 subscribers are on Plan B (600 USD per
    // year). MRR = (100 × 100 USD) + (50 × (800 USD/12)) = 12,500 USD" — the 800 there is a typo:
    // 50 × 600/12 = 2,500 is what makes the 12,500.
    const subscriptions = [
      ...Array.from({ length: 100 }, () => monthly(100)),
      ...Array.from({ length: 50 }, () => monthly(600, { interval: 'year' })),
    ];
    expect(mrrOf(subscriptions)).toBeCloseTo(12_500, 9);
    expect(arrOf(mrrOf(subscriptions))).toBeCloseTo(150_000, 9);
  });

  it("follows Stripe's rules for yearly plans, coupons, trials and delinquency", () => {
    // support.stripe.com/questions/billing-analytics: "an annual subscription for $1,200 only counts
    // $100 towards your MRR"; "a 50% off coupon that has a duration of forever will halve that
    // subscriptions MRR"; a once or repeating coupon leaves MRR unaffected; trialing subscriptions
    // and unpaid ones do not count (the glossary counts active and past_due).
    expect(subscriptionMrr(monthly(1_200, { interval: 'year' }))).toBeCloseTo(100, 12);
    expect(subscriptionMrr(monthly(80, { coupon: { percentOff: 50, duration: 'forever' } }))).toBe(40);
    expect(subscriptionMrr(monthly(80, { coupon: { percentOff: 50, duration: 'once' } }))).toBe(80);
    expect(subscriptionMrr(monthly(80, { coupon: { amountOff: 30, duration: 'repeating' } }))).toBe(80);
    expect(subscriptionMrr(monthly(80, { coupon: { amountOff: 30, duration: 'forever' } }))).toBe(50);
    expect(subscriptionMrr(monthly(80, { status: 'trialing' }))).toBe(0);
    expect(subscriptionMrr(monthly(80, { status: 'unpaid' }))).toBe(0);
    expect(subscriptionMrr(monthly(80, { status: 'canceled' }))).toBe(0);
    expect(subscriptionMrr(monthly(80, { status: 'past_due' }))).toBe(80);
    // quantity and interval count: 3 seats of 30 every 3 months = 30/month
    expect(subscriptionMrr(monthly(30, { quantity: 3, intervalCount: 3 }))).toBe(30);
  });
});

describe('MRR movements (ChartMogul)', () => {
  it("classifies ChartMogul's Syncalytics example: new, expansion, contraction, churn, reactivation", () => {
    // help.chartmogul.com/hc/en-us/articles/201244842 ("MRR movements"): four Gold yearly plans
    // at $500 (billed $2,000) are New Business of $166.67; two Silver monthly plans at $30 added
    // are Expansion of $60; cancelling them while the Gold plan runs is Contraction of $60;
    // cancelling the last subscription is Churn; subscribing again (three Gold monthly at $50) is
    // Reactivation of $150.
    const gold = 2_000 / 12;
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    const moves = mrrMovements(months, [
      { customer: 'Syncalytics', mrr: [0, gold, gold + 60, gold, 0, 150] },
    ]);
    expect(moves.map((m) => m.month)).toEqual(months.slice(1));
    expect(moves[0]).toMatchObject({ newMrr: gold, newCustomers: 1 });
    expect(moves[0]!.newMrr).toBeCloseTo(166.67, 2);
    expect(moves[1]).toMatchObject({ expansionMrr: 60, newMrr: 0 });
    expect(moves[2]!.contractionMrr).toBeCloseTo(60, 9);
    expect(moves[3]).toMatchObject({ churnMrr: gold, churnedCustomers: 1, customersEnd: 0 });
    expect(moves[4]).toMatchObject({
      reactivationMrr: 150,
      reactivatedCustomers: 1,
      newMrr: 0,
      newCustomers: 0,
    });
    for (const m of moves) expect(m.endMrr - m.startMrr).toBeCloseTo(m.netNewMrr, 9);
  });

  it("gives ChartMogul's gross (20 %) and net (10 %) MRR churn example", () => {
    // help.chartmogul.com/hc/en-us/articles/203359341 ("Metric: MRR Churn Rate", Standard
    // formula): $100 MRR at the start, $10 lost to churn, $10 to contraction, one customer up by
    // $10: gross = ($10 + $10) / $100 = 20 %, net = (($10 + $10) − ($10 + $0)) / $100 = 10 %.
    const [month] = mrrMovements(
      ['2026-01', '2026-02'],
      [
        { customer: 'a', mrr: [10, 0] },
        { customer: 'b', mrr: [30, 20] },
        { customer: 'c', mrr: [30, 40] },
        { customer: 'd', mrr: [30, 30] },
      ],
    );
    expect(month).toMatchObject({
      startMrr: 100,
      churnMrr: 10,
      contractionMrr: 10,
      expansionMrr: 10,
      endMrr: 90,
    });
    expect(grossMrrChurnRate(month!)).toBeCloseTo(0.2, 12);
    expect(netMrrChurnRate(month!)).toBeCloseTo(0.1, 12);
    // one of four customers lost: 25 % customer churn (customers lost ÷ customers at the start)
    expect(customerChurnRate(month!.churnedCustomers, month!.customersStart)).toBe(0.25);
    expect(arpa(month!.endMrr, month!.customersEnd)).toBe(30);
    // quick ratio: (new + expansion + reactivation) ÷ (churn + contraction) = 10 / 20
    expect(quickRatio(month!)).toBe(0.5);
    expect(grossMrrChurnRate({ ...month!, startMrr: 0 })).toBeNull();
  });
});

describe('LTV, CAC and payback', () => {
  it("gives ChartMogul's LTV example: ARPA $100 at 5 % monthly customer churn = $2,000", () => {
    // help.chartmogul.com/hc/en-us/articles/203359061 ("Metric: Customer Lifetime Value"):
    // LTV = ARPA / customer churn rate; "if your ARPA is $100 and your monthly customer churn rate
    // is 5%, your LTV will be $2000". With a gross margin: ARPA × margin ÷ churn.
    expect(ltv({ arpa: 100, churnRate: 0.05 })).toBeCloseTo(2_000, 9);
    expect(ltv({ arpa: 100, grossMargin: 0.8, churnRate: 0.05 })).toBeCloseTo(1_600, 9);
  });

  it('says what zero churn means: a cap in months (Stripe assumes 1.67 %, i.e. 60 months) or unbounded', () => {
    // support.stripe.com "Calculating subscriber lifetime value in Billing": "when the churn rate
    // is 0% (e.g. in a new account), a rate of 1.67% is assumed" — 1/60
    expect(ltv({ arpa: 100, churnRate: 0 })).toBe(6_000);
    expect(ltv({ arpa: 100, churnRate: 1 / 60 })).toBeCloseTo(6_000, 9);
    expect(ltv({ arpa: 100, grossMargin: 0.5, churnRate: 0, zeroChurn: { capMonths: 24 } })).toBe(1_200);
    expect(ltv({ arpa: 100, churnRate: 0, zeroChurn: 'infinite' })).toBeNull();
  });

  it('derives CAC, LTV:CAC, payback months, gross margin and break-even', () => {
    // 3,000 of campaign spend for 10 new customers: CAC 300
    expect(cac(3_000, 10)).toBe(300);
    expect(cac(3_000, 0)).toBeNull();
    expect(ltvToCac(1_600, 300)).toBeCloseTo(5.3333, 4);
    expect(ltvToCac(null, 300)).toBeNull();
    // 300 ÷ (100 × 0.8) = 3.75 months of gross profit
    expect(paybackMonths(300, 100, 0.8)).toBeCloseTo(3.75, 12);
    // 10,000 of revenue, 1,500 of model costs and 500 entered by the admin: 80 % gross margin
    expect(grossMargin(10_000, 1_500, 500)).toBeCloseTo(0.8, 12);
    expect(grossMargin(0, 10)).toBeNull();
    // 4,000 of fixed costs a month over 80 of gross profit per customer: 50 customers
    expect(breakEvenCustomers(4_000, 100, 0.8)).toBe(50);
    expect(breakEvenCustomers(4_001, 100, 0.8)).toBe(51);
  });
});

describe('one month of unit economics', () => {
  it('puts the figures of the last month together, from the same definitions', () => {
    // ChartMogul's churn example as the last month, with 2 new customers of 25 each bought for 600
    const answer = unitEconomics({
      months: ['2026-01', '2026-02'],
      customers: [
        { customer: 'a', mrr: [10, 0] },
        { customer: 'b', mrr: [30, 20] },
        { customer: 'c', mrr: [30, 40] },
        { customer: 'd', mrr: [30, 30] },
        { customer: 'e', mrr: [0, 25] },
        { customer: 'f', mrr: [0, 25] },
      ],
      revenue: 140,
      modelCosts: 21,
      otherCosts: 7,
      campaignSpend: 600,
      fixedCosts: 1_000,
    });
    expect(answer).toMatchObject({
      month: '2026-02',
      mrr: 140,
      arr: 1_680,
      arpa: 28,
      customerChurnRate: 0.25,
    });
    expect(answer.movements).toMatchObject({
      newMrr: 50,
      newCustomers: 2,
      churnMrr: 10,
      contractionMrr: 10,
      expansionMrr: 10,
    });
    expect(answer.grossMrrChurnRate).toBeCloseTo(0.2, 12);
    expect(answer.netMrrChurnRate).toBeCloseTo(0.1, 12);
    // (50 + 10 + 0) / (10 + 10)
    expect(answer.quickRatio).toBe(3);
    // (140 − 21 − 7) / 140 = 0.8; LTV = 28 × 0.8 / 0.25 = 89.6; CAC = 600 / 2 = 300
    expect(answer.grossMargin).toBeCloseTo(0.8, 12);
    expect(answer.ltv).toBeCloseTo(89.6, 9);
    expect(answer.cac).toBe(300);
    expect(answer.ltvToCac).toBeCloseTo(89.6 / 300, 12);
    expect(answer.paybackMonths).toBeCloseTo(300 / 22.4, 9);
    // 1,000 / 22.4 = 44.6: 45 customers
    expect(answer.breakEvenCustomers).toBe(45);
  });
});
