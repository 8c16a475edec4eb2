import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../db';
import {
  flowSchema,
  localModelName,
  localProviderId,
  type AgentSummary,
  type Budget,
  type Flow,
  type ModelRef,
  type VersionSummary,
} from '../../../contract';
import { notFound } from '../../lib/errors';

interface AgentRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string;
  template_id: string | null;
  status: AgentSummary['status'];
  current_version: number;
  deployed_version: number | null;
  primary_model: string;
  fallback_models: string;
  budget: string;
  created_at: number;
  updated_at: number;
  last_run_at: number | null;
}

interface VersionRow {
  id: string;
  agent_id: string;
  number: number;
  flow: string;
  author_name: string;
  note: string;
  created_at: number;
}

export const defaultBudget: Budget = { maxTokens: 20_000, maxCostMicros: 500_000 };
export const offlineModel: ModelRef = { providerId: localProviderId, model: localModelName };

function toSummary(row: AgentRow): AgentSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    templateId: row.template_id,
    status: row.status,
    currentVersion: row.current_version,
    deployedVersion: row.deployed_version,
    primaryModel: JSON.parse(row.primary_model) as ModelRef,
    fallbackModels: JSON.parse(row.fallback_models) as ModelRef[],
    budget: JSON.parse(row.budget) as Budget,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastRunAt: row.last_run_at,
  };
}

function countNodes(flowJson: string): number {
  return (JSON.parse(flowJson) as Flow).nodes.length;
}

/** A new agent's flow when no template is used: chat in, the model answers, reply out. */
export function blankFlow(): Flow {
  return flowSchema.parse({
    schemaVersion: 1,
    nodes: [
      {
        id: 'trigger',
        type: 'trigger',
        position: { x: 0, y: 0 },
        label: 'Chat message',
        data: { kind: 'chat' },
      },
      {
        id: 'answer',
        type: 'llm',
        position: { x: 0, y: 140 },
        label: 'Answer',
        data: {
          systemPrompt: 'You are a helpful assistant for a small business. Answer briefly.',
          prompt: '{{message}}',
        },
      },
      {
        id: 'reply',
        type: 'reply',
        position: { x: 0, y: 280 },
        label: 'Reply',
        data: { text: '{{answer}}' },
      },
    ],
    edges: [
      { id: 'e-trigger-answer', source: 'trigger', target: 'answer' },
      { id: 'e-answer-reply', source: 'answer', target: 'reply' },
    ],
  });
}

/** The columns of a summary, in the order `summaryFromRaw` reads them. */
const summaryColumns =
  'id, name, description, template_id, status, current_version, deployed_version, primary_model, fallback_models, budget, created_at, updated_at, last_run_at';

/**
 * A summary from a row read with `.raw()` (an array in `summaryColumns` order): better-sqlite3
 * builds an object per row with one property at a time, which for a list costs about as much as
 * the query itself; arrays do not.
 */
function summaryFromRaw(row: unknown[]): AgentSummary {
  return {
    id: row[0] as string,
    name: row[1] as string,
    description: row[2] as string,
    templateId: row[3] as string | null,
    status: row[4] as AgentSummary['status'],
    currentVersion: row[5] as number,
    deployedVersion: row[6] as number | null,
    primaryModel: JSON.parse(row[7] as string) as ModelRef,
    fallbackModels: JSON.parse(row[8] as string) as ModelRef[],
    budget: JSON.parse(row[9] as string) as Budget,
    createdAt: row[10] as number,
    updatedAt: row[11] as number,
    lastRunAt: row[12] as number | null,
  };
}

/** Shared answers are frozen, so a caller that changed one would fail loudly, not corrupt the next. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Agents and their versions (every save is a version; restoring makes a new one). */
export class AgentRecords {
  private readonly listStatements = new Map<string, Database.Statement>();
  /**
   * Lists answered since the database last changed (tenant and filter → frozen summaries). The
   * version is this connection's total_changes() with the file's data_version, so any write here
   * or by another connection forgets them; inside a transaction (which may roll back) nothing is
   * cached or reused.
   */
  private readonly listCache = new Map<string, { version: string; agents: readonly AgentSummary[] }>();
  private readonly versionStmt;

  constructor(private readonly sqlite: Database.Database) {
    this.versionStmt = sqlite
      .prepare<[], [number, number]>('SELECT total_changes(), (SELECT data_version FROM pragma_data_version)')
      .raw(true);
  }

  private row(tenantId: string, agentId: string): AgentRow {
    const row = this.sqlite
      .prepare('SELECT * FROM agents WHERE tenant_id = ? AND id = ?')
      .get(tenantId, agentId) as AgentRow | undefined;
    if (!row) throw notFound('That agent');
    return row;
  }

  get(tenantId: string, agentId: string): AgentSummary {
    return toSummary(this.row(tenantId, agentId));
  }

  list(tenantId: string, filter: { q?: string; status?: AgentSummary['status'] }): readonly AgentSummary[] {
    if (this.sqlite.inTransaction) return this.query(tenantId, filter);
    const [changes, dataVersion] = this.versionStmt.get()!;
    const version = `${changes}:${dataVersion}`;
    const key = `${tenantId}\u0000${filter.status ?? ''}\u0000${filter.q ?? ''}`;
    const cached = this.listCache.get(key);
    if (cached && cached.version === version) return cached.agents;
    const agents = deepFreeze(this.query(tenantId, filter));
    if (this.listCache.size >= 1000) this.listCache.clear();
    this.listCache.set(key, { version, agents });
    return agents;
  }

  private query(tenantId: string, filter: { q?: string; status?: AgentSummary['status'] }): AgentSummary[] {
    const clauses = ['tenant_id = @tenantId'];
    const params: Record<string, unknown> = { tenantId };
    if (filter.status) {
      clauses.push('status = @status');
      params.status = filter.status;
    }
    if (filter.q) {
      clauses.push("(name LIKE @q ESCAPE '\\' OR description LIKE @q ESCAPE '\\')");
      params.q = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    // a hot path (the REST API's agent list): one prepared statement per filter combination
    const sql = `SELECT ${summaryColumns} FROM agents WHERE ${clauses.join(' AND ')} ORDER BY updated_at DESC`;
    let statement = this.listStatements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql).raw(true);
      this.listStatements.set(sql, statement);
    }
    return (statement.all(params) as unknown[][]).map(summaryFromRaw);
  }

  create(
    tenantId: string,
    input: {
      name: string;
      description: string;
      templateId: string | null;
      flow: Flow;
      primaryModel: ModelRef;
      author: { id: string; name: string };
      note: string;
    },
    now: number,
  ): AgentSummary {
    const id = uuidv7(now);
    this.sqlite.transaction(() => {
      this.sqlite
        .prepare(
          `INSERT INTO agents (id, tenant_id, name, description, template_id, status, current_version, primary_model, fallback_models, budget, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'draft', 0, ?, '[]', ?, ?, ?)`,
        )
        .run(
          id,
          tenantId,
          input.name,
          input.description,
          input.templateId,
          JSON.stringify(input.primaryModel),
          JSON.stringify(defaultBudget),
          now,
          now,
        );
      this.addVersion(tenantId, id, input.flow, input.author, input.note, now);
    })();
    return this.get(tenantId, id);
  }

  updateSettings(
    tenantId: string,
    agentId: string,
    changes: {
      name?: string;
      description?: string;
      primaryModel?: ModelRef;
      fallbackModels?: ModelRef[];
      budget?: Budget;
    },
    now: number,
  ): AgentSummary {
    const row = this.row(tenantId, agentId);
    this.sqlite
      .prepare(
        `UPDATE agents SET name = ?, description = ?, primary_model = ?, fallback_models = ?, budget = ?, updated_at = ?
          WHERE tenant_id = ? AND id = ?`,
      )
      .run(
        changes.name ?? row.name,
        changes.description ?? row.description,
        changes.primaryModel ? JSON.stringify(changes.primaryModel) : row.primary_model,
        changes.fallbackModels ? JSON.stringify(changes.fallbackModels) : row.fallback_models,
        changes.budget ? JSON.stringify(changes.budget) : row.budget,
        now,
        tenantId,
        agentId,
      );
    return this.get(tenantId, agentId);
  }

  addVersion(
    tenantId: string,
    agentId: string,
    flow: Flow,
    author: { id: string; name: string },
    note: string,
    now: number,
  ): VersionSummary {
    const row = this.row(tenantId, agentId);
    const number = row.current_version + 1;
    const id = uuidv7(now);
    this.sqlite
      .prepare(
        `INSERT INTO agent_versions (id, tenant_id, agent_id, number, flow, author_id, author_name, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, tenantId, agentId, number, JSON.stringify(flow), author.id, author.name, note, now);
    this.sqlite
      .prepare('UPDATE agents SET current_version = ?, updated_at = ? WHERE tenant_id = ? AND id = ?')
      .run(number, now, tenantId, agentId);
    return this.version(tenantId, agentId, id).version;
  }

  versions(tenantId: string, agentId: string): VersionSummary[] {
    const agent = this.row(tenantId, agentId);
    const rows = this.sqlite
      .prepare('SELECT * FROM agent_versions WHERE tenant_id = ? AND agent_id = ? ORDER BY number DESC')
      .all(tenantId, agentId) as VersionRow[];
    return rows.map((r) => this.toVersion(r, agent));
  }

  private toVersion(row: VersionRow, agent: AgentRow): VersionSummary {
    return {
      id: row.id,
      number: row.number,
      note: row.note,
      authorName: row.author_name,
      createdAt: row.created_at,
      nodeCount: countNodes(row.flow),
      deployed: agent.deployed_version === row.number,
    };
  }

  version(tenantId: string, agentId: string, versionId: string): { version: VersionSummary; flow: Flow } {
    const agent = this.row(tenantId, agentId);
    const row = this.sqlite
      .prepare('SELECT * FROM agent_versions WHERE tenant_id = ? AND agent_id = ? AND id = ?')
      .get(tenantId, agentId, versionId) as VersionRow | undefined;
    if (!row) throw notFound('That version');
    return { version: this.toVersion(row, agent), flow: JSON.parse(row.flow) as Flow };
  }

  versionByNumber(
    tenantId: string,
    agentId: string,
    number: number,
  ): { version: VersionSummary; flow: Flow } {
    const row = this.sqlite
      .prepare('SELECT id FROM agent_versions WHERE tenant_id = ? AND agent_id = ? AND number = ?')
      .get(tenantId, agentId, number) as { id: string } | undefined;
    if (!row) throw notFound('That version');
    return this.version(tenantId, agentId, row.id);
  }

  current(tenantId: string, agentId: string): { version: VersionSummary; flow: Flow } {
    return this.versionByNumber(tenantId, agentId, this.row(tenantId, agentId).current_version);
  }

  setDeployed(tenantId: string, agentId: string, number: number, now: number): AgentSummary {
    this.sqlite
      .prepare(
        `UPDATE agents SET deployed_version = ?, status = 'active', updated_at = ? WHERE tenant_id = ? AND id = ?`,
      )
      .run(number, now, tenantId, agentId);
    return this.get(tenantId, agentId);
  }

  setStatus(tenantId: string, agentId: string, status: AgentSummary['status'], now: number): AgentSummary {
    this.sqlite
      .prepare('UPDATE agents SET status = ?, updated_at = ? WHERE tenant_id = ? AND id = ?')
      .run(status, now, tenantId, agentId);
    return this.get(tenantId, agentId);
  }

  /** Live agents of every tenant, for the scheduler at start. */
  allActive(): { tenantId: string; agentId: string }[] {
    return (
      this.sqlite.prepare(`SELECT tenant_id, id FROM agents WHERE status = 'active'`).all() as {
        tenant_id: string;
        id: string;
      }[]
    ).map((r) => ({
      tenantId: r.tenant_id,
      agentId: r.id,
    }));
  }

  recordTemplateUse(tenantId: string, templateId: string, now: number): void {
    this.sqlite
      .prepare(
        `INSERT INTO template_usage (tenant_id, template_id, count, last_used_at) VALUES (?, ?, 1, ?)
         ON CONFLICT(tenant_id, template_id) DO UPDATE SET count = count + 1, last_used_at = excluded.last_used_at`,
      )
      .run(tenantId, templateId, now);
  }

  /** Deployments per template over the whole installation (no tenant can be told apart in a sum). */
  templateUsage(): Map<string, number> {
    const rows = this.sqlite
      .prepare('SELECT template_id, sum(count) AS n FROM template_usage GROUP BY template_id')
      .all() as {
      template_id: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.template_id, r.n]));
  }
}
