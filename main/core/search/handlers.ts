import type { Language } from '../../contract';
import type { HandlerContext, HandlerMap } from '../context';
import type { Searcher, SearchService } from './search-service';

export interface SearchHandlerDeps {
  search: SearchService;
}

export function searchHandlers(deps: SearchHandlerDeps): Pick<HandlerMap, 'search.query' | 'search.opened'> {
  const { search } = deps;

  function searcherOf(ctx: HandlerContext, language?: Language): Searcher {
    const session = ctx.auth();
    const { tenantId } = ctx.tenantRows();
    return {
      tenantId,
      userId: session.userId,
      role: session.role,
      isPlatformAdmin: session.isPlatformAdmin,
      language: language ?? search.languageOf(session.userId),
    };
  }

  return {
    'search.query': (input, ctx) => search.query(searcherOf(ctx, input.language), input.q, input.limit ?? 20),

    'search.opened': (input, ctx) => {
      // what a search led to is insight, not a change anyone needs in the audit log
      ctx.markAudited();
      search.opened(searcherOf(ctx, 'en'), input.logId, input.kind, input.id);
      return { ok: true as const };
    },
  };
}
