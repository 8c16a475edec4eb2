import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoBilling, type DemoBillingChange } from '../billing/demo-seed';
import { defaultBillingSettings } from '../billing/settings-store';
import { servicesOf } from '../internals';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';

// The installation's unit economics through the real dispatch on a real database: a small billing
// history (seeded through billing's demo writer) whose movements, LTV and forecast are worked out
// by hand below. The harness clock stands at 2026-11-22, so the last month is 2026-11.
let h: Harness;
let admin: SignedIn;
let member: SignedIn;
const day = (m: number, d: number) => Date.UTC(2026, m - 1, d, 12);
const monthStart = (m: number) => Date.UTC(2026, m - 1, 1);

beforeAll(async () => {
  h = createHarness();
  admin = await setupOwner(h.core, 'Platform', 'root@platform.test');
  member = await inviteAndAccept(h.core, admin, 'ada@platform.test', 'admin');
  const ids: string[] = [];
  for (const name of ['Alpha Bikes', 'Beta Bakery', 'Gamma Garage', 'Delta Dental'])
    ids.push((await expectOk(h.core, 'tenants.create', { name }, admin.call)).id);
  const [a, b, c, d] = ids as [string, string, string, string];
  let n = 0;
  const change = (
    tenantId: string,
    at: number,
    kind: DemoBillingChange['kind'],
    mrrBefore: number,
    mrrAfter: number,
  ): DemoBillingChange => ({
    id: `change-${++n}`,
    tenantId,
    at,
    kind,
    fromPlan: null,
    toPlan: null,
    mrrBefore,
    mrrAfter,
  });
  const invoice = (tenantId: string, at: number, total: number, tax: number) => ({
    id: `inv-${++n}`,
    tenantId,
    number: `INV-${n}`,
    status: 'paid' as const,
    currency: 'eur',
    subtotal: total - tax,
    tax,
    total,
    amountPaid: total,
    amountDue: 0,
    periodStart: at,
    periodEnd: at,
    createdAt: at,
  });
  writeDemoBilling(
    servicesOf(h.core).sqlite,
    {
      settings: { ...defaultBillingSettings, enabled: true, currency: 'EUR' },
      prices: {},
      subscriptions: [],
      invoices: [invoice(a, day(9, 3), 2_600, 100), invoice(c, day(11, 5), 12_000, 1_500)],
      changes: [
        change(a, day(7, 10), 'new', 0, 1_000),
        change(a, day(10, 5), 'upgrade', 1_000, 3_000),
        change(b, day(8, 3), 'new', 0, 2_000),
        change(b, day(9, 15), 'churn', 2_000, 0),
        change(b, day(11, 2), 'reactivation', 0, 2_000),
        change(c, day(10, 20), 'new', 0, 5_000),
        change(c, day(11, 10), 'downgrade', 5_000, 4_000),
        change(d, monthStart(9) + 3_600_000, 'new', 0, 1_500),
      ],
      counters: [],
      plans: [],
    },
    h.clock.now(),
    servicesOf(h.core).billing.settings,
  );
  await expectOk(h.core, 'tenants.setMoney', { currency: 'EUR', usdRate: 0.9 }, admin.call);
  await expectOk(
    h.core,
    'insight.saveCost',
    { month: monthStart(9), category: 'hosting', amount: 500, note: 'VPS' },
    admin.call,
  );
});
afterAll(() => h?.close());

describe('insight.economics', () => {
  it('answers MRR movements that add up, month by month', async () => {
    const e = await expectOk(h.core, 'insight.economics', { months: 3 }, admin.call);
    expect(e.currency).toBe('EUR');
    expect(e.usdRate).toBe(0.9);
    expect(e.months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    const [sep, oct, nov] = e.months;
    expect(sep).toMatchObject({ startMrr: 3_000, newMrr: 1_500, churnMrr: 2_000, mrr: 2_500, customers: 2 });
    expect(oct).toMatchObject({
      startMrr: 2_500,
      newMrr: 5_000,
      expansionMrr: 2_000,
      mrr: 9_500,
      arr: 114_000,
    });
    expect(nov).toMatchObject({
      startMrr: 9_500,
      reactivationMrr: 2_000,
      contractionMrr: 1_000,
      mrr: 10_500,
    });
    for (const m of e.months)
      expect(m.startMrr + m.newMrr + m.expansionMrr + m.reactivationMrr - m.contractionMrr - m.churnMrr).toBe(
        m.mrr,
      );
    // September: 1 of 2 customers left (50 %), MRR churn 2000 of 3000
    expect(sep!.customerChurnPercent).toBeCloseTo(50, 9);
    expect(sep!.grossRevenueChurnPercent).toBeCloseTo((2_000 / 3_000) * 100, 9);
    expect(sep!.netRevenueChurnPercent).toBeCloseTo((2_000 / 3_000) * 100, 9);
    expect(nov!.netRevenueChurnPercent).toBeCloseTo(((1_000 - 2_000) / 9_500) * 100, 9);
  });

  it('computes LTV as ARPA × gross margin ÷ churn, and caps it at zero churn as set', async () => {
    const e = await expectOk(h.core, 'insight.economics', { months: 3 }, admin.call);
    const [sep, , nov] = e.months;
    // September: revenue 2600 − 100 tax = 2500, the hosting cost 500 → margin 80 %;
    // ARPA 2500 ÷ 2 = 1250; churn 50 % → LTV 1250 × 0.8 ÷ 0.5 = 2000
    expect(sep).toMatchObject({ revenue: 2_500, otherCosts: 500, modelCosts: 0, arpa: 1_250 });
    expect(sep!.grossMarginPercent).toBeCloseTo(80, 9);
    expect(sep!.ltv).toBeCloseTo(2_000, 9);
    // November: nobody left; ARPA 10500 ÷ 4 = 2625, margin 100 % → 60 months by default
    expect(nov!.ltv).toBeCloseTo(2_625 * 60, 6);
    const capped = await expectOk(
      h.core,
      'insight.economics',
      { months: 3, zeroChurn: { capMonths: 24 } },
      admin.call,
    );
    expect(capped.months[2]!.ltv).toBeCloseTo(2_625 * 24, 6);
    const unbounded = await expectOk(
      h.core,
      'insight.economics',
      { months: 3, zeroChurn: 'infinite' },
      admin.call,
    );
    expect(unbounded.months[2]!.ltv).toBeNull();
  });

  it('forecasts MRR with 80 % and 95 % intervals that widen with the horizon', async () => {
    const e = await expectOk(h.core, 'insight.economics', { months: 6, forecastMonths: 4 }, admin.call);
    expect(e.forecast.method).toBe('holt');
    expect(e.forecast.methodName).toMatch(/Holt/);
    expect(e.forecast.months).toEqual(['2026-12', '2027-01', '2027-02', '2027-03']);
    const widths = e.forecast.points.map((p) => p.upper95 - p.lower95);
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeGreaterThan(widths[i - 1]!);
    for (const p of e.forecast.points) expect(p.upper95 - p.lower95).toBeGreaterThan(p.upper80 - p.lower80);
    const short = await expectOk(h.core, 'insight.economics', { months: 3, forecastMonths: 3 }, admin.call);
    expect(short.forecast.method).toBe('ses');
  });

  it('refuses anyone but a platform admin', async () => {
    const answer = await h.core.dispatch('insight.economics', {}, member.call);
    expect(answer.ok).toBe(false);
    expect((answer as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const cost = await h.core.dispatch(
      'insight.saveCost',
      { month: monthStart(10), category: 'x', amount: 1 },
      member.call,
    );
    expect(cost.ok).toBe(false);
  });
});

describe('insight costs', () => {
  it('saves, lists, changes and deletes a cost, refusing a month that does not start on the 1st', async () => {
    const saved = await expectOk(
      h.core,
      'insight.saveCost',
      { month: monthStart(10), category: 'people', amount: 120_000 },
      admin.call,
    );
    const changed = await expectOk(
      h.core,
      'insight.saveCost',
      { id: saved.id, month: monthStart(10), category: 'people', amount: 100_000, note: 'part time' },
      admin.call,
    );
    expect(changed).toEqual({ ...saved, amount: 100_000, note: 'part time' });
    const list = await expectOk(h.core, 'insight.costs', {}, admin.call);
    expect(list.costs.map((c) => [c.category, c.amount])).toEqual([
      ['people', 100_000],
      ['hosting', 500],
    ]);
    const oct = await expectOk(h.core, 'insight.economics', { months: 3 }, admin.call);
    expect(oct.months[1]!.otherCosts).toBe(100_000);
    expect(await expectOk(h.core, 'insight.deleteCost', { id: saved.id }, admin.call)).toEqual({
      deleted: true,
    });
    expect(await expectOk(h.core, 'insight.deleteCost', { id: saved.id }, admin.call)).toEqual({
      deleted: false,
    });
    const bad = await h.core.dispatch(
      'insight.saveCost',
      { month: day(10, 2), category: 'people', amount: 1 },
      admin.call,
    );
    expect(bad.ok).toBe(false);
    expect((bad as { error: { code: string } }).error.code).toBe('VALIDATION');
  });
});
