import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoRuns } from '../agents/demo-seed';
import { writeDemoBilling, type DemoBillingChange } from '../billing/demo-seed';
import { defaultBillingSettings } from '../billing/settings-store';
import { tenantRows } from '../../../db';
import { servicesOf } from '../internals';
import { saveMoney } from '../tenants/money';
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
      invoices: [
        invoice(a, day(9, 3), 2_600, 100),
        invoice(a, day(10, 3), 9_500, 0),
        invoice(c, day(11, 5), 12_000, 1_500),
      ],
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
  // one run in September of the platform's own agent: USD 1.00 → EUR 0.90 = 90 cents
  const sqlite = servicesOf(h.core).sqlite;
  const agent = await expectOk(h.core, 'agents.create', { name: 'Gear advisor' }, admin.call);
  writeDemoRuns(sqlite, admin.me.tenant.id, [
    {
      id: 'run-econ-1',
      agentId: agent.id,
      versionNumber: null,
      status: 'succeeded',
      trigger: 'chat',
      input: '{}',
      replies: '[]',
      error: null,
      errorCode: null,
      errorMessage: null,
      tokensIn: 100,
      tokensOut: 100,
      costMicros: 1_000_000,
      createdAt: day(9, 20),
      startedAt: day(9, 20),
      finishedAt: day(9, 20),
      steps: [],
    },
  ]);
  // a campaign of the platform over October: 10 000 spent for one new customer (Gamma Garage)
  sqlite
    .prepare(
      `INSERT INTO insight_campaigns (id, tenant_id, name, channel, spend, starts_at, ends_at, created_at)
       VALUES ('camp-1', @tenantId, 'Autumn', 'search', 10000, @from, @to, @from)`,
    )
    .run({ tenantId: admin.me.tenant.id, from: monthStart(10), to: monthStart(11) });
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
    // September: revenue 2600 − 100 tax = 2500, model costs 90, the hosting cost 500 → margin
    // 1910 ÷ 2500 = 76.4 %; ARPA 2500 ÷ 2 = 1250; churn 50 % → LTV 1250 × 0.764 ÷ 0.5 = 1910
    expect(sep).toMatchObject({ revenue: 2_500, otherCosts: 500, modelCosts: 90, arpa: 1_250 });
    expect(sep!.grossMarginPercent).toBeCloseTo(76.4, 9);
    expect(sep!.ltv).toBeCloseTo(1_910, 9);
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

  it('computes CAC, LTV:CAC and payback from the platform campaign spend', async () => {
    const e = await expectOk(h.core, 'insight.economics', { months: 3 }, admin.call);
    const oct = e.months[1]!;
    // October: 10 000 spent, one new customer → CAC 10 000; ARPA 9500 ÷ 3; margin 100 %;
    // nobody left → LTV = ARPA × 60; payback = CAC ÷ ARPA
    expect(oct).toMatchObject({
      campaignSpend: 10_000,
      newCustomers: 1,
      cac: 10_000,
      grossMarginPercent: 100,
    });
    expect(oct.ltv).toBeCloseTo((9_500 / 3) * 60, 6);
    expect(oct.ltvToCac).toBeCloseTo(((9_500 / 3) * 60) / 10_000, 9);
    expect(oct.paybackMonths).toBeCloseTo(10_000 / (9_500 / 3), 9);
    expect(oct.quickRatio).toBeNull();
    expect(e.months[0]!.quickRatio).toBeCloseTo(1_500 / 2_000, 9);
    // profit: September 2500 − 90 − 500 > 0, October 9500 − 10 000 < 0, November 10 500 > 0
    expect(e.breakEvenMonth).toBe('2026-11');
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

  it('fits the forecast from the first month with MRR > 0, not the empty months before it', async () => {
    // the range's first six months (2025-12 … 2026-06) have no paying customer; MRR starts in July
    const e = await expectOk(h.core, 'insight.economics', { months: 12, forecastMonths: 3 }, admin.call);
    expect(e.months.slice(0, 7).every((m) => m.mrr === 0)).toBe(true);
    expect(e.forecast.fittedFrom).toBe('2026-07');
    expect(e.forecast.fittedMonths).toBe(5);
    const paying = e.months.slice(7).map((m) => m.mrr);
    const alone = await expectOk(
      h.core,
      'insight.forecast',
      { values: paying, horizon: 3, method: 'holt' },
      admin.call,
    );
    expect(e.forecast.method).toBe('holt');
    expect(e.forecast.points.map((p) => p.mean)).toEqual(alone.points.map((p) => p.mean));
    // too few paying months for Holt: SES over the last three
    const short = await expectOk(h.core, 'insight.economics', { months: 3, forecastMonths: 3 }, admin.call);
    expect(short.forecast).toMatchObject({ method: 'ses', fittedMonths: 3, fittedFrom: '2026-09' });
  });

  it('leaves USD model costs out of the money figures when the platform organisation has no rate', async () => {
    // a customer organisation's own rate is no rate for the platform's figures
    const alpha = (await expectOk(h.core, 'tenants.list', {}, admin.call)).tenants.find(
      (t) => t.name === 'Alpha Bikes',
    )!;
    saveMoney(
      tenantRows(servicesOf(h.core).system, alpha.id),
      { currency: 'EUR', usdRate: 2 },
      h.clock.now(),
    );
    await expectOk(h.core, 'tenants.setMoney', { currency: 'USD' }, admin.call);
    try {
      const e = await expectOk(h.core, 'insight.economics', { months: 3 }, admin.call);
      expect(e.usdRate).toBeNull();
      expect(e.modelCostsExcluded).toBe(true);
      expect(e.modelCostsUsdMicros).toBe(1_000_000);
      const sep = e.months[0]!;
      // USD 1.00 is not added as 100 euro cents: September is 2500 revenue − 500 hosting
      expect(sep).toMatchObject({ modelCosts: 0, modelCostsUsdMicros: 1_000_000, profit: 2_000 });
      expect(sep.grossMarginPercent).toBeCloseTo(80, 9);
    } finally {
      await expectOk(h.core, 'tenants.setMoney', { currency: 'EUR', usdRate: 0.9 }, admin.call);
    }
    const converted = await expectOk(h.core, 'insight.economics', { months: 3 }, admin.call);
    expect(converted.modelCostsExcluded).toBeUndefined();
    expect(converted.months[0]).toMatchObject({ modelCosts: 90, profit: 2_500 - 90 - 500 });
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
  it('saves, lists, changes and deletes a cost, refusing a blank category or a negative amount', async () => {
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
    const audit = await expectOk(h.core, 'audit.list', {}, admin.call);
    const actions = audit.entries.map((entry) => entry.action);
    expect(actions.filter((a) => a === 'insight.saveCost')).toHaveLength(3);
    expect(actions).toContain('insight.deleteCost');
    // any moment of a month is kept on its first day
    const mid = await expectOk(
      h.core,
      'insight.saveCost',
      { month: day(10, 17), category: 'ads tools', amount: 1_200 },
      admin.call,
    );
    expect(mid.month).toBe(monthStart(10));
    await expectOk(h.core, 'insight.deleteCost', { id: mid.id }, admin.call);
    const bad = await h.core.dispatch(
      'insight.saveCost',
      { month: monthStart(10), category: ' ', amount: -5 },
      admin.call,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
