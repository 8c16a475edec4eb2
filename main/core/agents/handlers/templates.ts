import type { AgentsDomain } from '../domain';
import type { TemplateSummary } from '../../../contract';
import type { HandlerMap } from '../../context';
import { notFound } from '../../lib/errors';
import { rerankWithModel } from '../marketplace/model-rerank';
import { businessDetailsUsed } from '../marketplace/business-details';
import type { TemplateFile } from '../../../contract';

export function summaryOf(template: TemplateFile, usage: Map<string, number>): TemplateSummary {
  return {
    id: template.id,
    category: template.category,
    name: template.name,
    description: template.description,
    tags: template.tags,
    icon: template.icon,
    nodeCount: template.flow.nodes.length,
    usageCount: usage.get(template.id) ?? 0,
    usesBusinessDetails: businessDetailsUsed(template),
  };
}

export interface TemplatesHandlerDeps {
  agents: AgentsDomain;
}

export function templatesHandlers(
  deps: TemplatesHandlerDeps,
): Pick<HandlerMap, 'templates.list' | 'templates.get' | 'templates.match'> {
  return {
    'templates.list': (input, _ctx) => {
      const { catalog, records: agents } = deps.agents;
      const usage = agents.templateUsage();
      const all = catalog.list({});
      const categories = [...new Set(all.map((t) => t.category))].map((id) => ({
        id,
        count: all.filter((t) => t.category === id).length,
      }));
      const templates = catalog.list({
        ...(input.q ? { q: input.q } : {}),
        ...(input.category ? { category: input.category } : {}),
      });
      return { templates: templates.map((t) => summaryOf(t, usage)), categories };
    },

    'templates.get': (input, _ctx) => {
      const template = deps.agents.catalog.get(input.templateId);
      if (!template) throw notFound('That template');
      return {
        template: summaryOf(template, deps.agents.records.templateUsage()),
        flow: template.flow,
        knowledge: template.knowledge,
        testConversation: template.testConversation,
      };
    },

    'templates.match': async (input, ctx) => {
      const { catalog, records: agents, providers, models } = deps.agents;
      const { tenantId } = ctx.tenantRows();
      const usage = agents.templateUsage();
      let matches = catalog.match(input.need, input.language).slice(0, 10);
      let method: 'offline' | 'model' = 'offline';
      // with a model provider configured, its first model may reorder the offline shortlist
      const provider = providers.list(tenantId)[0];
      if (provider?.models[0] && matches.length > 1) {
        const reranked = await rerankWithModel(
          input.need,
          matches.slice(0, 8),
          models.resolve(tenantId, { providerId: provider.id, model: provider.models[0] }),
        );
        if (reranked) {
          matches = [...reranked, ...matches.slice(8)];
          method = 'model';
        }
      }
      return {
        matches: matches.map((m) => ({
          template: summaryOf(m.template, usage),
          score: m.score,
          matchedTerms: m.matchedTerms,
        })),
        method,
      };
    },
  };
}
