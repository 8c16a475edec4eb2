import type { GuardianCheck, GuardianStatus, Incident, Severity } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import type { Notifier } from '../notify/types';
import type { SecurityEventCounts } from '../security/queries';
import type { TenantDirectory } from '../tenants/queries';
import type { ActionLifecycle } from './action-lifecycle';
import type { ActionsStore } from './actions-store';
import { agentErrorRateChecks, checkWindowMs, providerChecks, securityEventsCheck } from './checks/tenant';
import type { CircuitBreaker } from './circuit-breaker';
import type { HealthHistory } from './history';
import type { InstallationMonitor } from './installation-monitor';
import type { IntegrityMonitor } from './integrity';
import { framed, message } from '../lib/message';
import { guardianActor as guardian } from './journal';
import type { GuardianAgents, GuardianAudit, GuardianIncidents } from './ports';
import { scoreOf, statusOf } from './score';

const hour = 60 * 60 * 1000;

function severityFor(check: GuardianCheck): Severity {
  if (check.id === 'database' || check.id === 'integrity') return 'SEV1';
  if (check.id === 'agent_error_rate' || check.id === 'disk') return 'SEV2';
  return 'SEV3';
}

const incidentKeyOf = (check: GuardianCheck) => `check:${check.id}:${check.target?.id ?? 'installation'}`;

export interface CheckCycleDeps {
  clock: Clock;
  logger: Logger;
  events: EventBus;
  audit: GuardianAudit;
  agents: Pick<GuardianAgents, 'runs' | 'queries'>;
  incidents: GuardianIncidents;
  notifier: Notifier;
  tenants: TenantDirectory;
  securityEvents: SecurityEventCounts;
  /** The installation's checks (the machine, the process, the database file, backups, logs). */
  installation: InstallationMonitor;
  integrity: IntegrityMonitor;
  history: HealthHistory;
  actions: ActionsStore;
  lifecycle: ActionLifecycle;
  breaker: CircuitBreaker;
}

/**
 * The check cycle: every minute the installation's checks once and each active tenant's own, the
 * score and its history, an incident for each critical check (and a note when it recovers), a
 * healing action for each failing check that has a strategy, SLA escalation and the circuit
 * breaker's probes. Cycles never overlap.
 */
export class CheckCycle {
  private readonly latest = new Map<string, GuardianStatus>();
  private timer: NodeJS.Timeout | undefined;
  private expectedTickAt = 0;
  private driftMs = 0;
  private lastRollUp = 0;
  private cycling: Promise<void> | null = null;

  constructor(private readonly deps: CheckCycleDeps) {}

  start(intervalMs: number): void {
    this.deps.installation.start();
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
    this.deps.installation.stop();
  }

  /** The checks that are the same for every tenant (runs the integrity check when one is due). */
  installation(): GuardianCheck[] {
    return this.deps.installation.checks(this.driftMs);
  }

  private tenantChecks(tenantId: string): GuardianCheck[] {
    const now = this.deps.clock.now();
    const since = now - checkWindowMs;
    const { queries } = this.deps.agents;
    return [
      ...agentErrorRateChecks(queries.runHealth(tenantId, since)),
      ...providerChecks(queries.providerActivity(tenantId, since), now),
      securityEventsCheck(this.deps.securityEvents, tenantId, now),
    ];
  }

  /** One cycle over every active tenant; cycles never overlap. */
  cycle(): Promise<void> {
    this.cycling ??= this.runCycle().finally(() => {
      this.cycling = null;
    });
    return this.cycling;
  }

  private async runCycle(): Promise<void> {
    const installation = this.installation();
    const tenants = this.deps.tenants.activeTenantIds();
    const home = this.deps.tenants.homeTenantId();
    for (const id of tenants) await this.tenantCycle(id, installation, id === home);
    const now = this.deps.clock.now();
    if (now - this.lastRollUp >= hour) {
      this.lastRollUp = now;
      this.deps.agents.runs.flushAll();
      this.deps.history.rollUp(now);
    }
  }

  /** "Run checks now" for one tenant, with a fresh quick integrity check. */
  async runChecks(tenantId: string): Promise<GuardianStatus> {
    this.deps.integrity.runDue(true);
    await this.tenantCycle(tenantId, this.installation(), tenantId === this.deps.tenants.homeTenantId());
    return this.status(tenantId);
  }

  status(tenantId: string): GuardianStatus {
    const cached = this.latest.get(tenantId);
    if (cached)
      return {
        ...cached,
        pendingApprovals: this.deps.actions.pendingCount(tenantId),
        openIncidents: this.deps.incidents.openCount(tenantId),
      };
    return this.compose(tenantId, [...this.installation(), ...this.tenantChecks(tenantId)]);
  }

  private compose(tenantId: string, checks: GuardianCheck[]): GuardianStatus {
    const score = scoreOf(checks);
    return {
      score,
      status: statusOf(score, checks),
      checks,
      checkedAt: this.deps.clock.now(),
      pendingApprovals: this.deps.actions.pendingCount(tenantId),
      openIncidents: this.deps.incidents.openCount(tenantId),
    };
  }

  private async tenantCycle(tenantId: string, installation: GuardianCheck[], isHome: boolean): Promise<void> {
    const { deps } = this;
    // the agents' steps are written in batches: make the last seconds visible to the checks
    deps.agents.runs.flushAll();
    const checks = [...installation, ...this.tenantChecks(tenantId)];
    const previous = this.latest.get(tenantId);
    const status = this.compose(tenantId, checks);
    this.latest.set(tenantId, status);
    deps.history.record(tenantId, status.checkedAt, status.score, checks);

    for (const check of checks) {
      const ownsCheck = isHome || !installation.includes(check);
      if (!ownsCheck) continue;
      // the check's open incident is looked up once, when first needed, and kept for this cycle
      let looked = false;
      let incident: Incident | null = null;
      const incidentOfCheck = (): Incident | null => {
        if (!looked) incident = deps.incidents.openByDedupe(tenantId, incidentKeyOf(check));
        looked = true;
        return incident;
      };
      if (check.status === 'critical') incident = incidentOfCheck() ?? this.openIncidentFor(tenantId, check);
      else if (check.status === 'ok') this.noteRecovery(tenantId, check, incidentOfCheck());
      if (check.status !== 'ok' && check.strategy)
        await deps.lifecycle.propose(tenantId, check, isHome, incidentOfCheck);
    }
    if (status.status === 'unhealthy' && previous?.status !== 'unhealthy') {
      void deps.notifier.notify(tenantId, {
        event: 'health.critical',
        severity: 'SEV2',
        title: `Health score ${status.score}: the platform is unhealthy`,
        body: checks
          .filter((c) => c.status === 'critical')
          .map((c) => c.text)
          .join('\n'),
        titleMessage: message('notify.health.unhealthy', { score: status.score }),
        bodyMessages: checks.filter((c) => c.status === 'critical').map((c) => c.message),
        link: '#/guardian',
      });
    }
    await deps.incidents.escalateBreaches(tenantId);
    await deps.breaker.probePausedAgents(tenantId);
    const fresh = this.compose(tenantId, checks);
    this.latest.set(tenantId, fresh);
    deps.events.emit('guardian.status', fresh, { kind: 'tenant', tenantId });
  }

  /** A critical check without an open incident: opens one (audited). */
  private openIncidentFor(tenantId: string, check: GuardianCheck): Incident {
    const key = incidentKeyOf(check);
    const incident = this.deps.incidents.create(
      tenantId,
      {
        title: check.text.slice(0, 200),
        description: `The Guardian found: ${check.text}`,
        titleMessage: check.message,
        descriptionMessage: framed('incidents.guardian_found', check.message),
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
    return incident;
  }

  /** A check that is ok again: one "recovered" note on its open incident; a person resolves it. */
  private noteRecovery(tenantId: string, check: GuardianCheck, incident: Incident | null): void {
    if (!incident) return;
    const last = this.deps.incidents.timeline(tenantId, incident.id).at(-1);
    if (last?.kind === 'recovered') return;
    this.deps.incidents.note(
      tenantId,
      incident.id,
      {
        text: `Recovered: ${check.text} A person resolves the incident.`,
        message: framed('incidents.timeline.recovered', check.message),
      },
      guardian,
      'recovered',
    );
  }
}
