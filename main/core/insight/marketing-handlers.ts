import type Database from 'better-sqlite3';
import type { HandlerMap } from '../context';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import { moneyOf } from '../tenants/money';
import { DEFAULT_HALF_LIFE_DAYS, DEFAULT_LOOKBACK_DAYS } from './math/attribution';
import { marketingFigures } from './marketing';
import { marketingQueries, type InsightCampaign } from './marketing-queries';
import type { InsightService } from './service';

type MarketingHandlers = Pick<
  HandlerMap,
  'insight.campaigns' | 'insight.saveCampaign' | 'insight.deleteCampaign' | 'insight.marketing'
>;

export interface MarketingHandlerDeps {
  sqlite: Database.Database;
  clock: Clock;
  insight: InsightService;
}

const dayMs = 86_400_000;

/** What an audit entry says of a campaign (its sentence names it, its channel, spend and dates). */
function campaignDetails(c: InsightCampaign, currency: string) {
  return {
    name: c.name,
    channel: c.channel,
    spend: c.spend,
    currency,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    utmCampaign: c.utmCampaign,
  };
}

/** Marketing intelligence (issue 17, section 5): campaigns and attribution over the tenant's events. */
export function marketingHandlers(deps: MarketingHandlerDeps): MarketingHandlers {
  const queries = marketingQueries(deps.sqlite);

  return {
    'insight.campaigns': (_input, ctx) => ({ campaigns: queries.campaigns(ctx.tenantRows().tenantId) }),

    'insight.saveCampaign': (input, ctx) => {
      const tenant = ctx.tenantRows();
      const before = input.id ? queries.campaign(tenant.tenantId, input.id) : null;
      const saved = queries.saveCampaign(tenant.tenantId, input, deps.clock.now());
      if (!saved) throw new AppError('NOT_FOUND', 'That campaign was not found.');
      ctx.audit({
        action: 'insight.saveCampaign',
        targetType: 'campaign',
        targetId: saved.id,
        details: { created: before === null, ...campaignDetails(saved, moneyOf(tenant).currency) },
      });
      return saved;
    },

    'insight.deleteCampaign': (input, ctx) => {
      const tenant = ctx.tenantRows();
      const before = queries.campaign(tenant.tenantId, input.id);
      const deleted = queries.deleteCampaign(tenant.tenantId, input.id);
      if (before && deleted)
        ctx.audit({
          action: 'insight.deleteCampaign',
          targetType: 'campaign',
          targetId: input.id,
          details: campaignDetails(before, moneyOf(tenant).currency),
        });
      return { deleted };
    },

    'insight.marketing': (input, ctx) => {
      const tenant = ctx.tenantRows();
      // what is buffered counts too
      deps.insight.tracker.flush();
      const now = deps.clock.now();
      const to = input.to ?? now + 1;
      const from = input.from ?? to - 30 * dayMs;
      const lookbackDays = input.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
      const data = queries.data(tenant.tenantId, { touchesFrom: from - lookbackDays * dayMs, from, to });
      return marketingFigures(data, {
        from,
        to,
        now,
        model: input.model,
        halfLifeDays: input.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS,
        lookbackDays,
        currency: moneyOf(tenant).currency,
      });
    },
  };
}
