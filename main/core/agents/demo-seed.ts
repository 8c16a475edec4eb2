import type Database from 'better-sqlite3';

/**
 * Historical runs (with their steps) for `mindframe demo` only: copies of runs the real engine made,
 * written in bulk in one transaction. Nothing else calls this.
 */
export interface DemoRunStep {
  id: string;
  seq: number;
  nodeId: string;
  nodeType: string;
  label: string | null;
  status: string;
  input: string;
  output: string;
  error: string | null;
  errorMessage: string | null;
  startedAt: number;
  durationMs: number;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
  model: string | null;
  attempts: number;
  notes: string;
  noteMessages: string | null;
}

export interface DemoRun {
  id: string;
  agentId: string;
  versionNumber: number | null;
  status: string;
  trigger: string;
  input: string;
  replies: string;
  error: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  steps: DemoRunStep[];
}

/** A run the real engine made, with its steps, to copy from. */
export function demoRunPrototype(sqlite: Database.Database, tenantId: string, runId: string): DemoRun | null {
  const run = sqlite
    .prepare<{ tenantId: string; id: string }, Omit<DemoRun, 'steps'>>(
      `SELECT id, agent_id AS agentId, version_number AS versionNumber, status, trigger, input, replies, error,
              error_code AS errorCode, error_message AS errorMessage, tokens_in AS tokensIn, tokens_out AS tokensOut,
              cost_micros AS costMicros, created_at AS createdAt, started_at AS startedAt, finished_at AS finishedAt
         FROM agent_runs WHERE tenant_id = @tenantId AND id = @id`,
    )
    .get({ tenantId, id: runId });
  if (!run) return null;
  const steps = sqlite
    .prepare<{ tenantId: string; id: string }, DemoRunStep>(
      `SELECT id, seq, node_id AS nodeId, node_type AS nodeType, label, status, input, output, error,
              error_message AS errorMessage, started_at AS startedAt, duration_ms AS durationMs,
              tokens_in AS tokensIn, tokens_out AS tokensOut, cost_micros AS costMicros, model, attempts, notes,
              note_messages AS noteMessages
         FROM run_steps WHERE tenant_id = @tenantId AND run_id = @id ORDER BY seq`,
    )
    .all({ tenantId, id: runId });
  return { ...run, steps };
}

export function writeDemoRuns(sqlite: Database.Database, tenantId: string, runs: readonly DemoRun[]): number {
  const insert = sqlite.prepare(
    `INSERT INTO agent_runs (id, tenant_id, agent_id, version_number, status, trigger, input, replies, error, error_code,
       error_message, tokens_in, tokens_out, cost_micros, created_at, started_at, finished_at)
     VALUES (@id, @tenantId, @agentId, @versionNumber, @status, @trigger, @input, @replies, @error, @errorCode,
       @errorMessage, @tokensIn, @tokensOut, @costMicros, @createdAt, @startedAt, @finishedAt)`,
  );
  const insertStep = sqlite.prepare(
    `INSERT INTO run_steps (id, tenant_id, run_id, seq, node_id, node_type, label, status, input, output, error,
       error_message, started_at, duration_ms, tokens_in, tokens_out, cost_micros, model, attempts, notes, note_messages)
     VALUES (@id, @tenantId, @runId, @seq, @nodeId, @nodeType, @label, @status, @input, @output, @error,
       @errorMessage, @startedAt, @durationMs, @tokensIn, @tokensOut, @costMicros, @model, @attempts, @notes,
       @noteMessages)`,
  );
  const lastRun = sqlite.prepare(
    `UPDATE agents SET last_run_at = max(coalesce(last_run_at, 0), @at) WHERE tenant_id = @tenantId AND id = @id`,
  );
  let steps = 0;
  const latest = new Map<string, number>();
  sqlite.transaction(() => {
    for (const run of runs) {
      const { steps: list, ...fields } = run;
      insert.run({ ...fields, tenantId });
      for (const step of list) insertStep.run({ ...step, tenantId, runId: run.id });
      steps += list.length;
      latest.set(run.agentId, Math.max(latest.get(run.agentId) ?? 0, run.createdAt));
    }
    for (const [id, at] of latest) lastRun.run({ tenantId, id, at });
  })();
  return steps;
}
