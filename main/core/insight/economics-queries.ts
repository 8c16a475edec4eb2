import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { MethodOutput } from '../../contract';
import { runCostSource } from '../agents/economics-source';
import { billingEconomicsSource } from '../billing/economics-source';
import {
  arpa as arpaOf,
  arrOf,
  cac as cacOf,
  customerChurnRate,
  forecast,
  grossMargin,
  grossMrrChurnRate,
  ltv as ltvOf,
  ltvToCac,
  mrrMovements,
  netMrrChurnRate,
  paybackMonths,
  quickRatio,
  type CustomerMrrSeries,
  type ZeroChurnSetting,
} from './math';

type Economics = MethodOutput<'insight.economics'>;
type EconomicsMonth = Economics['months'][number];
export type InsightCost = MethodOutput<'insight.saveCost'>;

/** The first moment (UTC) of the month `offset` months from the one `at` is in. */
export function monthStartOf(at: number, offset = 0): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}
const labelOf = (start: number) => new Date(start).toISOString().slice(0, 7);

/** At most this many months of history before the range are read to tell new from reactivated MRR. */
const maxHistoryMonths = 120;

/**
 * The platform's own costs (insight_costs of its home tenant) and campaigns, and the unit economics
 * of the installation from billing's and the runs' read-only sources (issue 17, section 4).
 */
export function economicsQueries(sqlite: Database.Database) {
  const billing = billingEconomicsSource(sqlite);
  const runCosts = runCostSource(sqlite);
  const costsIn = sqlite.prepare<{ tenantId: string; from: number; to: number }, InsightCost>(
    `SELECT id, month, category, amount, note FROM insight_costs
      WHERE tenant_id = @tenantId AND month >= @from AND month < @to ORDER BY month DESC, category, id`,
  );
  const costById = sqlite.prepare<{ tenantId: string; id: string }, InsightCost>(
    'SELECT id, month, category, amount, note FROM insight_costs WHERE tenant_id = @tenantId AND id = @id',
  );
  const insertCost = sqlite.prepare(
    `INSERT INTO insight_costs (id, tenant_id, month, category, amount, note)
     VALUES (@id, @tenantId, @month, @category, @amount, @note)`,
  );
  const updateCost = sqlite.prepare(
    `UPDATE insight_costs SET month = @month, category = @category, amount = @amount, note = @note
      WHERE tenant_id = @tenantId AND id = @id`,
  );
  const removeCost = sqlite.prepare('DELETE FROM insight_costs WHERE tenant_id = @tenantId AND id = @id');
  const campaigns = sqlite.prepare<
    { tenantId: string; from: number; to: number },
    { spend: number; startsAt: number; endsAt: number | null }
  >(
    `SELECT spend, starts_at AS startsAt, ends_at AS endsAt FROM insight_campaigns
      WHERE tenant_id = @tenantId AND starts_at < @to AND (ends_at IS NULL OR ends_at > @from OR starts_at >= @from)`,
  );

  /** A campaign's spend in [from, to): spread evenly over its dates; without an end, all in its first month. */
  const spendIn = (tenantId: string | null, from: number, to: number): number => {
    if (!tenantId) return 0;
    let total = 0;
    for (const c of campaigns.all({ tenantId, from, to })) {
      if (c.endsAt === null || c.endsAt <= c.startsAt) {
        if (c.startsAt >= from && c.startsAt < to) total += c.spend;
        continue;
      }
      const overlap = Math.max(0, Math.min(to, c.endsAt) - Math.max(from, c.startsAt));
      total += (c.spend * overlap) / (c.endsAt - c.startsAt);
    }
    return Math.round(total);
  };

  return {
    costs(tenantId: string, from: number, to: number): InsightCost[] {
      return costsIn.all({ tenantId, from, to });
    },
    cost(tenantId: string, id: string): InsightCost | null {
      return costById.get({ tenantId, id }) ?? null;
    },
    saveCost(
      tenantId: string,
      input: {
        id?: string | undefined;
        month: number;
        category: string;
        amount: number;
        note?: string | undefined;
      },
    ): InsightCost | null {
      const row = {
        tenantId,
        id: input.id ?? randomUUID(),
        month: input.month,
        category: input.category,
        amount: input.amount,
        note: input.note ?? '',
      };
      if (input.id) {
        if (updateCost.run(row).changes === 0) return null;
      } else insertCost.run(row);
      return costById.get({ tenantId, id: row.id })!;
    },
    deleteCost(tenantId: string, id: string): boolean {
      return removeCost.run({ tenantId, id }).changes > 0;
    },

    /**
     * Month by month for the last `months` months (the current one included): MRR from each tenant's
     * last billing change before the month's end, movements against the month before (ChartMogul's
     * definitions; a customer who paid before and stops, then pays again, is reactivation), revenue,
     * costs, CAC, LTV, payback and quick ratio; and an MRR forecast.
     */
    economics(input: {
      now: number;
      months: number;
      forecastMonths: number;
      zeroChurn: ZeroChurnSetting;
      homeTenantId: string | null;
      currency: Economics['currency'];
      /** Installation currency units per USD (null: unknown, model costs are left out of the money figures). */
      usdRate: number | null;
    }): Economics {
      const lastStart = monthStartOf(input.now);
      const rangeStart = monthStartOf(input.now, -(input.months - 1));
      const changes = billing.changesBefore(monthStartOf(input.now, 1));
      const earliest = changes.reduce((min, c) => Math.min(min, c.at), rangeStart);
      // one month before the range at least (the first month's movements are against it)
      let seriesStart = Math.min(monthStartOf(earliest), monthStartOf(rangeStart, -1));
      seriesStart = Math.max(seriesStart, monthStartOf(rangeStart, -maxHistoryMonths));
      const starts: number[] = [];
      for (let s = seriesStart; s <= lastStart; s = monthStartOf(s, 1)) starts.push(s);
      const ends = starts.map((s) => monthStartOf(s, 1));

      const byTenant = new Map<string, { at: number; mrrAfter: number }[]>();
      for (const c of changes) {
        const list = byTenant.get(c.tenantId) ?? [];
        list.push(c);
        byTenant.set(c.tenantId, list);
      }
      const customers: CustomerMrrSeries[] = [...byTenant].map(([customer, list]) => {
        let i = 0;
        let current = 0;
        const mrr = ends.map((end) => {
          while (i < list.length && list[i]!.at < end) current = list[i++]!.mrrAfter;
          return Math.max(0, current);
        });
        return { customer, mrr };
      });
      const movements = mrrMovements(starts.map(labelOf), customers);
      const firstIndex = starts.indexOf(rangeStart) - 1; // movements[i] is starts[i + 1]

      const percent = (v: number | null) => (v === null ? null : v * 100);
      const runMicros = runCosts(rangeStart, monthStartOf(input.now, 1));
      const monthRows: EconomicsMonth[] = [];
      let usdMicrosTotal = 0;
      for (let i = firstIndex; i < movements.length; i++) {
        const m = movements[i]!;
        const start = starts[i + 1]!;
        const end = ends[i + 1]!;
        const revenue = billing.revenue(start, end);
        const micros = runMicros.get(m.month) ?? 0;
        usdMicrosTotal += micros;
        // USD micros → minor units of the installation's currency; without a rate they cannot be
        // added to øre or cents at all, so they stay out (and the answer says so)
        const modelCosts = input.usdRate === null ? 0 : Math.round((micros / 10_000) * input.usdRate);
        const otherCosts = input.homeTenantId
          ? costsIn
              .all({ tenantId: input.homeTenantId, from: start, to: end })
              .reduce((s, c) => s + c.amount, 0)
          : 0;
        const campaignSpend = spendIn(input.homeTenantId, start, end);
        const arpa = arpaOf(m.endMrr, m.customersEnd);
        const churn = customerChurnRate(m.churnedCustomers, m.customersStart);
        const margin = grossMargin(revenue, modelCosts, otherCosts);
        const ltv =
          arpa === null || margin === null || churn === null
            ? null
            : ltvOf({ arpa, grossMargin: margin, churnRate: churn, zeroChurn: input.zeroChurn });
        const cac = campaignSpend > 0 || m.newCustomers > 0 ? cacOf(campaignSpend, m.newCustomers) : null;
        monthRows.push({
          month: m.month,
          start,
          mrr: m.endMrr,
          arr: arrOf(m.endMrr),
          startMrr: m.startMrr,
          newMrr: m.newMrr,
          expansionMrr: m.expansionMrr,
          contractionMrr: m.contractionMrr,
          churnMrr: m.churnMrr,
          reactivationMrr: m.reactivationMrr,
          netNewMrr: m.netNewMrr,
          customers: m.customersEnd,
          newCustomers: m.newCustomers,
          churnedCustomers: m.churnedCustomers,
          arpa,
          customerChurnPercent: percent(churn),
          grossRevenueChurnPercent: percent(grossMrrChurnRate(m)),
          netRevenueChurnPercent: percent(netMrrChurnRate(m)),
          revenue,
          modelCosts,
          modelCostsUsdMicros: micros,
          otherCosts,
          campaignSpend,
          grossMarginPercent: percent(margin),
          cac,
          ltv,
          ltvToCac: ltvToCac(ltv, cac),
          paybackMonths:
            cac === null || arpa === null || margin === null ? null : paybackMonths(cac, arpa, margin),
          quickRatio: quickRatio(m),
          profit: revenue - modelCosts - otherCosts - campaignSpend,
        });
      }

      let breakEvenMonth: string | null = null;
      for (let i = 1; i < monthRows.length; i++)
        if (monthRows[i - 1]!.profit < 0 && monthRows[i]!.profit >= 0) {
          breakEvenMonth = monthRows[i]!.month;
          break;
        }

      // fitted from the first month with MRR > 0: leading months before the first paying customer
      // are no part of the series' level or trend; with fewer than 3 such months (what SES needs),
      // the range's last 3 months
      const firstPaying = monthRows.findIndex((m) => m.mrr > 0);
      const fitFrom =
        firstPaying >= 0 && monthRows.length - firstPaying >= 3
          ? firstPaying
          : Math.max(0, monthRows.length - 3);
      const values = monthRows.slice(fitFrom).map((m) => m.mrr);
      const method = values.length > 4 ? 'holt' : 'ses';
      const result = forecast({ values, horizon: input.forecastMonths, method });
      return {
        currency: input.currency,
        usdRate: input.usdRate,
        ...(input.usdRate === null ? { modelCostsExcluded: true } : {}),
        modelCostsUsdMicros: usdMicrosTotal,
        months: monthRows,
        breakEvenMonth,
        forecast: {
          ...result,
          methodName:
            method === 'holt'
              ? "Holt's linear trend method, ETS(A,A,N) (Hyndman & Athanasopoulos, FPP3 §8.2)"
              : 'Simple exponential smoothing, ETS(A,N,N) (Hyndman & Athanasopoulos, FPP3 §8.1)',
          months: result.points.map((p) => labelOf(monthStartOf(lastStart, p.h))),
          fittedMonths: values.length,
          fittedFrom: monthRows[fitFrom]?.month ?? labelOf(rangeStart),
        },
      };
    },
  };
}
