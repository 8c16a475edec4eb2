import type { Clock } from '../../lib/clock';
import type { AgentsDomain } from '../domain';
import { localModelName, localProviderId } from '../../../contract';
import type { HandlerMap } from '../../context';

export interface ProvidersHandlerDeps {
  clock: Clock;
  agents: AgentsDomain;
}

export function providersHandlers(
  deps: ProvidersHandlerDeps,
): Pick<HandlerMap, 'providers.list' | 'providers.save' | 'providers.test' | 'providers.delete'> {
  const { clock, agents } = deps;
  return {
    'providers.list': (_input, ctx) => ({
      providers: agents.providers.list(ctx.tenantRows().tenantId),
      local: { id: localProviderId, models: [localModelName] },
    }),

    'providers.save': (input, ctx) => {
      const provider = agents.providers.save(ctx.tenantRows().tenantId, input, clock.now());
      ctx.audit({
        action: input.id ? 'providers.update' : 'providers.create',
        targetType: 'provider',
        targetId: provider.id,
        details: {
          kind: provider.kind,
          name: provider.name,
          baseUrl: provider.baseUrl,
          models: provider.models,
          keyChanged: input.apiKey !== undefined,
          voice: provider.voice,
        },
      });
      return provider;
    },

    'providers.test': async (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const result = await agents.providers.test(tenantId, input.providerId, () => clock.now());
      ctx.audit({
        action: 'providers.test',
        targetType: 'provider',
        targetId: input.providerId,
        details: { name: agents.providers.get(tenantId, input.providerId)?.name ?? null, ok: result.ok },
      });
      return result;
    },

    'providers.delete': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      // the name it had, for the audit log (the provider is gone after this)
      const name = agents.providers.get(tenantId, input.providerId)?.name ?? null;
      agents.providers.delete(tenantId, input.providerId);
      ctx.audit({
        action: 'providers.delete',
        targetType: 'provider',
        targetId: input.providerId,
        details: { name },
      });
      return { ok: true as const };
    },
  };
}
