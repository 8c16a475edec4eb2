import type Database from 'better-sqlite3';
import type { GuardianAction, GuardianStatus, Strategy } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import type { Notifier } from '../notify/types';
import type { SecurityEventCounts } from '../security/queries';
import type { TenantDirectory } from '../tenants/queries';
import { ActionLifecycle } from './action-lifecycle';
import { ActionsStore } from './actions-store';
import { AutonomyStore, type AutonomyMode } from './autonomy';
import { CheckCycle } from './check-cycle';
import { CircuitBreaker } from './circuit-breaker';
import { HealthHistory } from './history';
import { InstallationMonitor } from './installation-monitor';
import { IntegrityMonitor } from './integrity';
import { GuardianJournal, type Actor } from './journal';
import type { GuardianAgents, GuardianAudit, GuardianIncidents } from './ports';
import type { StrategyContext } from './strategies';
import type { Said } from '../lib/message';

export type { Actor } from './journal';

export interface GuardianDeps {
  /** The Guardian's own tables (actions, autonomy, score history) and the database file's health. */
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  audit: GuardianAudit;
  /** The agents domain (AgentsDomain), through what the Guardian uses of it. */
  agents: GuardianAgents;
  /** The incidents domain (IncidentsService), through what the Guardian uses of it. */
  incidents: GuardianIncidents;
  notifier: Notifier;
  dataDir: string;
  databaseFile: string;
  /** Hooks to modules that arrive later (backups) or live elsewhere (logs). */
  lastVerifiedBackupAt: () => number | null;
  /** Why backups are not working (folder gone, last backup or verification failed), or null. */
  backupProblem?: () => Said | null;
  restoreLatestBackup: (() => Promise<Said>) | null;
  errorLinesPerMinute: () => number;
  /** Whether the disk holding the data is full (`probe` also looks at its free space now). */
  disk?: { probe(): boolean };
  /** The tenants a cycle visits and the home tenant; the tenants domain's directory by default. */
  tenants: TenantDirectory;
  /** Recent security events per tenant (the security check); the security domain's by default. */
  securityEvents: SecurityEventCounts;
}

/**
 * The Guardian: every minute it runs the checks, keeps the score history, proposes or (within
 * the tenant's autonomy) applies healing actions, opens incidents for critical checks, notes their
 * recovery, escalates SLA breaches and probes paused agents. Every step is audited.
 *
 * This class only wires the parts: the check cycle (check-cycle.ts), the action lifecycle
 * (action-lifecycle.ts), the circuit breaker's probe (circuit-breaker.ts) and the trail each
 * action leaves (journal.ts). Other domains are reached through ports.ts, never their tables.
 */
export class GuardianService {
  readonly integrity: IntegrityMonitor;
  /** The installation's checks, one source for the Guardian and the health summary. */
  readonly installation: InstallationMonitor;
  readonly history: HealthHistory;
  readonly actions: ActionsStore;
  private readonly autonomyStore: AutonomyStore;
  private readonly tenants: TenantDirectory;
  private readonly lifecycle: ActionLifecycle;
  private readonly checks: CheckCycle;

  constructor(deps: GuardianDeps) {
    this.integrity = new IntegrityMonitor(deps.sqlite, deps.clock, deps.logger);
    this.installation = new InstallationMonitor({
      sqlite: deps.sqlite,
      clock: deps.clock,
      databaseFile: deps.databaseFile,
      dataDir: deps.dataDir,
      integrity: this.integrity,
      lastVerifiedBackupAt: deps.lastVerifiedBackupAt,
      ...(deps.backupProblem ? { backupProblem: deps.backupProblem } : {}),
      errorLinesPerMinute: deps.errorLinesPerMinute,
      ...(deps.disk ? { disk: deps.disk } : {}),
    });
    this.history = new HealthHistory(deps.sqlite);
    this.actions = new ActionsStore(deps.sqlite);
    this.autonomyStore = new AutonomyStore(deps.sqlite);
    this.tenants = deps.tenants;
    const journal = new GuardianJournal({
      audit: deps.audit,
      incidents: deps.incidents,
      events: deps.events,
      notifier: deps.notifier,
    });
    const strategyContext = (tenantId: string): StrategyContext => ({
      tenantId,
      sqlite: deps.sqlite,
      clock: deps.clock,
      agents: deps.agents,
      restoreLatestBackup: deps.restoreLatestBackup,
    });
    this.lifecycle = new ActionLifecycle({
      clock: deps.clock,
      actions: this.actions,
      autonomy: this.autonomyStore,
      journal,
      strategyContext,
    });
    this.checks = new CheckCycle({
      ...deps,
      installation: this.installation,
      tenants: this.tenants,
      securityEvents: deps.securityEvents,
      integrity: this.integrity,
      history: this.history,
      actions: this.actions,
      lifecycle: this.lifecycle,
      breaker: new CircuitBreaker({ clock: deps.clock, agents: deps.agents, actions: this.actions, journal }),
    });
  }

  start(intervalMs = 60_000): void {
    this.checks.start(intervalMs);
  }

  stop(): void {
    this.checks.stop();
  }

  /** The first organisation, where installation-wide findings (database, disk) are handled. */
  homeTenantId(): string | null {
    return this.tenants.homeTenantId();
  }

  /** One cycle over every tenant; cycles never overlap. */
  cycle(): Promise<void> {
    return this.checks.cycle();
  }

  /** "Run checks now" for one tenant, with a fresh quick integrity check. */
  runChecks(tenantId: string): Promise<GuardianStatus> {
    return this.checks.runChecks(tenantId);
  }

  status(tenantId: string): GuardianStatus {
    return this.checks.status(tenantId);
  }

  autonomy(tenantId: string) {
    return this.autonomyStore.list(tenantId);
  }

  setAutonomy(tenantId: string, strategy: Strategy, mode: AutonomyMode, maxPerHour: number) {
    return this.autonomyStore.set(tenantId, strategy, mode, maxPerHour);
  }

  approve(tenantId: string, actionId: string, actor: Actor, comment: string): Promise<GuardianAction> {
    return this.lifecycle.approve(tenantId, actionId, actor, comment);
  }

  reject(tenantId: string, actionId: string, actor: Actor, comment: string): GuardianAction {
    return this.lifecycle.reject(tenantId, actionId, actor, comment);
  }

  rollback(tenantId: string, actionId: string, actor: Actor, comment: string): Promise<GuardianAction> {
    return this.lifecycle.rollback(tenantId, actionId, actor, comment);
  }
}
