import type { Clock } from '../lib/clock';
import { message } from '../lib/message';
import type { ActionsStore } from './actions-store';
import { guardianActor as guardian, type GuardianJournal } from './journal';
import type { GuardianAgents } from './ports';

const probeAfterMs = 10 * 60 * 1000;

export interface CircuitBreakerDeps {
  clock: Clock;
  agents: Pick<GuardianAgents, 'records' | 'engine' | 'queries' | 'scheduler' | 'startLive'>;
  actions: ActionsStore;
  journal: GuardianJournal;
}

/**
 * The circuit breaker's half-open state: ten minutes after an agent was paused, one probe run
 * of its live version; success resumes it (the breaker closes), failure keeps it paused.
 */
export class CircuitBreaker {
  constructor(private readonly deps: CircuitBreakerDeps) {}

  async probePausedAgents(tenantId: string): Promise<void> {
    const { actions, clock, journal } = this.deps;
    const { records: agents, engine, queries, scheduler } = this.deps.agents;
    const now = clock.now();
    for (const action of actions.pausedAgents(tenantId, now - probeAfterMs)) {
      const snapshot = action.snapshot as { status: string; lastProbeAt?: number };
      if (snapshot.lastProbeAt && now - snapshot.lastProbeAt < probeAfterMs) continue;
      const agent = agents.get(tenantId, action.target.id!);
      if (agent.status !== 'paused' || agent.deployedVersion === null) continue;
      const run = this.deps.agents.startLive(tenantId, agent.id, {
        trigger: 'test',
        input: queries.lastFailedInput(tenantId, agent.id) ?? { message: 'Guardian probe' },
        evenIfPaused: true,
      });
      const finished = await engine.wait(tenantId, run.id);
      if (finished.status === 'succeeded' || finished.status === 'handed_over') {
        agents.setStatus(tenantId, agent.id, 'active', clock.now());
        scheduler.refresh(tenantId, agent.id);
        const updated = actions.update(tenantId, action.id, {
          snapshot: null,
          outcome: `A probe run succeeded: ${agent.name} was resumed (circuit closed).`,
          outcomeMessage: message('guardian.outcome.probe_succeeded', { agent: agent.name }),
        });
        journal.record(tenantId, updated, {
          actor: guardian,
          audit: 'guardian.probe_succeeded',
          details: { agent: agent.name, run: run.id },
          emit: true,
        });
      } else {
        const updated = actions.update(tenantId, action.id, {
          snapshot: { ...snapshot, lastProbeAt: now },
          outcome: `A probe run failed (${finished.error ?? finished.status}); ${agent.name} stays paused.`,
          outcomeMessage: message('guardian.outcome.probe_failed', { agent: agent.name }),
        });
        journal.follow(tenantId, updated, { emit: true });
      }
    }
  }
}
