import { pointsDirection, pointsOf } from '../shared/delta';
import { describe, expect, it } from 'vitest';
import {
  checkCostDraft,
  costCategories,
  defaultMonthIndex,
  draftOfCost,
  hasMoney,
  hasPayingCustomers,
  metricDefinitions,
  monthStartOfLabel,
  moneyRows,
  movementRows,
  mrrRows,
  forecastOnly,
  zeroChurnInput,
  type Economics,
  type EconomicsMonth,
} from './economics-data';

const month = (label: string, fields: Partial<EconomicsMonth> = {}): EconomicsMonth => ({
  month: label,
  start: monthStartOfLabel(label)!,
  mrr: 0,
  arr: 0,
  startMrr: 0,
  newMrr: 0,
  expansionMrr: 0,
  contractionMrr: 0,
  churnMrr: 0,
  reactivationMrr: 0,
  netNewMrr: 0,
  customers: 0,
  newCustomers: 0,
  churnedCustomers: 0,
  arpa: null,
  customerChurnPercent: null,
  grossRevenueChurnPercent: null,
  netRevenueChurnPercent: null,
  revenue: 0,
  modelCosts: 0,
  otherCosts: 0,
  campaignSpend: 0,
  grossMarginPercent: null,
  cac: null,
  ltv: null,
  ltvToCac: null,
  paybackMonths: null,
  quickRatio: null,
  profit: 0,
  ...fields,
});

describe('the months of unit economics', () => {
  it('reads "2026-11" as the first moment of November (UTC) and refuses other text', () => {
    expect(monthStartOfLabel('2026-11')).toBe(Date.UTC(2026, 10, 1));
    expect(monthStartOfLabel('2026-13')).toBeNull();
    expect(monthStartOfLabel('Nov 2026')).toBeNull();
  });

  it('shows the last complete month by default: the current one has no paid invoices yet', () => {
    const months = [month('2026-10'), month('2026-11'), month('2026-12')];
    expect(defaultMonthIndex(months, Date.UTC(2026, 11, 7, 18))).toBe(1);
    // a range that ends before this month shows its last month
    expect(defaultMonthIndex(months, Date.UTC(2027, 2, 1))).toBe(2);
    expect(defaultMonthIndex([month('2026-12')], Date.UTC(2026, 11, 7))).toBe(0);
    expect(defaultMonthIndex([], Date.UTC(2026, 11, 7))).toBe(-1);
  });

  it('tells an installation without a paying customer from one with', () => {
    expect(hasPayingCustomers([month('2026-11'), month('2026-12')])).toBe(false);
    expect(hasPayingCustomers([month('2026-11'), month('2026-12', { customers: 1, mrr: 34900 })])).toBe(true);
  });
});

describe('the headline figures', () => {
  it("measures a percentage's change in points, so churn from 2 % to 5 % is +3, not +150 %", () => {
    expect(pointsOf(5, 2)).toBe(3);
    expect(pointsOf(null, 2)).toBeNull();
    expect(pointsDirection(3)).toBe('up');
    expect(pointsDirection(-0.5)).toBe('down');
    expect(pointsDirection(0.01)).toBe('same');
  });

  it('says lower churn, CAC and payback are better and higher margin is', () => {
    const better = Object.fromEntries(metricDefinitions.map((d) => [d.key, d.higherIsBetter]));
    expect(better).toMatchObject({
      mrr: true,
      customerChurn: false,
      grossRevenueChurn: false,
      netRevenueChurn: false,
      cac: false,
      payback: false,
      grossMargin: true,
      ltvToCac: true,
    });
    const kinds = Object.fromEntries(metricDefinitions.map((d) => [d.key, d.kind]));
    expect(kinds).toMatchObject({ customerChurn: 'percent', grossMargin: 'percent', mrr: 'money' });
  });

  it('gives the zero-churn setting to the core as a cap in months or as unbounded', () => {
    expect(zeroChurnInput('60')).toEqual({ capMonths: 60 });
    expect(zeroChurnInput('infinite')).toBe('infinite');
  });
});

describe('the charts of unit economics', () => {
  it('stacks contraction and churn below zero, in kroner (øre ÷ 100)', () => {
    const rows = movementRows(
      [
        month('2026-08', {
          newMrr: 99167,
          expansionMrr: 330000,
          contractionMrr: 84100,
          churnMrr: 0,
          netNewMrr: 345067,
        }),
      ],
      2,
    );
    expect(rows[0]).toMatchObject({
      month: '2026-08',
      newMrr: 991.67,
      expansionMrr: 3300,
      contractionMrr: -841,
      churnMrr: -0,
      netNewMrr: 3450.67,
    });
    // the bars add up to the net line
    const r = rows[0]!;
    expect(r.newMrr + r.expansionMrr + r.reactivationMrr + r.contractionMrr + r.churnMrr).toBeCloseTo(
      r.netNewMrr,
      6,
    );
  });

  it('joins the forecast to the last month and keeps the intervals at zero or above', () => {
    const economics: Pick<Economics, 'months' | 'forecast'> = {
      months: [month('2026-11', { mrr: 617967 }), month('2026-12', { mrr: 652867 })],
      forecast: {
        method: 'holt',
        alpha: 0.9,
        beta: 0.0001,
        level: 657103,
        trend: 60135,
        sigma2: 1,
        methodName: 'Holt',
        months: ['2027-01', '2027-02'],
        points: [
          { h: 1, mean: 717239, lower80: 547083, upper80: 887395, lower95: 457007, upper95: 977471 },
          { h: 2, mean: 777374, lower80: -1000, upper80: 1009985, lower95: -2000, upper95: 1133121 },
        ],
      },
    };
    const rows = mrrRows(economics, 2);
    expect(rows.map((r) => r.month)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(rows[0]).toMatchObject({ mrr: 6179.67, forecast: null, lower95: null });
    expect(rows[1]).toMatchObject({ mrr: 6528.67, forecast: 6528.67, lower80: 6528.67, upper95: 6528.67 });
    expect(rows[2]).toMatchObject({
      mrr: null,
      forecast: 7172.39,
      lower80: 5470.83,
      upper80: 8873.95,
      lower95: 4570.07,
      upper95: 9774.71,
      clipped: false,
      start: Date.UTC(2027, 0, 1),
    });
    expect(rows[3]).toMatchObject({ lower80: 0, lower95: 0, clipped: true });
    expect(forecastOnly(rows).map((r) => r.month)).toEqual(['2027-01', '2027-02']);
  });

  it('leaves out the money table of a range without revenue or any cost', () => {
    expect(hasMoney([month('2026-11'), month('2026-12')])).toBe(false);
    expect(hasMoney([month('2026-11'), month('2026-12', { modelCosts: 1 })])).toBe(true);
    expect(hasMoney([month('2026-12', { otherCosts: 50000 })])).toBe(true);
  });

  it('keeps the model costs from runs apart from the costs the admin entered', () => {
    const [row] = moneyRows(
      [
        month('2026-11', {
          revenue: 553700,
          modelCosts: 855,
          otherCosts: 120000,
          campaignSpend: 0,
          profit: 432845,
        }),
      ],
      2,
    );
    expect(row).toMatchObject({ revenue: 5537, modelCosts: 8.55, otherCosts: 1200, profit: 4328.45 });
  });
});

describe('a cost the admin types', () => {
  it('is checked as the core checks it: month, category of 1–60, amount ≥ 0, note ≤ 500', () => {
    expect(checkCostDraft({ month: '', category: ' ', amount: '-5', note: 'x'.repeat(501) }, 2)).toEqual({
      ok: false,
      problems: {
        month: 'monthRequired',
        category: 'categoryRequired',
        amount: 'amountInvalid',
        note: 'noteTooLong',
      },
    });
    expect(
      checkCostDraft({ month: '2026-11', category: 'x'.repeat(61), amount: 'abc', note: '' }, 2),
    ).toEqual({
      ok: false,
      problems: { category: 'categoryTooLong', amount: 'amountInvalid' },
    });
  });

  it('reads the amount with either decimal mark and gives the core minor units', () => {
    expect(
      checkCostDraft({ month: '2026-11', category: ' Hosting ', amount: '1 234,50', note: ' VPS ' }, 2),
    ).toEqual({
      ok: true,
      input: { month: Date.UTC(2026, 10, 1), category: 'Hosting', amount: 123450, note: 'VPS' },
    });
    expect(
      checkCostDraft({ month: '2026-11', category: 'Hosting', amount: '1,234.5', note: '' }, 2),
    ).toMatchObject({
      ok: true,
      input: { amount: 123450 },
    });
    // a currency without minor units (yen)
    expect(
      checkCostDraft({ month: '2026-11', category: 'Hosting', amount: '500', note: '' }, 0),
    ).toMatchObject({
      ok: true,
      input: { amount: 500 },
    });
  });

  it('opens an existing cost at its month and amount, a new one at this month', () => {
    const now = Date.UTC(2026, 11, 7);
    expect(draftOfCost(null, now, String)).toEqual({ month: '2026-12', category: '', amount: '', note: '' });
    expect(
      draftOfCost(
        { id: 'c1', month: Date.UTC(2026, 9, 1), category: 'People', amount: 500000, note: 'part-time' },
        now,
        (minor) => String(minor / 100),
      ),
    ).toEqual({ month: '2026-10', category: 'People', amount: '5000', note: 'part-time' });
  });

  it('suggests the categories already used, most used first', () => {
    expect(
      costCategories([{ category: 'Hosting' }, { category: 'People' }, { category: 'Hosting' }]),
    ).toEqual(['Hosting', 'People']);
  });
});
