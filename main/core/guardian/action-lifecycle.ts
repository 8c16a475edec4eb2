import type { GuardianAction, GuardianCheck, Incident, Strategy } from '../../contract';
import type { Clock } from '../lib/clock';
import { AppError, notFound } from '../lib/errors';
import { framed, message, said, SaidError, type Said } from '../lib/message';
import { publicAction, type ActionsStore, type StoredAction } from './actions-store';
import type { AutonomyStore } from './autonomy';
import { guardianActor as guardian, type Actor, type GuardianJournal } from './journal';
import { healingStrategies, installationStrategies, type StrategyContext } from './strategies';

const hour = 60 * 60 * 1000;

const notPending = (action: StoredAction): AppError =>
  new AppError('CONFLICT', `This action is ${action.status}, not waiting for a decision.`, {
    reason: 'action_not_pending',
    params: { status: action.status },
  });

const dedupeKeyOf = (strategy: Strategy, target: GuardianAction['target']) =>
  `${strategy}:${target.type}:${target.id ?? '-'}`;

export interface ActionLifecycleDeps {
  clock: Clock;
  actions: ActionsStore;
  autonomy: AutonomyStore;
  journal: GuardianJournal;
  strategyContext(tenantId: string): StrategyContext;
}

/**
 * A healing action from proposal to its end: proposed for a failing check (or applied at once
 * within the tenant's autonomy), approved and applied or rejected by a person, rolled back.
 * Every step leaves its trail through the journal.
 */
export class ActionLifecycle {
  constructor(private readonly deps: ActionLifecycleDeps) {}

  /**
   * Proposes or applies the check's strategy, unless one is already waiting or in force.
   * `incident` looks up (once) the open incident of the check, which the action is linked to.
   */
  async propose(
    tenantId: string,
    check: GuardianCheck,
    isHome: boolean,
    incident: () => Incident | null,
  ): Promise<void> {
    const { actions, clock, journal } = this.deps;
    const strategy = healingStrategies[check.strategy!];
    if (installationStrategies.has(strategy.id) && !isHome) return;
    const autonomy = this.deps.autonomy.of(tenantId, strategy.id);
    if (autonomy.mode === 'off') return;
    const ctx = this.deps.strategyContext(tenantId);
    const proposal = strategy.plan(ctx, check);
    if (!proposal) return;
    const dedupeKey = dedupeKeyOf(strategy.id, proposal.target);
    if (actions.active(tenantId, dedupeKey)) return;
    const now = clock.now();
    const automatic =
      autonomy.mode === 'automatic' &&
      strategy.automaticAllowed &&
      actions.automaticSince(tenantId, strategy.id, now - hour) < autonomy.maxPerHour;
    const action = actions.create(
      tenantId,
      {
        strategy: strategy.id,
        mode: automatic ? 'automatic' : 'ask',
        target: proposal.target,
        plan: proposal.plan,
        evidence: [check],
        dedupeKey,
        incidentId: incident()?.id ?? null,
      },
      now,
    );
    journal.record(tenantId, action, {
      actor: guardian,
      audit: 'guardian.proposed',
      details: {
        strategy: strategy.id,
        target: proposal.target.name,
        mode: action.mode,
        reason: check.text,
        reasonMessage: check.message,
      },
      note: {
        says: {
          text: `Guardian proposes: ${proposal.plan.summary}`,
          message: framed('incidents.timeline.proposed', proposal.plan.messages.summary),
        },
        by: guardian,
      },
    });
    if (automatic) {
      await this.apply(tenantId, action, guardian);
      return;
    }
    journal.follow(tenantId, action, {
      emit: true,
      notify: {
        event: 'guardian.proposed',
        severity: check.status === 'critical' ? 'SEV2' : 'SEV3',
        title: `Approval needed: ${proposal.plan.summary}`,
        body: `${proposal.plan.reason}\n\n${proposal.plan.steps.map((s) => `- ${s}`).join('\n')}`,
        titleMessage: proposal.plan.messages.summary,
        bodyMessages: [
          message('notify.guardian.approval_needed'),
          proposal.plan.messages.reason,
          ...proposal.plan.messages.steps,
        ],
        link: '#/guardian',
      },
    });
  }

  private async apply(tenantId: string, action: StoredAction, actor: Actor): Promise<StoredAction> {
    const { actions, clock, journal } = this.deps;
    const strategy = healingStrategies[action.strategy];
    const ctx = this.deps.strategyContext(tenantId);
    const now = clock.now();
    let updated: StoredAction;
    try {
      const snapshot = strategy.rollback ? strategy.snapshot(ctx, action.target) : null;
      const outcome = await strategy.apply(ctx, action.target);
      updated = actions.update(tenantId, action.id, {
        status: 'applied',
        snapshot,
        outcome: outcome.text,
        outcomeMessage: outcome.message,
        appliedAt: clock.now(),
      });
      journal.audit(tenantId, actor.id ? actor : guardian, 'guardian.applied', action, {
        strategy: action.strategy,
        target: action.target.name,
        outcome: outcome.text,
        outcomeMessage: outcome.message,
      });
    } catch (error) {
      const outcome: Said =
        error instanceof SaidError
          ? error.said
          : said('guardian.outcome.failed', undefined, (error as Error).message);
      updated = actions.update(tenantId, action.id, {
        status: 'failed',
        outcome: outcome.text,
        outcomeMessage: outcome.message,
        appliedAt: now,
      });
      journal.audit(tenantId, guardian, 'guardian.failed', action, {
        strategy: action.strategy,
        target: action.target.name,
        outcome: outcome.text,
        outcomeMessage: outcome.message,
      });
    }
    const applied = updated.status === 'applied';
    journal.follow(tenantId, updated, {
      note: {
        says: {
          text: (applied
            ? `Guardian applied: ${updated.plan.summary}. ${updated.outcome ?? ''}`
            : `Guardian could not apply: ${updated.outcome ?? ''}`
          ).trim(),
          message: framed(
            applied ? 'incidents.timeline.applied' : 'incidents.timeline.apply_failed',
            updated.outcomeMessage ?? updated.plan.messages.summary,
          ),
        },
        by: guardian,
      },
      emit: true,
      notify: applied
        ? {
            event: 'guardian.applied',
            severity: 'SEV3',
            title: `Guardian applied: ${updated.plan.summary}`,
            body: updated.outcome ?? '',
            titleMessage: updated.plan.messages.summary,
            bodyMessages: [
              message('notify.guardian.applied'),
              ...(updated.outcomeMessage ? [updated.outcomeMessage] : []),
            ],
            link: '#/guardian',
          }
        : undefined,
    });
    return updated;
  }

  /** The action, if this actor may decide about it. */
  private decidable(tenantId: string, actionId: string, actor: Actor): StoredAction {
    const action = this.deps.actions.get(tenantId, actionId);
    if (!action) throw notFound('That action');
    if (action.target.type === 'installation' && !actor.isPlatformAdmin) {
      throw new AppError('FORBIDDEN', 'Only a platform administrator decides about the whole installation.', {
        reason: 'installation_platform_admin',
      });
    }
    return action;
  }

  async approve(tenantId: string, actionId: string, actor: Actor, comment: string): Promise<GuardianAction> {
    const { actions, clock, journal } = this.deps;
    const action = this.decidable(tenantId, actionId, actor);
    if (action.status !== 'proposed') throw notPending(action);
    actions.update(tenantId, actionId, {
      decidedBy: actor.name,
      comment,
      decidedAt: clock.now(),
    });
    journal.audit(tenantId, actor, 'guardian.approved', action, {
      strategy: action.strategy,
      target: action.target.name,
      comment,
    });
    return publicAction(await this.apply(tenantId, actions.get(tenantId, actionId)!, actor));
  }

  reject(tenantId: string, actionId: string, actor: Actor, comment: string): GuardianAction {
    const { actions, clock, journal } = this.deps;
    const action = this.decidable(tenantId, actionId, actor);
    if (action.status !== 'proposed') throw notPending(action);
    const updated = actions.update(tenantId, actionId, {
      status: 'rejected',
      decidedBy: actor.name,
      comment,
      decidedAt: clock.now(),
    });
    journal.record(tenantId, updated, {
      actor,
      audit: 'guardian.rejected',
      details: { strategy: action.strategy, target: action.target.name, comment },
      note: {
        says: {
          text: `${actor.name} rejected: ${updated.plan.summary}`,
          message: framed('incidents.timeline.rejected', updated.plan.messages.summary, {
            actor: actor.name,
          }),
        },
        by: actor,
      },
      emit: true,
    });
    return publicAction(updated);
  }

  async rollback(tenantId: string, actionId: string, actor: Actor, comment: string): Promise<GuardianAction> {
    const { actions, clock, journal } = this.deps;
    const action = this.decidable(tenantId, actionId, actor);
    const strategy = healingStrategies[action.strategy];
    if (action.status !== 'applied' || action.snapshot === null || !strategy.rollback) {
      throw new AppError(
        'CONFLICT',
        'This action cannot be rolled back (nothing to undo, or it is no longer in force).',
        { reason: 'action_not_reversible' },
      );
    }
    const outcome = await strategy.rollback(
      this.deps.strategyContext(tenantId),
      action.target,
      action.snapshot,
    );
    const updated = actions.update(tenantId, actionId, {
      status: 'rolled_back',
      snapshot: null,
      outcome: outcome.text,
      outcomeMessage: outcome.message,
      rolledBackAt: clock.now(),
      comment: comment || action.comment,
    });
    journal.record(tenantId, updated, {
      actor,
      audit: 'guardian.rolled_back',
      details: {
        strategy: action.strategy,
        target: action.target.name,
        outcome: outcome.text,
        outcomeMessage: outcome.message,
        comment,
      },
      note: {
        says: {
          text: `${actor.name} rolled back: ${updated.plan.summary}. ${outcome.text}`,
          message: framed('incidents.timeline.rolled_back', outcome.message, { actor: actor.name }),
        },
        by: actor,
      },
      emit: true,
    });
    return publicAction(updated);
  }
}
