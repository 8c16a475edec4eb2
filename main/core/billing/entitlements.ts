import type Database from 'better-sqlite3';
import type { PlanCapability, PlanEntitlements, PlanLimits, SubscriptionStatus } from '../../contract';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import { grants, ownUsePlan, type PlanCatalogue } from './catalogue';
import type { BillingSettingsStore } from './settings-store';

const dayMs = 86_400_000;

/** What applies to a tenant now, and until when that answer holds (the end of a dunning grace). */
export interface ResolvedEntitlements {
  /** tenants.plan */
  planKey: string;
  /** The plan whose entitlements apply: the fallback plan once dunning ran past its grace. */
  effectivePlanKey: string;
  entitlements: PlanEntitlements;
  /** past_due / unpaid: the plan holds until then (paid through + grace); null otherwise. */
  graceUntil: number | null;
  /** The capabilities granted, for the per-dispatch check. */
  capabilities: ReadonlySet<PlanCapability>;
  /** The cache keeps this answer until then (ms; Infinity: until something changes). */
  validUntil: number;
}

interface TenantPlanRow {
  plan: string;
  status: SubscriptionStatus | null;
  paid_through: number | null;
}

const allCapabilities: PlanCapability[] = [
  'api',
  'knowledge_import',
  'channel_web',
  'channel_email',
  'channel_voice',
];

/**
 * Entitlements per tenant (issue 16): tenants.plan, except that a past-due or unpaid subscription
 * keeps its plan only until its paid-through date plus the admin's grace days, then the fallback
 * plan applies. Kept in memory per tenant (dispatch asks on every call) with a `validUntil`, and
 * dropped when the tenant's plan is assigned, a plan is saved, or the billing settings change.
 * Offline-safe: everything it reads is local (the last known subscription state).
 */
export class Entitlements {
  private readonly cache = new Map<string, ResolvedEntitlements>();
  private readonly statement;

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly catalogue: PlanCatalogue,
    private readonly settings: BillingSettingsStore,
  ) {
    this.statement = sqlite.prepare<{ tenantId: string }, TenantPlanRow>(
      `SELECT t.plan, s.status, s.paid_through
         FROM tenants t LEFT JOIN billing_subscriptions s ON s.tenant_id = t.id
        WHERE t.id = @tenantId`,
    );
    // a saved plan applies to its organisations at once; a changed grace or fallback to all
    catalogue.onChange(() => this.cache.clear());
    settings.onChange(() => this.cache.clear());
  }

  /** The tenant's entitlements now (cached until `validUntil`). */
  resolve(tenantId: string): ResolvedEntitlements {
    const cached = this.cache.get(tenantId);
    if (cached !== undefined && cached.validUntil > this.clock.now()) return cached;
    const resolved = this.compute(tenantId);
    this.cache.set(tenantId, resolved);
    return resolved;
  }

  /** Drops what is known of one tenant (its plan or subscription changed), or of all. */
  invalidate(tenantId?: string): void {
    if (tenantId === undefined) this.cache.clear();
    else this.cache.delete(tenantId);
  }

  has(tenantId: string, capability: PlanCapability): boolean {
    return this.resolve(tenantId).capabilities.has(capability);
  }

  /**
   * Refuses (FORBIDDEN, reason `plan_feature`) what the tenant's plan lacks, naming the cheapest
   * plan on sale that has it.
   */
  requireCapability(tenantId: string, capability: PlanCapability): void {
    if (this.resolve(tenantId).capabilities.has(capability)) return;
    throw this.featureRefusal(capability);
  }

  featureRefusal(capability: PlanCapability): AppError {
    const plan = this.catalogue.cheapestWith(capability) ?? '';
    return new AppError('FORBIDDEN', `The organisation's plan does not include ${capability}.`, {
      reason: 'plan_feature',
      params: { feature: capability, plan },
    });
  }

  /**
   * Refuses (QUOTA_EXCEEDED, reason `plan_limit`, no period) going past a limit that is counted live:
   * `used` now, `adding` more wanted.
   */
  ensureBelow(
    tenantId: string,
    kind: 'liveAgents' | 'seats' | 'knowledgeMb',
    used: number,
    adding = 1,
  ): void {
    const limit = this.resolve(tenantId).entitlements.limits[kind];
    if (limit === null || used + adding <= limit) return;
    throw new AppError('QUOTA_EXCEEDED', `The plan's limit of ${limit} ${kind} is reached.`, {
      reason: 'plan_limit',
      params: { kind, limit, used: Math.round(used * 10) / 10, periodEnd: null },
    });
  }

  /** A limit of the tenant's effective plan (null: unlimited). */
  limit(tenantId: string, name: keyof PlanLimits): number | null {
    return this.resolve(tenantId).entitlements.limits[name];
  }

  private compute(tenantId: string): ResolvedEntitlements {
    const row = this.statement.get({ tenantId });
    const settings = this.settings.get();
    const planKey = row?.plan ?? ownUsePlan;
    let effectivePlanKey = planKey;
    let graceUntil: number | null = null;
    let validUntil = Number.POSITIVE_INFINITY;
    if (row && (row.status === 'past_due' || row.status === 'unpaid') && row.paid_through !== null) {
      graceUntil = row.paid_through + settings.graceDays * dayMs;
      if (this.clock.now() > graceUntil) effectivePlanKey = settings.fallbackPlan;
      else validUntil = graceUntil + 1;
    }
    const plan =
      this.catalogue.get(effectivePlanKey) ??
      this.catalogue.get(settings.fallbackPlan) ??
      this.catalogue.get(ownUsePlan);
    const entitlements: PlanEntitlements = plan?.entitlements ?? {
      limits: {
        liveAgents: null,
        conversationsPerMonth: null,
        runsPerMonth: null,
        tokensPerMonth: null,
        seats: null,
        knowledgeMb: null,
        apiRequestsPerMinute: null,
      },
      channels: ['web', 'email', 'voice'],
      features: ['api', 'knowledge_import'],
    };
    if (plan) effectivePlanKey = plan.key;
    return {
      planKey,
      effectivePlanKey,
      entitlements,
      graceUntil,
      capabilities: new Set(allCapabilities.filter((capability) => grants(entitlements, capability))),
      // an unknown tenant is not kept (it may be made in a moment)
      validUntil: row ? validUntil : 0,
    };
  }
}
