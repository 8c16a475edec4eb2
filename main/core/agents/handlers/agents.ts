import type Database from 'better-sqlite3';
import type { Clock } from '../../lib/clock';
import type { AgentsDomain } from '../domain';
import type { OutboundAllowListStore } from '../../outbound';
import type { Flow } from '../../../contract';
import type { HandlerContext, HandlerMap } from '../../context';
import { AppError, notFound } from '../../lib/errors';
import { blankFlow, offlineModel } from '../records/agent-records';
import { diffFlows, validateFlow } from '../flow';
import { requireAdminForPrivateNetwork } from './private-network';
import { detectLanguage } from '../../lib/language';
import { fillBusinessDetails } from '../marketplace/business-details';
import type { Entitlements } from '../../billing/entitlements';
import type { AgentSummary } from '../../../contract';

/** Validation against what this tenant can actually use (its providers and the offline model). */
export function problemsOf(
  { agents, outbound }: { agents: AgentsDomain; outbound: OutboundAllowListStore },
  ctx: HandlerContext,
  flow: Flow,
  primaryModel = offlineModel,
) {
  const tenantId = ctx.tenantRows().tenantId;
  return validateFlow(flow, {
    isModelAvailable: (ref) => agents.models.isAvailable(tenantId, ref),
    defaultModel: agents.models.isAvailable(tenantId, primaryModel) ? primaryModel : null,
    outbound,
  });
}

export interface AgentsHandlerDeps {
  sqlite: Database.Database;
  clock: Clock;
  agents: AgentsDomain;
  outbound: OutboundAllowListStore;
  /** The organisation's plan: how many agents may be live (the billing domain). */
  billing?: { entitlements: Pick<Entitlements, 'ensureBelow'> };
}

export function agentsHandlers(
  deps: AgentsHandlerDeps,
): Pick<
  HandlerMap,
  | 'agents.list'
  | 'agents.create'
  | 'agents.get'
  | 'agents.updateSettings'
  | 'agents.saveVersion'
  | 'agents.versions'
  | 'agents.version'
  | 'agents.diff'
  | 'agents.restoreVersion'
  | 'agents.validate'
  | 'agents.deploy'
  | 'agents.pause'
> {
  const { sqlite, clock } = deps;
  const isLive = (agent: AgentSummary): boolean =>
    agent.status === 'active' && agent.deployedVersion !== null;
  /** An agent going live must fit the plan's live agents (one already live changes nothing). */
  const ensureRoomToGoLive = (tenantId: string, agent: AgentSummary): void => {
    if (!deps.billing || isLive(agent)) return;
    const live = deps.agents.records.list(tenantId, {}).filter(isLive).length;
    deps.billing.entitlements.ensureBelow(tenantId, 'liveAgents', live);
  };
  return {
    // the summaries may be shared with other callers (cached and frozen); the array is this call's own
    'agents.list': (input, ctx) => ({
      agents: [...deps.agents.records.list(ctx.tenantRows().tenantId, input)],
    }),

    'agents.create': (input, ctx) => {
      const session = ctx.auth();
      const { tenantId } = ctx.tenantRows();
      const { records: agents, catalog, knowledge } = deps.agents;
      const now = clock.now();
      const author = { id: session.userId, name: session.name };
      const template = input.templateId ? catalog.get(input.templateId) : undefined;
      if (input.templateId && !template) throw notFound('That template');
      const agent = sqlite.transaction(() => {
        const created = agents.create(
          tenantId,
          {
            name: input.name ?? template?.name[input.language] ?? 'New agent',
            description: input.description ?? template?.description[input.language] ?? '',
            templateId: template?.id ?? null,
            flow: template?.flow ?? blankFlow(),
            primaryModel: offlineModel,
            author,
            note: template ? `Created from the "${template.name.en}" template` : 'Blank agent',
          },
          now,
        );
        if (template) {
          // a second agent from the same template shares the documents the first one brought
          const source = `template:${template.id}`;
          if (!knowledge.hasSource(tenantId, source)) {
            // sample documents are plain text: the business's own details are written in, in each document's language
            const business = deps.agents.business;
            for (const doc of template.knowledge) {
              const language = detectLanguage(doc.body) ?? input.language;
              const values = business?.variables(tenantId, language) ?? {};
              const filled = {
                title: fillBusinessDetails(doc.title, values),
                body: fillBusinessDetails(doc.body, values),
              };
              knowledge.add(tenantId, { ...filled, source }, now);
            }
          }
          agents.recordTemplateUse(tenantId, template.id, now);
        }
        return created;
      })();
      ctx.audit({
        action: 'agents.create',
        targetType: 'agent',
        targetId: agent.id,
        details: { name: agent.name, template: template?.id ?? null, templateName: template?.name ?? null },
      });
      return agent;
    },

    'agents.get': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const agent = deps.agents.records.get(tenantId, input.agentId);
      const current = deps.agents.records.current(tenantId, input.agentId);
      return { agent, flow: current.flow, version: current.version };
    },

    'agents.updateSettings': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const { models, records: agents } = deps.agents;
      for (const ref of [input.primaryModel, ...(input.fallbackModels ?? [])]) {
        if (ref && !models.isAvailable(tenantId, ref)) {
          throw new AppError(
            'VALIDATION',
            `The model ${ref.model} is not offered by a configured provider.`,
            {
              field: 'primaryModel',
              reason: 'model_not_offered',
              params: { model: ref.model },
            },
          );
        }
      }
      const { agentId, ...changes } = input;
      const agent = agents.updateSettings(tenantId, agentId, changes, clock.now());
      ctx.audit({
        action: 'agents.updateSettings',
        targetType: 'agent',
        targetId: agent.id,
        details: { name: agent.name, ...changes },
      });
      return agent;
    },

    'agents.saveVersion': (input, ctx) => {
      const session = ctx.auth();
      const { tenantId } = ctx.tenantRows();
      const agent = deps.agents.records.get(tenantId, input.agentId);
      requireAdminForPrivateNetwork(
        ctx,
        input.flow,
        () => deps.agents.records.current(tenantId, input.agentId).flow,
      );
      const version = deps.agents.records.addVersion(
        tenantId,
        input.agentId,
        input.flow,
        { id: session.userId, name: session.name },
        input.note,
        clock.now(),
      );
      ctx.audit({
        action: 'agents.saveVersion',
        targetType: 'agent',
        targetId: agent.id,
        details: { name: agent.name, version: version.number, note: input.note },
      });
      return { version, problems: problemsOf(deps, ctx, input.flow, agent.primaryModel) };
    },

    'agents.versions': (input, ctx) => ({
      versions: deps.agents.records.versions(ctx.tenantRows().tenantId, input.agentId),
    }),

    'agents.version': (input, ctx) =>
      deps.agents.records.version(ctx.tenantRows().tenantId, input.agentId, input.versionId),

    'agents.diff': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const from = deps.agents.records.version(tenantId, input.agentId, input.fromVersionId);
      const to = deps.agents.records.version(tenantId, input.agentId, input.toVersionId);
      return diffFlows(from.flow, to.flow);
    },

    'agents.restoreVersion': (input, ctx) => {
      const session = ctx.auth();
      const { tenantId } = ctx.tenantRows();
      const old = deps.agents.records.version(tenantId, input.agentId, input.versionId);
      requireAdminForPrivateNetwork(
        ctx,
        old.flow,
        () => deps.agents.records.current(tenantId, input.agentId).flow,
      );
      const version = deps.agents.records.addVersion(
        tenantId,
        input.agentId,
        old.flow,
        { id: session.userId, name: session.name },
        `Restored version ${old.version.number}`,
        clock.now(),
      );
      ctx.audit({
        action: 'agents.restoreVersion',
        targetType: 'agent',
        targetId: input.agentId,
        details: {
          name: deps.agents.records.get(tenantId, input.agentId).name,
          from: old.version.number,
          to: version.number,
        },
      });
      return version;
    },

    'agents.validate': (input, ctx) => {
      const primary = input.agentId
        ? deps.agents.records.get(ctx.tenantRows().tenantId, input.agentId).primaryModel
        : offlineModel;
      const problems = problemsOf(deps, ctx, input.flow, primary);
      return { ok: !problems.some((p) => p.severity === 'error'), problems };
    },

    'agents.deploy': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const { records: agents, scheduler } = deps.agents;
      const agent = agents.get(tenantId, input.agentId);
      ensureRoomToGoLive(tenantId, agent);
      const target = input.versionId
        ? agents.version(tenantId, input.agentId, input.versionId)
        : agents.current(tenantId, input.agentId);
      // what goes live may open the private network only as far as the live version already did
      requireAdminForPrivateNetwork(ctx, target.flow, () =>
        agent.deployedVersion === null
          ? null
          : agents.versionByNumber(tenantId, input.agentId, agent.deployedVersion).flow,
      );
      const errors = problemsOf(deps, ctx, target.flow, agent.primaryModel).filter(
        (p) => p.severity === 'error',
      );
      if (errors.length > 0) {
        const first = errors[0]!;
        throw new AppError(
          'VALIDATION',
          `Version ${target.version.number} has ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix before it can go live. First: ${first.text}`,
          {
            reason: 'version_has_problems',
            params: {
              ...first.message.params,
              inner: first.message.key,
              count: errors.length,
              version: target.version.number,
            },
          },
        );
      }
      const deployed = agents.setDeployed(tenantId, input.agentId, target.version.number, clock.now());
      scheduler.refresh(tenantId, input.agentId);
      ctx.audit({
        action: 'agents.deploy',
        targetType: 'agent',
        targetId: input.agentId,
        details: { name: deployed.name, version: target.version.number },
      });
      return deployed;
    },

    'agents.pause': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const { records: agents, scheduler } = deps.agents;
      const agent = agents.get(tenantId, input.agentId);
      if (!input.paused && agent.deployedVersion === null) {
        throw new AppError('CONFLICT', 'This agent has never been deployed. Deploy a version first.', {
          reason: 'agent_never_deployed',
        });
      }
      if (!input.paused) ensureRoomToGoLive(tenantId, agent);
      const updated = agents.setStatus(
        tenantId,
        input.agentId,
        input.paused ? 'paused' : 'active',
        clock.now(),
      );
      scheduler.refresh(tenantId, input.agentId);
      ctx.audit({
        action: input.paused ? 'agents.pause' : 'agents.resume',
        targetType: 'agent',
        targetId: input.agentId,
        details: { name: updated.name },
      });
      return updated;
    },
  };
}
