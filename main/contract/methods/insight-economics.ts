import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema } from '../common';
import { currencies } from '../vocabulary';
import { insightForecastOutputSchema } from './insight-math';

/**
 * Unit economics of the installation (issue 17, section 4): the platform admin's own business across
 * its customer organisations. MRR and its movements come from billing_changes (Stripe's definitions:
 * no trials, no tax, yearly plans /12 — the stored MRR values are already so), revenue from paid
 * invoices minus tax, model costs from the runs of every tenant (USD converted to the installation's
 * currency), other costs and campaign spend from the platform's own tenant. All money in minor units.
 */

/** LTV when a month has no churn: cap the lifetime at `capMonths`, or call it unbounded (null). */
export const zeroChurnInput = z.union([
  z.literal('infinite'),
  z.object({ capMonths: z.number().int().min(1).max(600) }).strict(),
]);

const economicsInput = z
  .object({
    months: z.number().int().min(3).max(24).optional(),
    forecastMonths: z.number().int().min(3).max(12).optional(),
    zeroChurn: zeroChurnInput.optional(),
  })
  .strict();

const ratio = z.number().nullable();

export const insightEconomicsMonthSchema = z.object({
  /** "2026-07" (UTC). */
  month: z.string(),
  /** The month's first moment, epoch ms (UTC). */
  start: z.number().int(),
  mrr: z.number(),
  arr: z.number(),
  startMrr: z.number(),
  newMrr: z.number(),
  expansionMrr: z.number(),
  contractionMrr: z.number(),
  churnMrr: z.number(),
  reactivationMrr: z.number(),
  netNewMrr: z.number(),
  customers: z.number().int(),
  newCustomers: z.number().int(),
  churnedCustomers: z.number().int(),
  arpa: ratio,
  /** Percentages (5 = 5 %). */
  customerChurnPercent: ratio,
  grossRevenueChurnPercent: ratio,
  netRevenueChurnPercent: ratio,
  revenue: z.number(),
  /** Model costs in minor units of the installation's currency (0 when `modelCostsExcluded`). */
  modelCosts: z.number(),
  /** The month's model costs from the runs as kept: USD micro-dollars. */
  modelCostsUsdMicros: z.number().optional(),
  otherCosts: z.number(),
  campaignSpend: z.number(),
  /** Percentage of revenue left after model and other costs. */
  grossMarginPercent: ratio,
  cac: ratio,
  ltv: ratio,
  ltvToCac: ratio,
  paybackMonths: ratio,
  quickRatio: ratio,
  /** Revenue minus model and other costs minus campaign spend. */
  profit: z.number(),
});

export const insightEconomicsOutputSchema = z.object({
  currency: z.enum(currencies),
  /** The rate from USD the run costs were converted with (null: no rate known, costs left in USD). */
  usdRate: z.number().nullable(),
  /**
   * True when no rate from USD is known (the platform's own organisation keeps another currency
   * without `usdRate`): model costs are then left out of every money figure (modelCosts 0, margin,
   * profit, LTV, break-even without them) and only their USD total is given.
   */
  modelCostsExcluded: z.boolean().optional(),
  /** The range's model costs from the runs, USD micro-dollars. */
  modelCostsUsdMicros: z.number().optional(),
  months: z.array(insightEconomicsMonthSchema),
  /** The first month of the range whose profit was ≥ 0 after one below 0 (null: none in the range). */
  breakEvenMonth: z.string().nullable(),
  forecast: insightForecastOutputSchema.extend({
    /** The method's name as a reader would look it up (FPP3, chapter 8). */
    methodName: z.string(),
    months: z.array(z.string()),
    /** How many months the forecast was fitted on: from the first month with MRR > 0 (at least 3). */
    fittedMonths: z.number().int().optional(),
    /** The first month fitted on ("2026-03"). */
    fittedFrom: z.string().optional(),
  }),
});

export const insightCostSchema = z.object({
  id: z.string(),
  /** The month's first moment, epoch ms (UTC). */
  month: z.number().int(),
  category: z.string(),
  /** Minor units of the installation's currency. */
  amount: z.number().int(),
  note: z.string(),
});

/** Any moment of the month (UTC), epoch ms: the cost is kept on the month's first day. */
const monthStart = z.number().int().min(0).max(8.64e15);

const saveCostInput = z
  .object({
    id: idSchema.optional(),
    month: monthStart,
    category: z.string().trim().min(1).max(60),
    amount: z.number().int().min(0).max(1e12),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

export const insightEconomicsMethods = {
  'insight.economics': defineMethod({
    input: economicsInput,
    output: insightEconomicsOutputSchema,
    access: 'platformAdmin',
    mutation: false,
    summary:
      'Unit economics of the installation per month (MRR, movements, churn, margin, CAC, LTV, payback, quick ratio) and an MRR forecast with 80 % and 95 % intervals.',
  }),
  'insight.costs': defineMethod({
    input: z.object({ months: z.number().int().min(1).max(24).optional() }).strict(),
    output: z.object({ costs: z.array(insightCostSchema) }),
    access: 'platformAdmin',
    mutation: false,
    summary: "The installation's own costs per month (hosting, people …), newest first.",
  }),
  'insight.saveCost': defineMethod({
    input: saveCostInput,
    output: insightCostSchema,
    access: 'platformAdmin',
    mutation: true,
    summary: 'Adds or changes one cost of the installation for a month.',
  }),
  'insight.deleteCost': defineMethod({
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ deleted: z.boolean() }),
    access: 'platformAdmin',
    mutation: true,
    summary: 'Deletes one cost of the installation.',
  }),
};
