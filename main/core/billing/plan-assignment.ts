import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import { AppError } from '../lib/errors';
import type { PlanCatalogue } from './catalogue';
import type { Entitlements } from './entitlements';

export type BillingChangeKind =
  | 'new'
  | 'upgrade'
  | 'downgrade'
  | 'interval'
  | 'past_due'
  | 'recovered'
  | 'churn'
  | 'reactivation'
  | 'assigned';

export interface PlanAssignment {
  tenantId: string;
  planKey: string;
  source: 'admin' | 'stripe' | 'demo';
  /** Default: 'assigned' for the admin, else upgrade/downgrade by price. */
  kind?: BillingChangeKind;
  mrrBefore?: number;
  mrrAfter?: number;
  at?: number;
}

/**
 * The one writer of tenants.plan (issue 16): the platform admin (`billing.assignPlan`), a verified
 * Stripe event, or the demo. Each change leaves a billing_changes row, drops the tenant's cached
 * entitlements and emits `billing.changed`.
 */
export class PlanAssignments {
  private readonly statements;

  constructor(
    sqlite: Database.Database,
    private readonly deps: {
      clock: Clock;
      events: EventBus;
      catalogue: PlanCatalogue;
      entitlements: Entitlements;
    },
  ) {
    this.statements = {
      current: sqlite.prepare<{ tenantId: string }, { plan: string }>(
        'SELECT plan FROM tenants WHERE id = @tenantId',
      ),
      write: sqlite.prepare<{ tenantId: string; plan: string }>(
        'UPDATE tenants SET plan = @plan WHERE id = @tenantId',
      ),
      change: sqlite.prepare(
        `INSERT INTO billing_changes (id, tenant_id, at, kind, from_plan, to_plan, mrr_before, mrr_after, source)
         VALUES (@id, @tenantId, @at, @kind, @fromPlan, @toPlan, @mrrBefore, @mrrAfter, @source)`,
      ),
    };
  }

  /** Puts a tenant on a plan; returns the plan it was on before. */
  set(input: PlanAssignment): { fromPlan: string; toPlan: string } {
    const current = this.statements.current.get({ tenantId: input.tenantId });
    if (!current) throw new AppError('NOT_FOUND', 'That organisation was not found.');
    const plan = this.deps.catalogue.require(input.planKey);
    const at = input.at ?? this.deps.clock.now();
    const kind = input.kind ?? this.kindOf(input.source, current.plan, plan.key);
    this.statements.write.run({ tenantId: input.tenantId, plan: plan.key });
    this.statements.change.run({
      id: uuidv7(at),
      tenantId: input.tenantId,
      at,
      kind,
      fromPlan: current.plan,
      toPlan: plan.key,
      mrrBefore: input.mrrBefore ?? 0,
      mrrAfter: input.mrrAfter ?? 0,
      source: input.source,
    });
    this.deps.entitlements.invalidate(input.tenantId);
    this.deps.events.emit(
      'billing.changed',
      { tenantId: input.tenantId },
      { kind: 'tenant', tenantId: input.tenantId },
    );
    return { fromPlan: current.plan, toPlan: plan.key };
  }

  private kindOf(source: PlanAssignment['source'], from: string, to: string): BillingChangeKind {
    if (source === 'admin') return 'assigned';
    const before = this.deps.catalogue.get(from)?.priceMonthly ?? 0;
    const after = this.deps.catalogue.get(to)?.priceMonthly ?? 0;
    return after >= before ? 'upgrade' : 'downgrade';
  }
}
