import type Database from 'better-sqlite3';
import { tenantRows, type AppDb } from '../../../db';
import type { BillingDomain } from '../billing/domain';
import type { HandlerMap } from '../context';
import type { GuardianService } from '../guardian/guardian-service';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import { moneyOf } from '../tenants/money';
import { economicsQueries, monthStartOf } from './economics-queries';
import { DEFAULT_ZERO_CHURN } from './math';
import type { ZeroChurnSetting } from './math/economics';

type EconomicsHandlers = Pick<
  HandlerMap,
  'insight.economics' | 'insight.costs' | 'insight.saveCost' | 'insight.deleteCost'
>;

export interface EconomicsHandlerDeps {
  sqlite: Database.Database;
  system: AppDb;
  clock: Clock;
  guardian: GuardianService;
  billing: BillingDomain;
}

/** The installation's unit economics (insight.economics, and the economics PDF). */
export function economicsFor(
  deps: Pick<EconomicsHandlerDeps, 'system' | 'clock' | 'guardian' | 'billing'>,
  queries: ReturnType<typeof economicsQueries>,
  input: {
    months?: number | undefined;
    forecastMonths?: number | undefined;
    zeroChurn?: ZeroChurnSetting | undefined;
  },
) {
  const homeTenantId = deps.guardian.homeTenantId();
  const currency = deps.billing.settings.get().currency;
  // run costs are USD: the home organisation's rate when it keeps money in the installation's currency
  let usdRate: number | null = currency === 'USD' ? 1 : null;
  if (usdRate === null && homeTenantId) {
    const money = moneyOf(tenantRows(deps.system, homeTenantId));
    if (money.currency === currency) usdRate = money.usdRate;
  }
  return queries.economics({
    now: deps.clock.now(),
    months: input.months ?? 12,
    forecastMonths: input.forecastMonths ?? 6,
    zeroChurn: input.zeroChurn ?? DEFAULT_ZERO_CHURN,
    homeTenantId,
    currency,
    usdRate,
  });
}

/**
 * The platform admin's unit economics and the installation's own costs (issue 17, section 4). The
 * costs are rows of the home tenant (the installation's own organisation); dispatch lets only
 * platform admins call these methods.
 */
export function economicsHandlers(deps: EconomicsHandlerDeps): EconomicsHandlers {
  const queries = economicsQueries(deps.sqlite);
  const home = (): string => {
    const id = deps.guardian.homeTenantId();
    if (!id) throw new AppError('NOT_FOUND', 'There is no organisation yet.');
    return id;
  };

  return {
    'insight.economics': (input, ctx) => {
      ctx.auth();
      return economicsFor(deps, queries, input);
    },

    'insight.costs': (input, ctx) => {
      ctx.auth();
      const now = deps.clock.now();
      const months = input.months ?? 12;
      return {
        costs: queries.costs(home(), monthStartOf(now, -(months - 1)), monthStartOf(now, 1)),
      };
    },

    'insight.saveCost': (input, ctx) => {
      ctx.auth();
      const tenantId = home();
      const before = input.id ? queries.cost(tenantId, input.id) : null;
      const saved = queries.saveCost(tenantId, { ...input, month: monthStartOf(input.month) });
      if (!saved) throw new AppError('NOT_FOUND', 'That cost was not found.');
      ctx.audit({
        tenantId,
        action: 'insight.saveCost',
        targetType: 'cost',
        targetId: saved.id,
        details: {
          created: before === null,
          month: new Date(saved.month).toISOString().slice(0, 7),
          category: saved.category,
          amount: saved.amount,
          currency: deps.billing.settings.get().currency,
        },
      });
      return saved;
    },

    'insight.deleteCost': (input, ctx) => {
      ctx.auth();
      const tenantId = home();
      const before = queries.cost(tenantId, input.id);
      const deleted = queries.deleteCost(tenantId, input.id);
      if (before && deleted)
        ctx.audit({
          tenantId,
          action: 'insight.deleteCost',
          targetType: 'cost',
          targetId: input.id,
          details: {
            month: new Date(before.month).toISOString().slice(0, 7),
            category: before.category,
            amount: before.amount,
            currency: deps.billing.settings.get().currency,
          },
        });
      return { deleted };
    },
  };
}
