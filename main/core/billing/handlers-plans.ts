import type { HandlerContext, HandlerMap } from '../context';
import type { Services } from '../services';
import type {
  MeterKind,
  PlanEntitlements,
  Subscription,
  SubscriptionStatus,
  UsageMeter,
} from '../../contract';
import { AppError } from '../lib/errors';
import { stripeSecretKeyName } from './settings-store';

type PlanHandlers = Pick<
  HandlerMap,
  | 'billing.plans'
  | 'billing.savePlan'
  | 'billing.archivePlan'
  | 'billing.subscription'
  | 'billing.usage'
  | 'billing.planFit'
  | 'billing.assignPlan'
>;

interface SubscriptionRow {
  plan_key: string;
  interval: 'month' | 'year';
  status: SubscriptionStatus;
  current_period_end: number | null;
  paid_through: number | null;
  cancel_at_period_end: number;
}

const megabyte = 1024 * 1024;
const percentOf = (used: number, limit: number | null): number | null =>
  limit === null ? null : limit === 0 ? (used > 0 ? 100 : 0) : Math.floor((used / limit) * 100);

/**
 * The plan side of billing (issue 16): the catalogue, an organisation's plan and usage, what would
 * not fit another plan, and the platform admin's plan assignment. The Stripe side is handlers-stripe.ts.
 */
export function planBillingHandlers(services: Services): PlanHandlers {
  const { sqlite, billing, agents, secrets } = services;
  const { catalogue, entitlements, usage, settings, assignments } = billing;
  const subscriptionRow = sqlite.prepare<{ tenantId: string }, SubscriptionRow>(
    `SELECT plan_key, interval, status, current_period_end, paid_through, cancel_at_period_end
       FROM billing_subscriptions WHERE tenant_id = @tenantId`,
  );
  const seatsTaken = sqlite.prepare<{ tenantId: string }, { n: number }>(
    "SELECT COUNT(*) AS n FROM memberships WHERE tenant_id = @tenantId AND status IN ('invited', 'active')",
  );
  const tenantExists = sqlite.prepare<{ tenantId: string }, { name: string }>(
    'SELECT name FROM tenants WHERE id = @tenantId',
  );

  const planName = (key: string): string => {
    const plan = catalogue.get(key);
    return plan ? plan.name || plan.key : key;
  };

  const liveAgents = (tenantId: string) =>
    agents.records.list(tenantId, {}).filter((a) => a.status === 'active' && a.deployedVersion !== null);

  /** What is counted live (not per period). */
  const liveCounts = (tenantId: string): Record<'liveAgents' | 'seats' | 'knowledgeMb', number> => ({
    liveAgents: liveAgents(tenantId).length,
    seats: seatsTaken.get({ tenantId })?.n ?? 0,
    knowledgeMb: Math.round((agents.queries.knowledgeBytes(tenantId) / megabyte) * 10) / 10,
  });

  const limitsOf = (e: PlanEntitlements): Record<MeterKind, number | null> => ({
    liveAgents: e.limits.liveAgents,
    conversations: e.limits.conversationsPerMonth,
    runs: e.limits.runsPerMonth,
    tokens: e.limits.tokensPerMonth,
    seats: e.limits.seats,
    knowledgeMb: e.limits.knowledgeMb,
  });

  const usedNow = (tenantId: string): Record<MeterKind, number> => {
    const period = usage.period(tenantId);
    return {
      ...liveCounts(tenantId),
      conversations: usage.used(tenantId, 'conversations', period),
      runs: usage.used(tenantId, 'runs', period),
      tokens: usage.used(tenantId, 'tokens', period),
    };
  };

  const subscriptionOf = (tenantId: string, ctx: HandlerContext): Subscription => {
    const session = ctx.auth();
    const resolved = entitlements.resolve(tenantId);
    const row = subscriptionRow.get({ tenantId });
    const current = settings.get();
    const connected = Boolean(secrets.get(stripeSecretKeyName));
    return {
      tenantId,
      billingEnabled: current.enabled,
      currency: current.currency,
      planKey: resolved.planKey,
      planName: planName(resolved.planKey),
      effectivePlanKey: resolved.effectivePlanKey,
      status: row?.status ?? 'none',
      interval: row?.interval ?? null,
      currentPeriodEnd: row?.current_period_end ?? null,
      paidThrough: row?.paid_through ?? null,
      graceUntil: resolved.graceUntil,
      cancelAtPeriodEnd: row ? row.cancel_at_period_end === 1 : false,
      testMode: current.testMode,
      canManage: session.role === 'owner' && current.enabled && connected,
    };
  };

  return {
    'billing.plans': (_input, ctx) => {
      const admin = ctx.auth().isPlatformAdmin;
      const current = settings.get();
      return {
        plans: catalogue.list({ includeArchived: admin, tenantCounts: admin }),
        currency: current.currency,
        billingEnabled: current.enabled,
      };
    },

    'billing.savePlan': (input, ctx) => {
      const before = catalogue.get(input.key);
      const plan = catalogue.save(input);
      ctx.audit({
        action: 'billing.savePlan',
        targetType: 'plan',
        targetId: plan.key,
        details: {
          plan: plan.name || plan.key,
          created: before === null,
          priceMonthly: plan.priceMonthly,
          priceYearly: plan.priceYearly,
        },
      });
      return plan;
    },

    'billing.archivePlan': (input, ctx) => {
      const current = settings.get();
      const plan = catalogue.archive(input.key, input.archived, {
        defaultPlan: current.defaultPlan,
        fallbackPlan: current.fallbackPlan,
      });
      ctx.audit({
        action: 'billing.archivePlan',
        targetType: 'plan',
        targetId: plan.key,
        details: { plan: plan.name || plan.key, archived: input.archived },
      });
      return plan;
    },

    'billing.subscription': (_input, ctx) => subscriptionOf(ctx.tenantRows().tenantId, ctx),

    'billing.usage': (_input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const period = usage.period(tenantId);
      const limits = limitsOf(entitlements.resolve(tenantId).entitlements);
      const used = usedNow(tenantId);
      const meters: UsageMeter[] = (Object.keys(limits) as MeterKind[]).map((kind) => ({
        kind,
        used: used[kind],
        limit: limits[kind],
        percent: percentOf(used[kind], limits[kind]),
      }));
      const percents = meters.map((m) => m.percent).filter((p): p is number => p !== null);
      return {
        periodStart: period.start,
        periodEnd: period.end,
        meters,
        highestPercent: percents.length > 0 ? Math.max(...percents) : null,
      };
    },

    'billing.planFit': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const plan = catalogue.get(input.planKey);
      if (!plan) throw new AppError('NOT_FOUND', 'That plan was not found.', { reason: 'plan_unknown' });
      const limits = limitsOf(plan.entitlements);
      const used = usedNow(tenantId);
      const over = (Object.keys(limits) as MeterKind[]).flatMap((kind) => {
        const limit = limits[kind];
        return limit !== null && used[kind] > limit ? [{ kind, used: used[kind], limit }] : [];
      });
      // live agents past the new limit: the least used (runs this period) are paused first; nothing is deleted
      const agentLimit = plan.entitlements.limits.liveAgents;
      let agentsToPause: { id: string; name: string }[] = [];
      const live = liveAgents(tenantId);
      if (agentLimit !== null && live.length > agentLimit) {
        const period = usage.period(tenantId);
        const runs = new Map(
          agents.analytics(tenantId, period.start, period.end).agents.map((a) => [a.agentId, a.runs]),
        );
        agentsToPause = [...live]
          .sort((a, b) => (runs.get(a.id) ?? 0) - (runs.get(b.id) ?? 0) || a.name.localeCompare(b.name))
          .slice(0, live.length - agentLimit)
          .map((a) => ({ id: a.id, name: a.name }));
      }
      // channels and features in use that the plan lacks
      const missing = new Set<string>();
      for (const channel of services.channels.list(ctx.tenantRows())) {
        if (!channel.enabled) continue;
        if (!(plan.entitlements.channels as string[]).includes(channel.kind))
          missing.add(`channel_${channel.kind}`);
        if (channel.voice && !plan.entitlements.channels.includes('voice')) missing.add('channel_voice');
      }
      const keysInUse = services.apiKeys.list(tenantId).some((key) => key.status === 'active');
      if (keysInUse && !plan.entitlements.features.includes('api')) missing.add('api');
      return {
        planKey: plan.key,
        fits: over.length === 0 && missing.size === 0,
        over,
        agentsToPause,
        missing: [...missing],
      };
    },

    'billing.assignPlan': (input, ctx) => {
      const tenant = tenantExists.get({ tenantId: input.tenantId });
      if (!tenant) throw new AppError('NOT_FOUND', 'That organisation was not found.');
      const plan = catalogue.require(input.planKey);
      if (plan.archived)
        throw new AppError('VALIDATION', `Plan ${plan.key} is archived.`, {
          field: 'planKey',
          reason: 'plan_archived',
          params: { plan: plan.name || plan.key },
        });
      const { fromPlan, toPlan } = assignments.set({
        tenantId: input.tenantId,
        planKey: plan.key,
        source: 'admin',
      });
      const details = { name: tenant.name, from: fromPlan, to: toPlan };
      // recorded in the organisation and where the platform admin works
      ctx.audit({
        tenantId: input.tenantId,
        action: 'billing.assignPlan',
        targetType: 'tenant',
        targetId: input.tenantId,
        details,
      });
      if (ctx.auth().tenantId !== input.tenantId)
        ctx.audit({ action: 'billing.assignPlan', targetType: 'tenant', targetId: input.tenantId, details });
      return subscriptionOf(input.tenantId, ctx);
    },
  };
}
