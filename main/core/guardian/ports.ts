import type { RunSummary } from '../../contract';
import type { AgentRecords } from '../agents/records/agent-records';
import type { AgentQueries } from '../agents/queries';
import type { RunEngine } from '../agents/runtime/engine';
import type { StartLive } from '../agents/runtime/live-run';
import type { RunStore } from '../agents/runtime/run-store';
import type { AgentScheduler } from '../agents/runtime/scheduler';
import type { AuditService } from '../audit/service';
import type { IncidentsService } from '../incidents/incidents-service';

/**
 * What the Guardian uses of the agents domain, and nothing more: its agents (read, pause, resume,
 * switch model, put a version live), their schedules, the one door to a live run, and the
 * questions its checks ask about runs and providers. AgentsDomain is one.
 */
export interface GuardianAgents {
  records: Pick<AgentRecords, 'get' | 'setStatus' | 'setDeployed' | 'updateSettings'>;
  scheduler: Pick<AgentScheduler, 'refresh'>;
  /** Steps are written in batches: the checks flush them first so the last seconds count. */
  runs: Pick<RunStore, 'flushAll'>;
  engine: Pick<RunEngine, 'wait'>;
  queries: AgentQueries;
  startLive(tenantId: string, agentId: string, options: StartLive): RunSummary;
}

/** What the Guardian uses of the incidents domain. IncidentsService is one. */
export type GuardianIncidents = Pick<
  IncidentsService,
  'create' | 'openByDedupe' | 'timeline' | 'note' | 'escalateBreaches' | 'openCount'
>;

/** The Guardian only appends to the audit trail. */
export type GuardianAudit = Pick<AuditService, 'append'>;
