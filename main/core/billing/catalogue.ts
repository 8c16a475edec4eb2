import type Database from 'better-sqlite3';
import {
  planEntitlementsSchema,
  type BillingPlan,
  type PlanCapability,
  type PlanEntitlements,
  type PlanInput,
} from '../../contract';
import type { Clock } from '../lib/clock';
import { AppError, conflict } from '../lib/errors';

/** The built-in plans: they keep their key (and Own use is never sold). */
export const builtinPlanKeys = ['own_use', 'starter', 'pro', 'enterprise'] as const;
export const ownUsePlan = 'own_use';

interface PlanRow {
  key: string;
  name: string;
  description: string;
  price_monthly: number;
  price_yearly: number;
  entitlements: string;
  billable: number;
  sort: number;
  archived: number;
  stripe_product_id: string | null;
  stripe_price_monthly_id: string | null;
  stripe_price_yearly_id: string | null;
}

/** Nothing at all: what an unreadable plan row grants is treated as Own use's (nobody is locked out). */
const unlimited: PlanEntitlements = {
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

function entitlementsOf(json: string): PlanEntitlements {
  try {
    const parsed = planEntitlementsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : unlimited;
  } catch {
    return unlimited;
  }
}

function toPlan(row: PlanRow, tenantCount: number): BillingPlan {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    priceMonthly: row.price_monthly,
    priceYearly: row.price_yearly,
    entitlements: entitlementsOf(row.entitlements),
    billable: row.billable === 1,
    sort: row.sort,
    archived: row.archived === 1,
    stripe: {
      productId: row.stripe_product_id,
      priceMonthlyId: row.stripe_price_monthly_id,
      priceYearlyId: row.stripe_price_yearly_id,
    },
    tenantCount,
  };
}

/** Whether a plan's entitlements grant a capability (a channel or a feature). */
export function grants(entitlements: PlanEntitlements, capability: PlanCapability): boolean {
  if (capability.startsWith('channel_'))
    return (entitlements.channels as string[]).includes(capability.slice('channel_'.length));
  return (entitlements.features as string[]).includes(capability);
}

/**
 * The plan catalogue (issue 16), edited by the platform admin: list, get, save, archive over the
 * `plans` table. A saved plan applies to its organisations at once: listeners (the entitlements
 * cache) hear every change.
 */
export class PlanCatalogue {
  private readonly statements;
  private readonly listeners = new Set<(key: string) => void>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
  ) {
    this.statements = {
      all: sqlite.prepare<[], PlanRow>('SELECT * FROM plans ORDER BY sort, key'),
      one: sqlite.prepare<{ key: string }, PlanRow>('SELECT * FROM plans WHERE key = @key'),
      counts: sqlite.prepare<[], { plan: string; n: number }>(
        'SELECT plan, COUNT(*) AS n FROM tenants GROUP BY plan',
      ),
      insert: sqlite.prepare(
        `INSERT INTO plans (key, name, description, price_monthly, price_yearly, entitlements, billable, sort, archived, updated_at)
         VALUES (@key, @name, @description, @priceMonthly, @priceYearly, @entitlements, 1, @sort, 0, @now)`,
      ),
      update: sqlite.prepare(
        `UPDATE plans SET name = @name, description = @description, price_monthly = @priceMonthly,
                price_yearly = @priceYearly, entitlements = @entitlements, sort = COALESCE(@sort, sort), updated_at = @now
          WHERE key = @key`,
      ),
      archive: sqlite.prepare('UPDATE plans SET archived = @archived, updated_at = @now WHERE key = @key'),
      maxSort: sqlite.prepare<[], { s: number | null }>('SELECT MAX(sort) AS s FROM plans'),
    };
  }

  /** Every plan, in the catalogue's order; `tenantCounts` adds how many organisations are on each. */
  list(options: { includeArchived?: boolean; tenantCounts?: boolean } = {}): BillingPlan[] {
    const counts = options.tenantCounts ? this.tenantCounts() : null;
    return this.statements.all
      .all()
      .filter((row) => options.includeArchived || row.archived === 0)
      .map((row) => toPlan(row, counts?.get(row.key) ?? 0));
  }

  get(key: string): BillingPlan | null {
    const row = this.statements.one.get({ key });
    return row ? toPlan(row, 0) : null;
  }

  /** A plan that must exist (NOT_FOUND otherwise). */
  require(key: string): BillingPlan {
    const plan = this.get(key);
    if (!plan) throw new AppError('NOT_FOUND', `Plan ${key} was not found.`);
    return plan;
  }

  tenantCount(key: string): number {
    return this.tenantCounts().get(key) ?? 0;
  }

  /** Creates a plan or changes one (a built-in keeps its key); its organisations get it at once. */
  save(input: PlanInput): BillingPlan {
    const now = this.clock.now();
    const existing = this.statements.one.get({ key: input.key });
    const values = {
      key: input.key,
      name: input.name,
      description: input.description,
      priceMonthly: input.priceMonthly,
      priceYearly: input.priceYearly,
      entitlements: JSON.stringify(planEntitlementsSchema.parse(input.entitlements)),
      now,
    };
    if (existing) {
      this.statements.update.run({ ...values, sort: input.sort ?? null });
    } else {
      const sort = input.sort ?? (this.statements.maxSort.get()?.s ?? 0) + 10;
      this.statements.insert.run({ ...values, sort });
    }
    this.changed(input.key);
    return this.withCount(input.key);
  }

  /** Stops selling a plan (its organisations keep it) or sells it again. */
  archive(
    key: string,
    archived: boolean,
    refuse: { defaultPlan: string; fallbackPlan: string },
  ): BillingPlan {
    this.require(key);
    if (archived && (key === ownUsePlan || key === refuse.defaultPlan || key === refuse.fallbackPlan)) {
      throw conflict(`Plan ${key} cannot be archived.`, 'plan_not_archivable', { plan: key });
    }
    this.statements.archive.run({ key, archived: archived ? 1 : 0, now: this.clock.now() });
    this.changed(key);
    return this.withCount(key);
  }

  /** The cheapest plan on sale (or Own use) that grants a capability: its display name, or its key. */
  cheapestWith(capability: PlanCapability): string | null {
    const candidates = this.list()
      .filter((plan) => grants(plan.entitlements, capability))
      .sort((a, b) => {
        // a plan for sale first (Own use is never sold), then the cheapest
        if (a.billable !== b.billable) return a.billable ? -1 : 1;
        return a.priceMonthly - b.priceMonthly || a.sort - b.sort;
      });
    const plan = candidates[0];
    return plan ? plan.name || plan.key : null;
  }

  onChange(listener: (key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private withCount(key: string): BillingPlan {
    const plan = this.require(key);
    return { ...plan, tenantCount: this.tenantCount(key) };
  }

  private tenantCounts(): Map<string, number> {
    return new Map(this.statements.counts.all().map((row) => [row.plan, row.n]));
  }

  private changed(key: string): void {
    for (const listener of this.listeners) listener(key);
  }
}
