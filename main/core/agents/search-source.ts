import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../lib/search/source';

/** For global search: agents by name and description, runs (the newest) by id, agent and status. */

interface AgentRow {
  id: string;
  name: string;
  description: string;
  templateId: string | null;
  status: string;
  updatedAt: number;
}

interface RunRow {
  id: string;
  agentName: string;
  status: string;
  trigger: string;
  input: string;
  updatedAt: number;
}

function agentRecord(row: AgentRow): SearchRecord {
  return {
    id: row.id,
    title: row.name,
    body: [row.description, row.templateId ?? ''].join(' '),
    subtitle: row.description.length > 90 ? `${row.description.slice(0, 89)}…` : row.description,
    status: row.status,
    updatedAt: row.updatedAt,
  };
}

/** The words of a run's input (a chat message, or the JSON of an API call's input), briefly. */
function inputWords(input: string): string {
  try {
    const parsed = JSON.parse(input) as unknown;
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string')
      return parsed.message.slice(0, 500);
  } catch {
    // not JSON: the text itself
  }
  return input.slice(0, 500);
}

function runRecord(row: RunRow): SearchRecord {
  return {
    id: row.id,
    title: `${row.agentName} · ${row.id.slice(0, 8)}`,
    body: [inputWords(row.input), row.trigger, row.id].join(' '),
    subtitle: row.trigger,
    status: row.status,
    updatedAt: row.updatedAt,
  };
}

export function agentSearchSource(sqlite: Database.Database): SearchSource {
  const columns = `id, name, description, template_id AS templateId, status, updated_at AS updatedAt`;
  const page = sqlite.prepare<{ tenantId: string; after: string; limit: number }, AgentRow>(
    `SELECT ${columns} FROM agents WHERE tenant_id = @tenantId AND id > @after ORDER BY id LIMIT @limit`,
  );
  const one = sqlite.prepare<{ tenantId: string; id: string }, AgentRow>(
    `SELECT ${columns} FROM agents WHERE tenant_id = @tenantId AND id = @id`,
  );
  return {
    page: (tenantId, after, limit) => page.all({ tenantId, after, limit }).map(agentRecord),
    one: (tenantId, id) => {
      const row = one.get({ tenantId, id });
      return row ? agentRecord(row) : null;
    },
  };
}

/**
 * Runs: only the newest `keep` of a tenant are indexed (a busy installation has hundreds of
 * thousands); `one` finds any run by its id.
 */
export function runSearchSource(sqlite: Database.Database, keep = 1000): SearchSource {
  const columns = `r.id, a.name AS agentName, r.status, r.trigger, r.input,
    coalesce(r.finished_at, r.started_at, r.created_at) AS updatedAt`;
  const page = sqlite.prepare<{ tenantId: string; after: string; limit: number; keep: number }, RunRow>(
    `SELECT * FROM (
       SELECT ${columns} FROM agent_runs r JOIN agents a ON a.id = r.agent_id
        WHERE r.tenant_id = @tenantId ORDER BY r.created_at DESC LIMIT @keep)
      WHERE id > @after ORDER BY id LIMIT @limit`,
  );
  const one = sqlite.prepare<{ tenantId: string; id: string }, RunRow>(
    `SELECT ${columns} FROM agent_runs r JOIN agents a ON a.id = r.agent_id
      WHERE r.tenant_id = @tenantId AND r.id = @id`,
  );
  return {
    page: (tenantId, after, limit) => page.all({ tenantId, after, limit, keep }).map(runRecord),
    one: (tenantId, id) => {
      const row = one.get({ tenantId, id });
      return row ? runRecord(row) : null;
    },
  };
}
