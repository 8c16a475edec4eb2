import type { MethodInput, MethodOutput } from '../../../contract';
import { parseAmount } from '../../../i18n/money';

/** The unit economics the core answers (insight.economics), as the renderer receives them. */
export type Economics = MethodOutput<'insight.economics'>;
export type EconomicsMonth = Economics['months'][number];
export type InsightCost = MethodOutput<'insight.costs'>['costs'][number];
export type ZeroChurnInput = NonNullable<MethodInput<'insight.economics'>['zeroChurn']>;

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

/** How many months the page reads (the core takes 3–24). */
export const rangeChoices = [6, 12, 24] as const;
/** How many months ahead the forecast goes (the issue asks for 3–12). */
export const forecastChoices = [3, 6, 9, 12] as const;
/**
 * What a month without churn means for LTV: the lifetime capped at so many months (Stripe assumes
 * 60 then), or unbounded (no LTV is given).
 */
export const zeroChurnChoices = ['12', '24', '36', '60', '120', 'infinite'] as const;
export type ZeroChurnChoice = (typeof zeroChurnChoices)[number];
export const defaultZeroChurn: ZeroChurnChoice = '60';

export function zeroChurnInput(choice: ZeroChurnChoice): ZeroChurnInput {
  return choice === 'infinite' ? 'infinite' : { capMonths: Number(choice) };
}

// ---------------------------------------------------------------------------------------------
// Money and months
// ---------------------------------------------------------------------------------------------

/** Minor units (øre, cents) as major units (kroner, euros) with the currency's digits. */
export function toMajor(minor: number, digits: number): number {
  return Math.round(minor) / 10 ** digits;
}

/** "2026-11" → the month's first moment (UTC), epoch ms; null for anything else. */
export function monthStartOfLabel(label: string): number | null {
  const match = /^(\d{4})-(\d{2})$/.exec(label);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return Date.UTC(Number(match[1]), month - 1, 1);
}

/** The month (UTC) of an epoch ms as the month input writes it: "2026-11". */
export function monthLabelOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/**
 * The month whose figures the headline cards show: the last complete month (the current one has
 * had no invoices paid yet, so its margin, LTV and payback are not known), or the only one.
 */
export function defaultMonthIndex(months: readonly Pick<EconomicsMonth, 'start'>[], now: number): number {
  if (months.length === 0) return -1;
  const last = months.length - 1;
  const current = monthLabelOf(months[last]!.start) === monthLabelOf(now);
  return current && last > 0 ? last - 1 : last;
}

/** Whether the installation has had a paying customer in any month of the range. */
export function hasPayingCustomers(months: readonly Pick<EconomicsMonth, 'customers' | 'mrr'>[]): boolean {
  return months.some((m) => m.customers > 0 || m.mrr > 0);
}

// ---------------------------------------------------------------------------------------------
// Headline figures
// ---------------------------------------------------------------------------------------------

export type MetricKey =
  | 'mrr'
  | 'arr'
  | 'customers'
  | 'arpa'
  | 'customerChurn'
  | 'grossRevenueChurn'
  | 'netRevenueChurn'
  | 'ltv'
  | 'cac'
  | 'ltvToCac'
  | 'payback'
  | 'grossMargin'
  | 'quickRatio';

/** How a figure is written and how its change is measured (percent figures change in points). */
export type MetricKind = 'money' | 'count' | 'percent' | 'ratio' | 'months';

export interface MetricDefinition {
  key: MetricKey;
  kind: MetricKind;
  higherIsBetter: boolean;
  value(month: EconomicsMonth): number | null;
}

export const metricDefinitions: readonly MetricDefinition[] = [
  { key: 'mrr', kind: 'money', higherIsBetter: true, value: (m) => m.mrr },
  { key: 'arr', kind: 'money', higherIsBetter: true, value: (m) => m.arr },
  { key: 'customers', kind: 'count', higherIsBetter: true, value: (m) => m.customers },
  { key: 'arpa', kind: 'money', higherIsBetter: true, value: (m) => m.arpa },
  { key: 'customerChurn', kind: 'percent', higherIsBetter: false, value: (m) => m.customerChurnPercent },
  {
    key: 'grossRevenueChurn',
    kind: 'percent',
    higherIsBetter: false,
    value: (m) => m.grossRevenueChurnPercent,
  },
  { key: 'netRevenueChurn', kind: 'percent', higherIsBetter: false, value: (m) => m.netRevenueChurnPercent },
  { key: 'ltv', kind: 'money', higherIsBetter: true, value: (m) => m.ltv },
  { key: 'cac', kind: 'money', higherIsBetter: false, value: (m) => m.cac },
  { key: 'ltvToCac', kind: 'ratio', higherIsBetter: true, value: (m) => m.ltvToCac },
  { key: 'payback', kind: 'months', higherIsBetter: false, value: (m) => m.paybackMonths },
  { key: 'grossMargin', kind: 'percent', higherIsBetter: true, value: (m) => m.grossMarginPercent },
  { key: 'quickRatio', kind: 'ratio', higherIsBetter: true, value: (m) => m.quickRatio },
];

// ---------------------------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------------------------

/** One month of the MRR movements chart, in major units; contraction and churn are negative. */
export interface MovementRow extends Record<string, string | number> {
  month: string;
  start: number;
  newMrr: number;
  expansionMrr: number;
  reactivationMrr: number;
  contractionMrr: number;
  churnMrr: number;
  netNewMrr: number;
}

export function movementRows(months: readonly EconomicsMonth[], digits: number): MovementRow[] {
  return months.map((m) => ({
    month: m.month,
    start: m.start,
    newMrr: toMajor(m.newMrr, digits),
    expansionMrr: toMajor(m.expansionMrr, digits),
    reactivationMrr: toMajor(m.reactivationMrr, digits),
    contractionMrr: -toMajor(m.contractionMrr, digits),
    churnMrr: -toMajor(m.churnMrr, digits),
    netNewMrr: toMajor(m.netNewMrr, digits),
  }));
}

/**
 * One month of the MRR chart, in major units: the history (`mrr`) or the forecast (`forecast` with
 * its 80 % and 95 % intervals). The last month of the history also starts the forecast, so the
 * dashed line and the bands join the solid one. MRR cannot fall below zero: lower limits under zero
 * are drawn at zero (`clipped` says so).
 */
export interface MrrRow extends Record<string, string | number | boolean | null> {
  month: string;
  start: number;
  mrr: number | null;
  forecast: number | null;
  lower80: number | null;
  upper80: number | null;
  lower95: number | null;
  upper95: number | null;
  clipped: boolean;
}

export function mrrRows(economics: Pick<Economics, 'months' | 'forecast'>, digits: number): MrrRow[] {
  const rows: MrrRow[] = economics.months.map((m) => ({
    month: m.month,
    start: m.start,
    mrr: toMajor(m.mrr, digits),
    forecast: null,
    lower80: null,
    upper80: null,
    lower95: null,
    upper95: null,
    clipped: false,
  }));
  const last = rows.at(-1);
  if (!last || economics.forecast.points.length === 0) return rows;
  Object.assign(last, {
    forecast: last.mrr,
    lower80: last.mrr,
    upper80: last.mrr,
    lower95: last.mrr,
    upper95: last.mrr,
  });
  economics.forecast.points.forEach((point, index) => {
    const month = economics.forecast.months[index] ?? '';
    const low80 = toMajor(point.lower80, digits);
    const low95 = toMajor(point.lower95, digits);
    rows.push({
      month,
      start: monthStartOfLabel(month) ?? 0,
      mrr: null,
      forecast: Math.max(0, toMajor(point.mean, digits)),
      lower80: Math.max(0, low80),
      upper80: Math.max(0, toMajor(point.upper80, digits)),
      lower95: Math.max(0, low95),
      upper95: Math.max(0, toMajor(point.upper95, digits)),
      clipped: low80 < 0 || low95 < 0,
    });
  });
  return rows;
}

/** The forecast's months only (the rows after the history), for the table beside the chart. */
export function forecastOnly(rows: readonly MrrRow[]): MrrRow[] {
  return rows.filter((row) => row.mrr === null);
}

// ---------------------------------------------------------------------------------------------
// Costs
// ---------------------------------------------------------------------------------------------

/** Revenue and what it cost, month by month, in minor units (for the table and CSV in major units). */
export interface MoneyRow extends Record<string, string | number> {
  month: string;
  start: number;
  revenue: number;
  modelCosts: number;
  otherCosts: number;
  campaignSpend: number;
  profit: number;
}

export function moneyRows(months: readonly EconomicsMonth[], digits: number): MoneyRow[] {
  return months.map((m) => ({
    month: m.month,
    start: m.start,
    revenue: toMajor(m.revenue, digits),
    modelCosts: toMajor(m.modelCosts, digits),
    otherCosts: toMajor(m.otherCosts, digits),
    campaignSpend: toMajor(m.campaignSpend, digits),
    profit: toMajor(m.profit, digits),
  }));
}

/** Whether any month of the range has revenue or a cost of any kind (else its table says nothing). */
export function hasMoney(
  months: readonly Pick<EconomicsMonth, 'revenue' | 'modelCosts' | 'otherCosts' | 'campaignSpend'>[],
): boolean {
  return months.some(
    (m) => m.revenue !== 0 || m.modelCosts !== 0 || m.otherCosts !== 0 || m.campaignSpend !== 0,
  );
}

/** The categories already used, most used first (for the category field's suggestions). */
export function costCategories(costs: readonly Pick<InsightCost, 'category'>[]): string[] {
  const counts = new Map<string, number>();
  for (const cost of costs) counts.set(cost.category, (counts.get(cost.category) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

export interface CostDraft {
  month: string;
  category: string;
  amount: string;
  note: string;
}

export type CostDraftField = keyof CostDraft;
export type CostDraftProblem =
  'monthRequired' | 'categoryRequired' | 'categoryTooLong' | 'amountInvalid' | 'noteTooLong';

export const maxCategoryLength = 60;
export const maxNoteLength = 500;
/** The core's ceiling for one cost, in minor units. */
export const maxCostMinor = 1e12;

/**
 * Checks a cost as the admin typed it, as the core will: a month, a category of 1–60 characters,
 * an amount of at least 0 in the currency (the region's decimal mark or the other), a note of at most
 * 500 characters. Answers the input for insight.saveCost, or the problem of each field.
 */
export function checkCostDraft(
  draft: CostDraft,
  digits: number,
):
  | { ok: true; input: { month: number; category: string; amount: number; note: string } }
  | { ok: false; problems: Partial<Record<CostDraftField, CostDraftProblem>> } {
  const problems: Partial<Record<CostDraftField, CostDraftProblem>> = {};
  const month = monthStartOfLabel(draft.month.trim());
  if (month === null) problems.month = 'monthRequired';
  const category = draft.category.trim();
  if (category.length === 0) problems.category = 'categoryRequired';
  else if (category.length > maxCategoryLength) problems.category = 'categoryTooLong';
  const parsed = draft.amount.trim() === '' ? null : parseAmount(draft.amount);
  const amount = parsed === null ? null : Math.round(parsed * 10 ** digits);
  if (amount === null || amount < 0 || amount > maxCostMinor) problems.amount = 'amountInvalid';
  const note = draft.note.trim();
  if (note.length > maxNoteLength) problems.note = 'noteTooLong';
  if (Object.keys(problems).length > 0 || month === null || amount === null) return { ok: false, problems };
  return { ok: true, input: { month, category, amount, note } };
}

/** A cost as a draft to edit: its month as the month input writes it, the amount in major units. */
export function draftOfCost(
  cost: InsightCost | null,
  now: number,
  amountText: (minor: number) => string,
): CostDraft {
  if (!cost) return { month: monthLabelOf(now), category: '', amount: '', note: '' };
  return {
    month: monthLabelOf(cost.month),
    category: cost.category,
    amount: amountText(cost.amount),
    note: cost.note,
  };
}
