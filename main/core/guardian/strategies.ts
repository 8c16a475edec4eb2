import type Database from 'better-sqlite3';
import type { GuardianAction, GuardianCheck, ModelRef, Strategy } from '../../contract';
import type { FailedRun } from '../agents/queries';
import type { Clock } from '../lib/clock';
import { said, SaidError, type Said } from '../lib/message';
import type { GuardianAgents } from './ports';

export interface StrategyContext {
  tenantId: string;
  /** The database file itself (maintenance: checkpoint, ANALYZE, VACUUM); no table is read through it. */
  sqlite: Database.Database;
  clock: Clock;
  agents: GuardianAgents;
  /** The newest verified backup, when the backups module provides one. */
  restoreLatestBackup: (() => Promise<Said>) | null;
}

export interface Proposal {
  target: GuardianAction['target'];
  plan: GuardianAction['plan'];
}

/** One healing strategy: what it would do, what undoing it needs, doing it, undoing it. */
export interface HealingStrategy {
  id: Strategy;
  /** Restore is never applied without a person. */
  automaticAllowed: boolean;
  plan(ctx: StrategyContext, check: GuardianCheck): Proposal | null;
  snapshot(ctx: StrategyContext, target: GuardianAction['target']): unknown;
  /** Answers what happened, for the action's outcome; a SaidError says why it could not. */
  apply(ctx: StrategyContext, target: GuardianAction['target']): Promise<Said>;
  /** Null when there is nothing to undo. */
  rollback:
    ((ctx: StrategyContext, target: GuardianAction['target'], snapshot: unknown) => Promise<Said>) | null;
}

/** A plan in English and as messages: its summary, its steps and the check's finding as the reason. */
function planOf(summary: Said, steps: Said[], check: GuardianCheck): GuardianAction['plan'] {
  return {
    summary: summary.text,
    steps: steps.map((step) => step.text),
    reason: check.text,
    messages: { summary: summary.message, steps: steps.map((step) => step.message), reason: check.message },
  };
}

const windowMs = 15 * 60 * 1000;

function agentTarget(check: GuardianCheck): GuardianAction['target'] | null {
  return check.target?.type === 'agent'
    ? { type: 'agent', id: check.target.id, name: check.target.name }
    : null;
}

function failedRuns(ctx: StrategyContext, agentId: string): FailedRun[] {
  return ctx.agents.queries.recentProviderFailures(ctx.tenantId, agentId, ctx.clock.now() - windowMs);
}

/** The newest version before the live one that ran well: at least 3 finished runs, at most 10% failed. */
function lastGoodVersion(ctx: StrategyContext, agentId: string, deployed: number): number | null {
  return ctx.agents.queries.lastGoodVersion(ctx.tenantId, agentId, deployed);
}

const retryWithBackoff: HealingStrategy = {
  id: 'retry_with_backoff',
  automaticAllowed: true,
  plan(ctx, check) {
    const target = agentTarget(check);
    if (!target?.id) return null;
    const runs = failedRuns(ctx, target.id);
    if (runs.length === 0) return null;
    const count = runs.length;
    return {
      target,
      plan: planOf(
        said(
          'guardian.plan.retry.summary',
          { count, agent: target.name },
          `Run again the ${count} run${count === 1 ? '' : 's'} of ${target.name} that failed on the provider`,
        ),
        [
          said(
            'guardian.plan.retry.start',
            { count },
            `Start ${count} new run${count === 1 ? '' : 's'} with the same input, 2 s, 4 s, 8 s … apart`,
          ),
          said('guardian.plan.retry.keep'),
        ],
        check,
      ),
    };
  },
  snapshot: () => ({ runIds: [] as string[] }),
  async apply(ctx, target) {
    const agentId = target.id!;
    const runs = failedRuns(ctx, agentId);
    const started: string[] = [];
    for (const [i, failed] of runs.entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2_000 * 2 ** (i - 1), 16_000)));
      // the live version runs again, even while the agent is paused (as a person's retry would)
      const run = ctx.agents.startLive(ctx.tenantId, agentId, {
        trigger: failed.trigger === 'schedule' ? 'schedule' : failed.trigger === 'api' ? 'api' : 'chat',
        input: failed.input,
        evenIfPaused: true,
      });
      started.push(run.id);
    }
    const count = started.length;
    return said('guardian.outcome.retried', { count }, `Started ${count} new run${count === 1 ? '' : 's'}.`);
  },
  rollback: null,
};

const failoverModel: HealingStrategy = {
  id: 'failover_model',
  automaticAllowed: true,
  plan(ctx, check) {
    const target = agentTarget(check);
    if (!target?.id) return null;
    const agent = ctx.agents.records.get(ctx.tenantId, target.id);
    const next = agent.fallbackModels[0];
    if (!next) return null;
    return {
      target,
      plan: planOf(
        said(
          'guardian.plan.failover.summary',
          { agent: agent.name, model: next.model },
          `Switch ${agent.name} to its fallback model ${next.model}`,
        ),
        [
          said(
            'guardian.plan.failover.primary',
            { model: next.model },
            `Make ${next.model} the primary model`,
          ),
          said(
            'guardian.plan.failover.keep',
            { model: agent.primaryModel.model },
            `Keep ${agent.primaryModel.model} as the first fallback`,
          ),
        ],
        check,
      ),
    };
  },
  snapshot(ctx, target) {
    const agent = ctx.agents.records.get(ctx.tenantId, target.id!);
    return { primaryModel: agent.primaryModel, fallbackModels: agent.fallbackModels };
  },
  async apply(ctx, target) {
    const agent = ctx.agents.records.get(ctx.tenantId, target.id!);
    const [next, ...rest] = agent.fallbackModels;
    if (!next)
      throw new SaidError(
        said('guardian.outcome.no_fallback', { agent: agent.name }, `${agent.name} has no fallback model.`),
      );
    ctx.agents.records.updateSettings(
      ctx.tenantId,
      agent.id,
      { primaryModel: next, fallbackModels: [agent.primaryModel, ...rest] },
      ctx.clock.now(),
    );
    return said(
      'guardian.outcome.failed_over',
      { agent: agent.name, model: next.model },
      `${agent.name} now answers with ${next.model}.`,
    );
  },
  async rollback(ctx, target, snapshot) {
    const models = snapshot as { primaryModel: ModelRef; fallbackModels: ModelRef[] };
    ctx.agents.records.updateSettings(ctx.tenantId, target.id!, models, ctx.clock.now());
    return said(
      'guardian.outcome.failover_undone',
      { model: models.primaryModel.model },
      `Back to ${models.primaryModel.model} as the primary model.`,
    );
  },
};

const pauseAgent: HealingStrategy = {
  id: 'pause_agent',
  automaticAllowed: true,
  plan(ctx, check) {
    const target = agentTarget(check);
    if (!target?.id) return null;
    const agent = ctx.agents.records.get(ctx.tenantId, target.id);
    if (agent.status !== 'active') return null;
    return {
      target,
      plan: planOf(
        said('guardian.plan.pause.summary', { agent: agent.name }, `Pause ${agent.name} (circuit breaker)`),
        [
          said('guardian.plan.pause.stop'),
          said(
            'guardian.plan.pause.probe',
            { minutes: 10 },
            'After 10 minutes, try one probe run; resume the agent if it succeeds',
          ),
        ],
        check,
      ),
    };
  },
  snapshot: (ctx, target) => ({ status: ctx.agents.records.get(ctx.tenantId, target.id!).status }),
  async apply(ctx, target) {
    ctx.agents.records.setStatus(ctx.tenantId, target.id!, 'paused', ctx.clock.now());
    ctx.agents.scheduler.refresh(ctx.tenantId, target.id!);
    return said('guardian.outcome.paused', { agent: target.name }, `${target.name} is paused.`);
  },
  async rollback(ctx, target) {
    ctx.agents.records.setStatus(ctx.tenantId, target.id!, 'active', ctx.clock.now());
    ctx.agents.scheduler.refresh(ctx.tenantId, target.id!);
    return said('guardian.outcome.resumed', { agent: target.name }, `${target.name} runs again.`);
  },
};

const rollbackAgentVersion: HealingStrategy = {
  id: 'rollback_agent_version',
  automaticAllowed: true,
  plan(ctx, check) {
    const target = agentTarget(check);
    if (!target?.id) return null;
    const agent = ctx.agents.records.get(ctx.tenantId, target.id);
    if (agent.deployedVersion === null) return null;
    const good = lastGoodVersion(ctx, agent.id, agent.deployedVersion);
    if (good === null) return null;
    return {
      target,
      plan: planOf(
        said(
          'guardian.plan.rollback.summary',
          { version: good, agent: agent.name },
          `Put version ${good} of ${agent.name} live again`,
        ),
        [
          said(
            'guardian.plan.rollback.deploy',
            { version: good },
            `Deploy version ${good}, the last one that ran well`,
          ),
          said(
            'guardian.plan.rollback.keep',
            { version: agent.deployedVersion },
            `Keep version ${agent.deployedVersion} for a fix`,
          ),
        ],
        check,
      ),
    };
  },
  snapshot: (ctx, target) => ({ version: ctx.agents.records.get(ctx.tenantId, target.id!).deployedVersion }),
  async apply(ctx, target) {
    const agent = ctx.agents.records.get(ctx.tenantId, target.id!);
    const good =
      agent.deployedVersion === null ? null : lastGoodVersion(ctx, agent.id, agent.deployedVersion);
    if (good === null) throw new SaidError(said('guardian.outcome.no_good_version'));
    ctx.agents.records.setDeployed(ctx.tenantId, agent.id, good, ctx.clock.now());
    ctx.agents.scheduler.refresh(ctx.tenantId, agent.id);
    return said(
      'guardian.outcome.version_live',
      { version: good, agent: agent.name },
      `Version ${good} of ${agent.name} is live.`,
    );
  },
  async rollback(ctx, target, snapshot) {
    const { version } = snapshot as { version: number };
    ctx.agents.records.setDeployed(ctx.tenantId, target.id!, version, ctx.clock.now());
    ctx.agents.scheduler.refresh(ctx.tenantId, target.id!);
    return said('guardian.outcome.version_back', { version }, `Version ${version} is live again.`);
  },
};

const databaseMaintenance: HealingStrategy = {
  id: 'database_maintenance',
  automaticAllowed: true,
  plan(_ctx, check) {
    return {
      target: { type: 'installation', id: null, name: 'Database' },
      plan: planOf(
        said('guardian.plan.maintenance.summary'),
        [
          said('guardian.plan.maintenance.checkpoint'),
          said('guardian.plan.maintenance.analyze'),
          said(
            'guardian.plan.maintenance.vacuum',
            { percent: 20 },
            'Compact the file (VACUUM) when more than 20% of it is free space',
          ),
        ],
        check,
      ),
    };
  },
  snapshot: () => null,
  async apply(ctx) {
    ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ctx.sqlite.exec('ANALYZE');
    const pages = ctx.sqlite.pragma('page_count', { simple: true }) as number;
    const free = ctx.sqlite.pragma('freelist_count', { simple: true }) as number;
    if (pages > 0 && free / pages > 0.2) {
      ctx.sqlite.exec('VACUUM');
      return said(
        'guardian.outcome.compacted',
        { free, pages },
        `Checkpointed, analysed and compacted (${free} of ${pages} pages were free).`,
      );
    }
    return said('guardian.outcome.tidied');
  },
  // maintenance changes no data: there is nothing to undo
  rollback: null,
};

const restoreBackup: HealingStrategy = {
  id: 'restore_backup',
  automaticAllowed: false,
  plan(_ctx, check) {
    return {
      target: { type: 'installation', id: null, name: 'Database' },
      plan: planOf(
        said('guardian.plan.restore.summary'),
        [
          said('guardian.plan.restore.copy'),
          said('guardian.plan.restore.stop'),
          said('guardian.plan.restore.replace'),
          said('guardian.plan.restore.loss'),
        ],
        check,
      ),
    };
  },
  snapshot: () => null,
  async apply(ctx) {
    if (!ctx.restoreLatestBackup) throw new SaidError(said('guardian.outcome.no_backup'));
    return ctx.restoreLatestBackup();
  },
  rollback: null,
};

export const healingStrategies: Record<Strategy, HealingStrategy> = {
  retry_with_backoff: retryWithBackoff,
  failover_model: failoverModel,
  pause_agent: pauseAgent,
  rollback_agent_version: rollbackAgentVersion,
  database_maintenance: databaseMaintenance,
  restore_backup: restoreBackup,
};

/** Strategies that act on the whole installation, not on one tenant's agents. */
export const installationStrategies = new Set<Strategy>(['database_maintenance', 'restore_backup']);

/** Autonomy when a tenant has set nothing: small safe steps automatic, the rest asks. */
export const defaultAutonomy: Record<Strategy, { mode: 'off' | 'ask' | 'automatic'; maxPerHour: number }> = {
  retry_with_backoff: { mode: 'automatic', maxPerHour: 3 },
  failover_model: { mode: 'ask', maxPerHour: 3 },
  pause_agent: { mode: 'ask', maxPerHour: 3 },
  rollback_agent_version: { mode: 'ask', maxPerHour: 2 },
  database_maintenance: { mode: 'automatic', maxPerHour: 1 },
  restore_backup: { mode: 'ask', maxPerHour: 1 },
};
