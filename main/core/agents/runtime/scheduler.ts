import { Cron } from 'croner';
import type { FlowNodeOf } from '../../../contract';
import type { Logger } from '../../lib/logger';
import type { AgentRecords } from '../records/agent-records';
import type { StartLiveRun } from './live-run';

/**
 * Cron schedules of live agents: one job per schedule trigger of the deployed version. Refreshed
 * when an agent is deployed, paused or resumed; croner catches no missed runs on purpose (a
 * computer that slept should not fire a burst of old schedules). A job starts its run through the
 * agents' one door to live runs (AgentsDomain.startLive), with the agent's settings of that moment.
 */
export class AgentScheduler {
  private readonly jobs = new Map<string, Cron[]>();

  constructor(
    private readonly agents: AgentRecords,
    private readonly startLive: StartLiveRun,
    private readonly logger: Logger,
  ) {}

  startAll(): void {
    for (const { tenantId, agentId } of this.agents.allActive()) this.refresh(tenantId, agentId);
  }

  stopAll(): void {
    for (const jobs of this.jobs.values()) for (const job of jobs) job.stop();
    this.jobs.clear();
  }

  scheduled(agentId: string): number {
    return this.jobs.get(agentId)?.length ?? 0;
  }

  refresh(tenantId: string, agentId: string): void {
    for (const job of this.jobs.get(agentId) ?? []) job.stop();
    this.jobs.delete(agentId);
    const agent = this.agents.get(tenantId, agentId);
    if (agent.status !== 'active' || agent.deployedVersion === null) return;
    const { flow } = this.agents.versionByNumber(tenantId, agentId, agent.deployedVersion);
    const triggers = flow.nodes.filter(
      (n): n is FlowNodeOf<'trigger'> =>
        n.type === 'trigger' && n.data.kind === 'schedule' && Boolean(n.data.cron),
    );
    const jobs: Cron[] = [];
    for (const trigger of triggers) {
      try {
        jobs.push(
          new Cron(
            trigger.data.cron!,
            { ...(trigger.data.timezone ? { timezone: trigger.data.timezone } : {}), protect: true },
            () => {
              try {
                this.startLive(tenantId, agentId, {
                  trigger: 'schedule',
                  input: { message: trigger.data.message ?? '' },
                  startNodeId: trigger.id,
                });
              } catch (error) {
                this.logger.warn(
                  { err: error, agentId, node: trigger.id },
                  'scheduled run could not be started',
                );
              }
            },
          ),
        );
      } catch (error) {
        this.logger.warn({ err: error, agentId, node: trigger.id }, 'schedule could not be started');
      }
    }
    if (jobs.length > 0) this.jobs.set(agentId, jobs);
  }
}
