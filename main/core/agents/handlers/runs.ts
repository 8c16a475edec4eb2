import type Database from 'better-sqlite3';
import type { Clock } from '../../lib/clock';
import type { AgentsDomain } from '../domain';
import type { OutboundAllowListStore } from '../../outbound';
import { roleAtLeast, type Flow, type RunSummary } from '../../../contract';
import type { HandlerMap } from '../../context';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { costsOf } from '../runtime/run-store';
import { problemsOf } from './agents';
import { requireAdminForPrivateNetwork } from './private-network';

/** How long `agents.run` with wait holds the call before answering with the run as it is. */
const maxWaitMs = 5 * 60 * 1000;
const day = 24 * 60 * 60 * 1000;

const notWaiting = (): AppError =>
  new AppError('CONFLICT', 'This run is not waiting for a decision.', { reason: 'run_not_waiting' });

export interface RunsHandlerDeps {
  sqlite: Database.Database;
  clock: Clock;
  agents: AgentsDomain;
  outbound: OutboundAllowListStore;
}

export function runsHandlers(
  deps: RunsHandlerDeps,
): Pick<
  HandlerMap,
  'agents.run' | 'agents.cancelRun' | 'runs.list' | 'runs.get' | 'runs.decide' | 'runs.costs'
> {
  const { sqlite, clock } = deps;
  return {
    'agents.run': async (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const { records: agents, engine } = deps.agents;
      const agent = agents.get(tenantId, input.agentId);
      const refuseProblems = (flow: Flow) => {
        const errors = problemsOf(deps, ctx, flow, agent.primaryModel).filter((p) => p.severity === 'error');
        if (errors.length > 0) {
          const first = errors[0]!;
          throw new AppError(
            'VALIDATION',
            `The flow has ${errors.length} problem${errors.length === 1 ? '' : 's'}. First: ${first.text}`,
            {
              field: 'draft',
              reason: 'flow_has_problems',
              params: { ...first.message.params, inner: first.message.key, count: errors.length },
            },
          );
        }
      };
      let run: RunSummary;
      const draft = input.draft;
      if (draft) {
        // a test run of the draft (it has no live version) calls out like a saved flow would
        requireAdminForPrivateNetwork(ctx, draft, () => agents.current(tenantId, agent.id).flow);
        refuseProblems(draft);
        run = engine.start({
          tenantId,
          agent: {
            id: agent.id,
            name: agent.name,
            primaryModel: agent.primaryModel,
            fallbackModels: agent.fallbackModels,
            budget: agent.budget,
          },
          flow: draft,
          versionNumber: null,
          trigger: 'test',
          input: input.input,
        });
      } else {
        run = deps.agents.startLive(tenantId, agent.id, {
          trigger: ctx.call.origin === 'rest' ? 'api' : 'chat',
          input: input.input,
          notLiveHint: 'Deploy it, or test the draft in the designer.',
          check: refuseProblems,
        });
      }
      ctx.audit({
        action: 'agents.run',
        targetType: 'run',
        targetId: run.id,
        details: { agent: agent.name, test: Boolean(input.draft) },
      });
      if (!input.wait) return run;
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), maxWaitMs).unref());
      return (
        (await Promise.race([engine.wait(tenantId, run.id), timeout])) ??
        deps.agents.runs.get(tenantId, run.id)!
      );
    },

    'agents.cancelRun': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const run = deps.agents.engine.cancel(tenantId, input.runId);
      if (!run) throw notFound('That run');
      ctx.audit({
        action: 'agents.cancelRun',
        targetType: 'run',
        targetId: input.runId,
        details: { agent: run.agentName },
      });
      return run;
    },

    'runs.list': (input, ctx) => deps.agents.runs.list(ctx.tenantRows().tenantId, input),

    'runs.get': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const run = deps.agents.runs.get(tenantId, input.runId);
      if (!run) throw notFound('That run');
      const { runs } = deps.agents;
      return { run, steps: runs.steps(tenantId, input.runId), draft: runs.draft(tenantId, input.runId) };
    },

    'runs.decide': (input, ctx) => {
      const session = ctx.auth();
      const { tenantId } = ctx.tenantRows();
      const run = deps.agents.runs.get(tenantId, input.runId);
      if (!run) throw notFound('That run');
      if (run.status !== 'waiting' || !run.waitingFor) throw notWaiting();
      if (!roleAtLeast(session.role, run.waitingFor.approverRole)) {
        throw forbidden(
          `This step needs the ${run.waitingFor.approverRole} role or higher to decide.`,
          'role_required',
          { role: run.waitingFor.approverRole },
        );
      }
      const decided = deps.agents.engine.decide(tenantId, input.runId, {
        approved: input.approved,
        comment: input.comment,
        by: session.name,
      });
      if (!decided) throw notWaiting();
      ctx.audit({
        action: input.approved ? 'runs.approve' : 'runs.reject',
        targetType: 'run',
        targetId: input.runId,
        details: {
          agent: run.agentName,
          comment: input.comment,
          step: run.waitingFor.nodeId,
          prompt: run.waitingFor.prompt,
        },
      });
      return decided;
    },

    'runs.costs': (input, ctx) => {
      const now = clock.now();
      const rows = costsOf(sqlite, ctx.tenantRows().tenantId, input.from ?? now - 30 * day, input.to ?? now);
      return { rows, totalCostMicros: rows.reduce((sum, r) => sum + r.costMicros, 0) };
    },
  };
}
