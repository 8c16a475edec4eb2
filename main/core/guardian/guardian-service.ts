import type Database from 'better-sqlite3';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type {
  GuardianAction,
  GuardianCheck,
  GuardianStatus,
  RunInput,
  Severity,
  Strategy,
} from '../../contract';
import type { AgentsDomain } from '../agents/domain';
import type { AuditService } from '../audit/service';
import type { IncidentsService } from '../incidents/incidents-service';
import type { Clock } from '../lib/clock';
import { AppError, notFound } from '../lib/errors';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import type { Notifier } from '../notify/types';
import { ActionsStore, publicAction, type StoredAction } from './actions-store';
import { installationChecks } from './checks/installation';
import { agentErrorRateChecks, agentHealth, providerChecks, securityEventsCheck } from './checks/tenant';
import { HealthHistory } from './history';
import { IntegrityMonitor } from './integrity';
import { scoreOf, statusOf } from './score';
import {
  defaultAutonomy,
  healingStrategies,
  installationStrategies,
  type StrategyContext,
} from './strategies';

export interface GuardianDeps {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  audit: AuditService;
  agents: AgentsDomain;
  incidents: IncidentsService;
  notifier: Notifier;
  dataDir: string;
  databaseFile: string;
  /** Hooks to modules that arrive later (backups) or live elsewhere (logs). */
  lastVerifiedBackupAt: () => number | null;
  /** Why backups are not working (folder gone, last backup or verification failed), or null. */
  backupProblem?: () => string | null;
  restoreLatestBackup: (() => Promise<string>) | null;
  errorLinesPerMinute: () => number;
  /** Whether the disk holding the data is full (`probe` also looks at its free space now). */
  disk?: { probe(): boolean };
}

export interface Actor {
  id: string | null;
  name: string;
  isPlatformAdmin: boolean;
}

const hour = 60 * 60 * 1000;
const probeAfterMs = 10 * 60 * 1000;
const guardian: Actor = { id: null, name: 'Guardian', isPlatformAdmin: true };

function severityFor(check: GuardianCheck): Severity {
  if (check.id === 'database' || check.id === 'integrity') return 'SEV1';
  if (check.id === 'agent_error_rate' || check.id === 'disk') return 'SEV2';
  return 'SEV3';
}

const dedupeKeyOf = (strategy: Strategy, target: GuardianAction['target']) =>
  `${strategy}:${target.type}:${target.id ?? '-'}`;
const incidentKeyOf = (check: GuardianCheck) => `check:${check.id}:${check.target?.id ?? 'installation'}`;

/**
 * The Guardian: every minute it runs the checks, keeps the score history, proposes or (within
 * the tenant's autonomy) applies healing actions, opens incidents for critical checks, notes their
 * recovery, escalates SLA breaches and probes paused agents. Every step is audited.
 */
export class GuardianService {
  readonly integrity: IntegrityMonitor;
  readonly history: HealthHistory;
  readonly actions: ActionsStore;
  private readonly eventLoop: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private readonly latest = new Map<string, GuardianStatus>();
  private timer: NodeJS.Timeout | undefined;
  private expectedTickAt = 0;
  private driftMs = 0;
  private lastRollUp = 0;
  private cycling: Promise<void> | null = null;

  constructor(private readonly deps: GuardianDeps) {
    this.integrity = new IntegrityMonitor(deps.sqlite, deps.clock, deps.logger);
    this.history = new HealthHistory(deps.sqlite);
    this.actions = new ActionsStore(deps.sqlite);
  }

  start(intervalMs = 60_000): void {
    this.eventLoop.enable();
    this.expectedTickAt = Date.now() + intervalMs;
    this.timer = setInterval(() => {
      this.driftMs = Math.max(0, Date.now() - this.expectedTickAt);
      this.expectedTickAt = Date.now() + intervalMs;
      void this.cycle().catch((error: unknown) =>
        this.deps.logger.error({ module: 'guardian', err: error }, 'guardian cycle failed'),
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.eventLoop.disable();
  }

  private strategyContext(tenantId: string): StrategyContext {
    return {
      tenantId,
      sqlite: this.deps.sqlite,
      clock: this.deps.clock,
      agents: this.deps.agents,
      restoreLatestBackup: this.deps.restoreLatestBackup,
    };
  }

  /** The first organisation, where installation-wide findings (database, disk) are handled. */
  homeTenantId(): string | null {
    return (
      (
        this.deps.sqlite.prepare('SELECT id FROM tenants ORDER BY created_at LIMIT 1').get() as
          { id: string } | undefined
      )?.id ?? null
    );
  }

  private installation(): GuardianCheck[] {
    this.integrity.runDue();
    return installationChecks({
      sqlite: this.deps.sqlite,
      databaseFile: this.deps.databaseFile,
      dataDir: this.deps.dataDir,
      now: this.deps.clock.now(),
      integrity: this.integrity.current(),
      eventLoop: this.eventLoop,
      schedulerDriftMs: this.driftMs,
      lastVerifiedBackupAt: this.deps.lastVerifiedBackupAt(),
      backupProblem: this.deps.backupProblem?.() ?? null,
      errorLinesPerMinute: this.deps.errorLinesPerMinute(),
      diskFull: this.deps.disk?.probe() ?? false,
    });
  }

  private tenantChecks(tenantId: string): GuardianCheck[] {
    const now = this.deps.clock.now();
    return [
      ...agentErrorRateChecks(agentHealth(this.deps.sqlite, tenantId, now)),
      ...providerChecks(this.deps.sqlite, tenantId, now),
      securityEventsCheck(this.deps.sqlite, tenantId, now),
    ];
  }

  /** One cycle over every tenant; cycles never overlap. */
  cycle(): Promise<void> {
    this.cycling ??= this.runCycle().finally(() => {
      this.cycling = null;
    });
    return this.cycling;
  }

  private async runCycle(): Promise<void> {
    const installation = this.installation();
    const tenants = this.deps.sqlite.prepare("SELECT id FROM tenants WHERE status = 'active'").all() as {
      id: string;
    }[];
    const home = this.homeTenantId();
    for (const { id } of tenants) await this.tenantCycle(id, installation, id === home);
    const now = this.deps.clock.now();
    if (now - this.lastRollUp >= hour) {
      this.lastRollUp = now;
      this.deps.agents.runs.flushAll();
      this.history.rollUp(now);
    }
  }

  /** "Run checks now" for one tenant, with a fresh quick integrity check. */
  async runChecks(tenantId: string): Promise<GuardianStatus> {
    this.integrity.runDue(true);
    await this.tenantCycle(tenantId, this.installation(), tenantId === this.homeTenantId());
    return this.status(tenantId);
  }

  status(tenantId: string): GuardianStatus {
    const cached = this.latest.get(tenantId);
    if (cached)
      return {
        ...cached,
        pendingApprovals: this.actions.pendingCount(tenantId),
        openIncidents: this.openIncidents(tenantId),
      };
    return this.compose(tenantId, [...this.installation(), ...this.tenantChecks(tenantId)]);
  }

  private openIncidents(tenantId: string): number {
    return (
      this.deps.sqlite
        .prepare(
          "SELECT count(*) AS n FROM incidents WHERE tenant_id = ? AND status NOT IN ('resolved', 'closed')",
        )
        .get(tenantId) as { n: number }
    ).n;
  }

  private compose(tenantId: string, checks: GuardianCheck[]): GuardianStatus {
    const score = scoreOf(checks);
    return {
      score,
      status: statusOf(score, checks),
      checks,
      checkedAt: this.deps.clock.now(),
      pendingApprovals: this.actions.pendingCount(tenantId),
      openIncidents: this.openIncidents(tenantId),
    };
  }

  private async tenantCycle(tenantId: string, installation: GuardianCheck[], isHome: boolean): Promise<void> {
    // the agents' steps are written in batches: make the last seconds visible to the checks
    this.deps.agents.runs.flushAll();
    const checks = [...installation, ...this.tenantChecks(tenantId)];
    const previous = this.latest.get(tenantId);
    const status = this.compose(tenantId, checks);
    this.latest.set(tenantId, status);
    this.history.record(tenantId, status.checkedAt, status.score, checks);

    for (const check of checks) {
      const ownsCheck = isHome || !installation.includes(check);
      if (!ownsCheck) continue;
      if (check.status === 'critical') this.openIncidentFor(tenantId, check);
      else if (check.status === 'ok') this.noteRecovery(tenantId, check);
      if (check.status !== 'ok' && check.strategy) await this.consider(tenantId, check, isHome);
    }
    if (status.status === 'unhealthy' && previous?.status !== 'unhealthy') {
      void this.deps.notifier.notify(tenantId, {
        event: 'health.critical',
        severity: 'SEV2',
        title: `Health score ${status.score}: the platform is unhealthy`,
        body: checks
          .filter((c) => c.status === 'critical')
          .map((c) => c.message)
          .join('\n'),
        link: '#/guardian',
      });
    }
    await this.deps.incidents.escalateBreaches(tenantId);
    await this.probePausedAgents(tenantId);
    const fresh = this.compose(tenantId, checks);
    this.latest.set(tenantId, fresh);
    this.deps.events.emit('guardian.status', fresh, { kind: 'tenant', tenantId });
  }

  private audit(
    tenantId: string,
    actor: Actor,
    action: string,
    targetId: string,
    details: Record<string, unknown>,
  ): void {
    this.deps.audit.append([
      {
        tenantId,
        actorId: actor.id,
        actorName: actor.name,
        action,
        targetType: 'guardian_action',
        targetId,
        details,
      },
    ]);
  }

  private openIncidentFor(tenantId: string, check: GuardianCheck): void {
    const key = incidentKeyOf(check);
    if (this.deps.incidents.openByDedupe(tenantId, key)) return;
    const incident = this.deps.incidents.create(
      tenantId,
      {
        title: check.message.slice(0, 200),
        description: `The Guardian found: ${check.message}`,
        severity: severityFor(check),
        source: 'guardian',
        dedupeKey: key,
      },
      guardian,
    );
    this.deps.audit.append([
      {
        tenantId,
        actorId: null,
        actorName: 'Guardian',
        action: 'incidents.opened',
        targetType: 'incident',
        targetId: incident.id,
        details: { check: check.id, severity: incident.severity },
      },
    ]);
  }

  private noteRecovery(tenantId: string, check: GuardianCheck): void {
    const incident = this.deps.incidents.openByDedupe(tenantId, incidentKeyOf(check));
    if (!incident) return;
    const last = this.deps.incidents.timeline(tenantId, incident.id).at(-1);
    if (last?.kind === 'recovered') return;
    this.deps.incidents.note(
      tenantId,
      incident.id,
      `Recovered: ${check.message} A person resolves the incident.`,
      guardian,
      'recovered',
    );
  }

  private autonomyOf(
    tenantId: string,
    strategy: Strategy,
  ): { mode: 'off' | 'ask' | 'automatic'; maxPerHour: number } {
    const row = this.deps.sqlite
      .prepare('SELECT mode, max_per_hour FROM guardian_autonomy WHERE tenant_id = ? AND strategy = ?')
      .get(tenantId, strategy) as { mode: 'off' | 'ask' | 'automatic'; max_per_hour: number } | undefined;
    return row ? { mode: row.mode, maxPerHour: row.max_per_hour } : defaultAutonomy[strategy];
  }

  autonomy(tenantId: string) {
    return (Object.keys(healingStrategies) as Strategy[]).map((strategy) => ({
      strategy,
      ...this.autonomyOf(tenantId, strategy),
      automaticAllowed: healingStrategies[strategy].automaticAllowed,
    }));
  }

  setAutonomy(tenantId: string, strategy: Strategy, mode: 'off' | 'ask' | 'automatic', maxPerHour: number) {
    if (mode === 'automatic' && !healingStrategies[strategy].automaticAllowed) {
      throw new AppError('VALIDATION', 'Restoring a backup always waits for a person.', { field: 'mode' });
    }
    this.deps.sqlite
      .prepare(
        `INSERT INTO guardian_autonomy (tenant_id, strategy, mode, max_per_hour) VALUES (?, ?, ?, ?)
         ON CONFLICT(tenant_id, strategy) DO UPDATE SET mode = excluded.mode, max_per_hour = excluded.max_per_hour`,
      )
      .run(tenantId, strategy, mode, maxPerHour);
    return this.autonomy(tenantId).find((a) => a.strategy === strategy)!;
  }

  /** Proposes or applies the check's strategy, unless one is already waiting or in force. */
  private async consider(tenantId: string, check: GuardianCheck, isHome: boolean): Promise<void> {
    const strategy = healingStrategies[check.strategy!];
    if (installationStrategies.has(strategy.id) && !isHome) return;
    const autonomy = this.autonomyOf(tenantId, strategy.id);
    if (autonomy.mode === 'off') return;
    const ctx = this.strategyContext(tenantId);
    const proposal = strategy.plan(ctx, check);
    if (!proposal) return;
    const dedupeKey = dedupeKeyOf(strategy.id, proposal.target);
    if (this.actions.active(tenantId, dedupeKey)) return;
    const now = this.deps.clock.now();
    const automatic =
      autonomy.mode === 'automatic' &&
      strategy.automaticAllowed &&
      this.actions.automaticSince(tenantId, strategy.id, now - hour) < autonomy.maxPerHour;
    const incident = this.deps.incidents.openByDedupe(tenantId, incidentKeyOf(check));
    const action = this.actions.create(
      tenantId,
      {
        strategy: strategy.id,
        mode: automatic ? 'automatic' : 'ask',
        target: proposal.target,
        plan: proposal.plan,
        evidence: [check],
        dedupeKey,
        incidentId: incident?.id ?? null,
      },
      now,
    );
    this.audit(tenantId, guardian, 'guardian.proposed', action.id, {
      strategy: strategy.id,
      target: proposal.target.name,
      mode: action.mode,
      reason: check.message,
    });
    if (incident)
      this.deps.incidents.note(
        tenantId,
        incident.id,
        `Guardian proposes: ${proposal.plan.summary}`,
        guardian,
        'guardian',
        action.id,
      );
    if (automatic) {
      await this.apply(tenantId, action, guardian);
      return;
    }
    this.emit(tenantId, action);
    void this.deps.notifier.notify(tenantId, {
      event: 'guardian.proposed',
      severity: check.status === 'critical' ? 'SEV2' : 'SEV3',
      title: `Approval needed: ${proposal.plan.summary}`,
      body: `${proposal.plan.reason}\n\n${proposal.plan.steps.map((s) => `- ${s}`).join('\n')}`,
      link: '#/guardian',
    });
  }

  private emit(tenantId: string, action: StoredAction): void {
    this.deps.events.emit('guardian.action', publicAction(action), { kind: 'tenant', tenantId });
  }

  private async apply(tenantId: string, action: StoredAction, actor: Actor): Promise<StoredAction> {
    const strategy = healingStrategies[action.strategy];
    const ctx = this.strategyContext(tenantId);
    const now = this.deps.clock.now();
    let updated: StoredAction;
    try {
      const snapshot = strategy.rollback ? strategy.snapshot(ctx, action.target) : null;
      const outcome = await strategy.apply(ctx, action.target);
      updated = this.actions.update(tenantId, action.id, {
        status: 'applied',
        snapshot,
        outcome,
        appliedAt: this.deps.clock.now(),
      });
      this.audit(tenantId, actor.id ? actor : guardian, 'guardian.applied', action.id, {
        strategy: action.strategy,
        target: action.target.name,
        outcome,
      });
    } catch (error) {
      const outcome = (error as Error).message;
      updated = this.actions.update(tenantId, action.id, { status: 'failed', outcome, appliedAt: now });
      this.audit(tenantId, guardian, 'guardian.failed', action.id, { strategy: action.strategy, outcome });
    }
    if (updated.incidentId) {
      const text =
        updated.status === 'applied'
          ? `Guardian applied: ${updated.plan.summary}. ${updated.outcome ?? ''}`
          : `Guardian could not apply: ${updated.outcome ?? ''}`;
      this.deps.incidents.note(tenantId, updated.incidentId, text.trim(), guardian, 'guardian', updated.id);
    }
    this.emit(tenantId, updated);
    if (updated.status === 'applied') {
      void this.deps.notifier.notify(tenantId, {
        event: 'guardian.applied',
        severity: 'SEV3',
        title: `Guardian applied: ${updated.plan.summary}`,
        body: updated.outcome ?? '',
        link: '#/guardian',
      });
    }
    return updated;
  }

  private proposed(tenantId: string, actionId: string, actor: Actor): StoredAction {
    const action = this.actions.get(tenantId, actionId);
    if (!action) throw notFound('That action');
    if (action.target.type === 'installation' && !actor.isPlatformAdmin) {
      throw new AppError('FORBIDDEN', 'Only a platform administrator decides about the whole installation.');
    }
    return action;
  }

  async approve(tenantId: string, actionId: string, actor: Actor, comment: string): Promise<GuardianAction> {
    const action = this.proposed(tenantId, actionId, actor);
    if (action.status !== 'proposed')
      throw new AppError('CONFLICT', `This action is ${action.status}, not waiting for a decision.`);
    this.actions.update(tenantId, actionId, {
      decidedBy: actor.name,
      comment,
      decidedAt: this.deps.clock.now(),
    });
    this.audit(tenantId, actor, 'guardian.approved', actionId, {
      strategy: action.strategy,
      target: action.target.name,
      comment,
    });
    return publicAction(await this.apply(tenantId, this.actions.get(tenantId, actionId)!, actor));
  }

  reject(tenantId: string, actionId: string, actor: Actor, comment: string): GuardianAction {
    const action = this.proposed(tenantId, actionId, actor);
    if (action.status !== 'proposed')
      throw new AppError('CONFLICT', `This action is ${action.status}, not waiting for a decision.`);
    const updated = this.actions.update(tenantId, actionId, {
      status: 'rejected',
      decidedBy: actor.name,
      comment,
      decidedAt: this.deps.clock.now(),
    });
    this.audit(tenantId, actor, 'guardian.rejected', actionId, {
      strategy: action.strategy,
      target: action.target.name,
      comment,
    });
    if (updated.incidentId)
      this.deps.incidents.note(
        tenantId,
        updated.incidentId,
        `${actor.name} rejected: ${updated.plan.summary}`,
        actor,
        'guardian',
        actionId,
      );
    this.emit(tenantId, updated);
    return publicAction(updated);
  }

  async rollback(tenantId: string, actionId: string, actor: Actor, comment: string): Promise<GuardianAction> {
    const action = this.proposed(tenantId, actionId, actor);
    const strategy = healingStrategies[action.strategy];
    if (action.status !== 'applied' || action.snapshot === null || !strategy.rollback) {
      throw new AppError(
        'CONFLICT',
        'This action cannot be rolled back (nothing to undo, or it is no longer in force).',
      );
    }
    const outcome = await strategy.rollback(this.strategyContext(tenantId), action.target, action.snapshot);
    const updated = this.actions.update(tenantId, actionId, {
      status: 'rolled_back',
      snapshot: null,
      outcome,
      rolledBackAt: this.deps.clock.now(),
      comment: comment || action.comment,
    });
    this.audit(tenantId, actor, 'guardian.rolled_back', actionId, {
      strategy: action.strategy,
      target: action.target.name,
      outcome,
      comment,
    });
    if (updated.incidentId)
      this.deps.incidents.note(
        tenantId,
        updated.incidentId,
        `${actor.name} rolled back: ${updated.plan.summary}. ${outcome}`,
        actor,
        'guardian',
        actionId,
      );
    this.emit(tenantId, updated);
    return publicAction(updated);
  }

  /**
   * The circuit breaker's half-open state: ten minutes after an agent was paused, one probe run
   * of its live version; success resumes it (the breaker closes), failure keeps it paused.
   */
  private async probePausedAgents(tenantId: string): Promise<void> {
    const now = this.deps.clock.now();
    for (const action of this.actions.pausedAgents(tenantId, now - probeAfterMs)) {
      const snapshot = action.snapshot as { status: string; lastProbeAt?: number };
      if (snapshot.lastProbeAt && now - snapshot.lastProbeAt < probeAfterMs) continue;
      const { agents, engine } = this.deps.agents;
      const agent = agents.get(tenantId, action.target.id!);
      if (agent.status !== 'paused' || agent.deployedVersion === null) continue;
      const lastInput = this.deps.sqlite
        .prepare(
          "SELECT input FROM agent_runs WHERE tenant_id = ? AND agent_id = ? AND status = 'failed' ORDER BY created_at DESC LIMIT 1",
        )
        .get(tenantId, agent.id) as { input: string } | undefined;
      const run = engine.start({
        tenantId,
        agent: {
          id: agent.id,
          name: agent.name,
          primaryModel: agent.primaryModel,
          fallbackModels: agent.fallbackModels,
          budget: agent.budget,
        },
        flow: agents.versionByNumber(tenantId, agent.id, agent.deployedVersion).flow,
        versionNumber: agent.deployedVersion,
        trigger: 'test',
        input: lastInput ? (JSON.parse(lastInput.input) as RunInput) : { message: 'Guardian probe' },
      });
      const finished = await engine.wait(tenantId, run.id);
      if (finished.status === 'succeeded') {
        agents.setStatus(tenantId, agent.id, 'active', this.deps.clock.now());
        this.deps.agents.scheduler.refresh(tenantId, agent.id);
        const updated = this.actions.update(tenantId, action.id, {
          snapshot: null,
          outcome: `A probe run succeeded: ${agent.name} was resumed (circuit closed).`,
        });
        this.audit(tenantId, guardian, 'guardian.probe_succeeded', action.id, {
          agent: agent.name,
          run: run.id,
        });
        this.emit(tenantId, updated);
      } else {
        const updated = this.actions.update(tenantId, action.id, {
          snapshot: { ...snapshot, lastProbeAt: now },
          outcome: `A probe run failed (${finished.error ?? finished.status}); ${agent.name} stays paused.`,
        });
        this.emit(tenantId, updated);
      }
    }
  }
}
