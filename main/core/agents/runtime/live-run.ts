import type { AgentSummary, Flow, RunInput, RunSummary } from '../../../contract';
import { AppError } from '../../lib/errors';
import type { AgentRecords } from '../records/agent-records';
import type { RunEngine } from './engine';
import type { RunTrigger } from './run-store';

export interface StartLive {
  trigger: RunTrigger;
  input: RunInput;
  /** Start at this trigger node (a schedule's); otherwise at the triggers of the run's kind. */
  startNodeId?: string;
  /**
   * A paused agent runs too: the Guardian's circuit-breaker probe and its retries of failed runs.
   * Otherwise only an active agent does.
   */
  evenIfPaused?: boolean;
  /** Added to the refusal when the agent is not live (what the person calling could do about it). */
  notLiveHint?: string;
  /** Looks at the live flow before the run is queued; throws to refuse it (the chat/API caller validates). */
  check?: (flow: Flow, agent: AgentSummary) => void;
}

/** Starts (queues) a run of an agent's live version; see AgentsDomain.startLive. */
export type StartLiveRun = (tenantId: string, agentId: string, options: StartLive) => RunSummary;

/**
 * The one door to a run of an agent's live version, for chat and API calls, schedules and the
 * Guardian: finds the deployed version, refuses an agent that is not live (never deployed, or not
 * active), lets the caller check the flow, and hands the run to the engine's per-tenant queue.
 * A test run of an unsaved draft does not come through here: it has no live version.
 */
export function liveRunStarter(agents: AgentRecords, engine: RunEngine): StartLiveRun {
  return (tenantId, agentId, options) => {
    const agent = agents.get(tenantId, agentId);
    const running = agent.status === 'active' || (options.evenIfPaused === true && agent.status === 'paused');
    if (agent.deployedVersion === null || !running) {
      const refusal = `${agent.name} is not live.`;
      throw new AppError('CONFLICT', options.notLiveHint ? `${refusal} ${options.notLiveHint}` : refusal, {
        reason: 'agent_not_live',
        params: { agent: agent.name },
      });
    }
    const { flow } = agents.versionByNumber(tenantId, agent.id, agent.deployedVersion);
    options.check?.(flow, agent);
    return engine.start({
      tenantId,
      agent: {
        id: agent.id,
        name: agent.name,
        primaryModel: agent.primaryModel,
        fallbackModels: agent.fallbackModels,
        budget: agent.budget,
      },
      flow,
      versionNumber: agent.deployedVersion,
      trigger: options.trigger,
      input: options.input,
      ...(options.startNodeId ? { startNodeId: options.startNodeId } : {}),
    });
  };
}
