import type { Language } from '../../contract';
import type { HandlerContext, HandlerMap } from '../context';
import type { Searcher, SearchService } from './search-service';
import type { TrackPort } from '../insight/tracker';

export interface SearchHandlerDeps {
  search: SearchService;
  /** Insight: each search is a `search.query` event (the search log keeps the words). */
  insight?: { tracker: TrackPort };
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
    'search.query': async (input, ctx) => {
      const searcher = searcherOf(ctx, input.language);
      const found = await search.query(searcher, input.q, input.limit ?? 20);
      deps.insight?.tracker.track(searcher.tenantId, {
        name: 'search.query',
        actor: searcher.userId,
        source: 'app',
        props: { zero: found.items.length === 0, language: searcher.language, results: found.items.length },
      });
      return found;
    },

    'search.opened': (input, ctx) => {
      // what a search led to is insight, not a change anyone needs in the audit log
      ctx.markAudited();
      search.opened(searcherOf(ctx, 'en'), input.logId, input.kind, input.id);
      return { ok: true as const };
    },
  };
}
