import type { LogsService } from './logs-service';
import type { HandlerMap } from '../context';

/**
 * Access is 'admin' (the contract). A platform admin sees every line and every error group; a tenant
 * admin sees only the lines carrying their tenant's id, and no error groups: groups are
 * installation-wide (no tenant column) and their messages and stacks may come from any tenant.
 */
export interface LogsHandlerDeps {
  logs: LogsService;
}

export function logsHandlers(deps: LogsHandlerDeps): Pick<HandlerMap, 'logs.query' | 'errors.list'> {
  const { logs } = deps;
  return {
    'logs.query': (input, ctx) => {
      const session = ctx.auth();
      return logs.reader.query({
        minLevel: input.minLevel,
        limit: input.limit,
        ...(input.module ? { module: input.module } : {}),
        ...(input.q ? { q: input.q } : {}),
        ...(input.from !== undefined ? { from: input.from } : {}),
        ...(input.to !== undefined ? { to: input.to } : {}),
        ...(session.isPlatformAdmin ? {} : { tenantId: session.tenantId }),
      });
    },

    'errors.list': (_input, ctx) => {
      const session = ctx.auth();
      return { groups: session.isPlatformAdmin ? logs.errors.list() : [] };
    },
  };
}
