import type Database from 'better-sqlite3';
import type { AgentsDomain } from '../agents/domain';
import { agentSearchSource, runSearchSource } from '../agents/search-source';
import { conversationSearchSource } from '../conversations/search-source';
import type { IncidentsService } from '../incidents/incidents-service';
import { incidentSearchSource } from '../incidents/search-source';
import type { LogsService } from '../logs/logs-service';
import { tenantDirectory } from '../tenants/queries';
import { ticketSearchSource } from '../tickets/search-source';
import { memberSearchSource } from '../users/search-source';
import type { SearchRecord, SearchSource } from '../lib/search/source';
import type { HelpSearch, SearchPorts } from './search-service';

/** The installation's templates as a search source (the same catalogue in every organisation). */
function templateSource(agents: AgentsDomain): SearchSource {
  const recordOf = (id: string): SearchRecord | null => {
    const template = agents.catalog.get(id);
    if (!template) return null;
    return {
      id: template.id,
      title: template.name.en,
      body: [
        template.name.nl,
        template.name.nb,
        template.description.en,
        template.description.nl,
        template.description.nb,
        ...template.tags,
      ].join(' '),
      subtitle: template.description.en,
      updatedAt: 0,
    };
  };
  return {
    page(_tenantId, after, limit) {
      return agents.catalog
        .list({})
        .map((template) => template.id)
        .sort()
        .filter((id) => id > after)
        .slice(0, limit)
        .map((id) => recordOf(id))
        .filter((record): record is SearchRecord => record !== null);
    },
    one: (_tenantId, id) => recordOf(id),
  };
}

/** What global search reads, from the domains that own it (composition: createCore). */
export function searchPorts(deps: {
  sqlite: Database.Database;
  agents: AgentsDomain;
  incidents: IncidentsService;
  logs: LogsService;
  help: () => HelpSearch | undefined;
}): SearchPorts {
  const { sqlite, agents, incidents, logs } = deps;
  const tenants = tenantDirectory(sqlite);
  return {
    sources: {
      agent: agentSearchSource(sqlite),
      template: templateSource(agents),
      run: runSearchSource(sqlite),
      conversation: conversationSearchSource(sqlite),
      ticket: ticketSearchSource(sqlite),
      incident: incidentSearchSource(sqlite),
      member: memberSearchSource(sqlite),
    },
    tenantIds: () => tenants.activeTenantIds(),
    templateText(id, language) {
      const template = agents.catalog.get(id);
      return template ? { title: template.name[language], subtitle: template.description[language] } : null;
    },
    incidentTitle(tenantId, id) {
      try {
        return incidents.get(tenantId, id).titleMessage;
      } catch {
        return null;
      }
    },
    help: deps.help,
    logs: (query) =>
      logs.reader.query({
        q: query.q,
        limit: query.limit,
        ...(query.tenantId ? { tenantId: query.tenantId } : {}),
      }),
  };
}
