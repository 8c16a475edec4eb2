import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../db';
import {
  legacyMessage,
  type Budget,
  type Flow,
  type Message,
  type ModelRef,
  type RunInput,
  type RunStatus,
  type RunStep,
  type RunSummary,
  type Role,
} from '../../../contract';
import { said, type Said } from '../../lib/message';

export type RunTrigger = RunSummary['trigger'];
export type RunErrorCode = NonNullable<RunSummary['errorCode']>;

/** What a run needs to continue after a pause (approval) or to be executed at all. */
export interface AgentConfig {
  id: string;
  name: string;
  primaryModel: ModelRef;
  fallbackModels: ModelRef[];
  budget: Budget;
}

export interface RunState {
  flow: Flow;
  agent: AgentConfig;
  variables: Record<string, unknown>;
  queue: string[];
  edgeVisits: Record<string, number>;
  steps: number;
  replies: string[];
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
  /** The approval node the run waits at. */
  waitingAt: string | null;
}

interface RunRow {
  id: string;
  tenant_id: string;
  agent_id: string;
  agent_name: string;
  version_number: number | null;
  status: RunStatus;
  trigger: RunTrigger;
  input: string;
  replies: string;
  state: string | null;
  waiting_for: string | null;
  error: string | null;
  error_message: string | null;
  error_code: RunErrorCode | null;
  tokens_in: number;
  tokens_out: number;
  cost_micros: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

interface StepRow {
  seq: number;
  node_id: string;
  node_type: string;
  label: string | null;
  status: RunStep['status'];
  input: string;
  output: string;
  error: string | null;
  error_message: string | null;
  started_at: number;
  duration_ms: number;
  tokens_in: number;
  tokens_out: number;
  cost_micros: number;
  model: string | null;
  attempts: number;
  notes: string;
  note_messages: string | null;
}

/** A stored error message; rows from before messages read their English as legacy.text. */
function errorMessageOf(row: { error: string | null; error_message: string | null }): Message | null {
  if (row.error_message) return JSON.parse(row.error_message) as Message;
  return row.error === null ? null : legacyMessage(row.error);
}

/** What the app says when it finds runs a crash or a stop left unfinished. */
export const interruptedSaid = said('runs.error.interrupted');

const selectRun = `SELECT r.*, a.name AS agent_name FROM agent_runs r JOIN agents a ON a.id = r.agent_id`;

function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    versionNumber: row.version_number,
    status: row.status,
    trigger: row.trigger,
    input: JSON.parse(row.input) as RunInput,
    replies: JSON.parse(row.replies) as string[],
    error: row.error,
    errorMessage: errorMessageOf(row),
    errorCode: row.error_code,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    costMicros: row.cost_micros,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    waitingFor: row.waiting_for
      ? (JSON.parse(row.waiting_for) as { nodeId: string; prompt: string; approverRole: Role })
      : null,
  };
}

function toStep(row: StepRow): RunStep {
  return {
    seq: row.seq,
    nodeId: row.node_id,
    nodeType: row.node_type,
    label: row.label,
    status: row.status,
    input: JSON.parse(row.input) as unknown,
    output: JSON.parse(row.output) as unknown,
    error: row.error,
    errorMessage: errorMessageOf(row),
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    costMicros: row.cost_micros,
    model: row.model,
    attempts: row.attempts,
    notes: JSON.parse(row.notes) as string[],
    // steps from before messages: their English notes, as they were written
    noteMessages: row.note_messages
      ? (JSON.parse(row.note_messages) as Message[])
      : (JSON.parse(row.notes) as string[]).map(legacyMessage),
  };
}

/** Step input/output are kept for the trace, but never without bound. */
export function traceJson(value: unknown, limit = 20_000): string {
  const text = JSON.stringify(value ?? null) ?? 'null';
  return text.length <= limit ? text : JSON.stringify({ truncated: true, preview: text.slice(0, limit) });
}

/** Persistence of runs and their steps, with prepared statements for the per-step hot path. */
export class RunStore {
  private readonly insertRun;
  private readonly insertStep;
  private readonly byId;
  private readonly stepsOf;
  private readonly pending = new Map<string, { tenantId: string; steps: RunStep[]; timer: NodeJS.Timeout }>();

  constructor(private readonly sqlite: Database.Database) {
    this.insertRun = sqlite.prepare(
      `INSERT INTO agent_runs (id, tenant_id, agent_id, version_number, status, trigger, input, state, draft_flow, created_at)
       VALUES (@id, @tenantId, @agentId, @versionNumber, 'queued', @trigger, @input, @state, @draftFlow, @createdAt)`,
    );
    this.insertStep = sqlite.prepare(
      `INSERT INTO run_steps (id, tenant_id, run_id, seq, node_id, node_type, label, status, input, output, error,
         error_message, started_at, duration_ms, tokens_in, tokens_out, cost_micros, model, attempts, notes,
         note_messages)
       VALUES (@id, @tenantId, @runId, @seq, @nodeId, @nodeType, @label, @status, @input, @output, @error,
         @errorMessage, @startedAt, @durationMs, @tokensIn, @tokensOut, @costMicros, @model, @attempts, @notes,
         @noteMessages)`,
    );
    this.byId = sqlite.prepare<[string, string], RunRow>(`${selectRun} WHERE r.tenant_id = ? AND r.id = ?`);
    this.stepsOf = sqlite.prepare<[string, string], StepRow>(
      'SELECT * FROM run_steps WHERE tenant_id = ? AND run_id = ? ORDER BY seq',
    );
  }

  create(input: {
    tenantId: string;
    agentId: string;
    versionNumber: number | null;
    trigger: RunTrigger;
    input: RunInput;
    state: RunState;
    now: number;
  }): string {
    const id = uuidv7(input.now);
    this.insertRun.run({
      id,
      tenantId: input.tenantId,
      agentId: input.agentId,
      versionNumber: input.versionNumber,
      trigger: input.trigger,
      input: JSON.stringify(input.input),
      state: JSON.stringify(input.state),
      draftFlow: input.versionNumber === null ? JSON.stringify(input.state.flow) : null,
      createdAt: input.now,
    });
    return id;
  }

  get(tenantId: string, runId: string): RunSummary | null {
    const row = this.byId.get(tenantId, runId);
    return row ? toSummary(row) : null;
  }

  state(tenantId: string, runId: string): RunState | null {
    const row = this.byId.get(tenantId, runId);
    return row?.state ? (JSON.parse(row.state) as RunState) : null;
  }

  /** The unsaved flow a test run ran; null for runs of a saved version. */
  draft(tenantId: string, runId: string): Flow | null {
    const row = this.sqlite
      .prepare('SELECT draft_flow FROM agent_runs WHERE tenant_id = ? AND id = ?')
      .get(tenantId, runId) as { draft_flow: string | null } | undefined;
    return row?.draft_flow ? (JSON.parse(row.draft_flow) as Flow) : null;
  }

  steps(tenantId: string, runId: string): RunStep[] {
    const written = this.stepsOf.all(tenantId, runId).map(toStep);
    const pending = this.pending.get(runId);
    return pending && pending.tenantId === tenantId ? [...written, ...pending.steps] : written;
  }

  markRunning(tenantId: string, runId: string, now: number): void {
    this.sqlite
      .prepare(
        `UPDATE agent_runs SET status = 'running', started_at = coalesce(started_at, ?), waiting_for = NULL WHERE tenant_id = ? AND id = ?`,
      )
      .run(now, tenantId, runId);
  }

  /** A decided approval: the run goes back in the queue with the state it continues from. */
  requeue(tenantId: string, runId: string, state: RunState): void {
    this.flush(runId);
    this.sqlite
      .prepare(
        `UPDATE agent_runs SET status = 'queued', waiting_for = NULL, state = ? WHERE tenant_id = ? AND id = ?`,
      )
      .run(JSON.stringify(state), tenantId, runId);
  }

  /**
   * Steps are written in batches: with synchronous=FULL every commit waits for the disk, which would
   * cost more than the step itself. A batch is written when the run ends or parks, when it holds
   * 64 steps, or 200 ms after its first step; reads merge what is not written yet.
   */
  addStep(tenantId: string, runId: string, step: RunStep): void {
    const pending = this.pending.get(runId);
    if (pending) pending.steps.push(step);
    else {
      const timer = setTimeout(() => this.flush(runId), 200);
      timer.unref();
      this.pending.set(runId, { tenantId, steps: [step], timer });
    }
    if ((this.pending.get(runId)?.steps.length ?? 0) >= 64) this.flush(runId);
  }

  /** Writes a run's pending steps in one transaction. */
  flush(runId: string): void {
    const pending = this.pending.get(runId);
    if (!pending) return;
    this.pending.delete(runId);
    clearTimeout(pending.timer);
    if (!this.sqlite.open) return;
    this.sqlite.transaction(() => {
      for (const step of pending.steps) this.writeStep(pending.tenantId, runId, step);
    })();
  }

  flushAll(): void {
    for (const runId of [...this.pending.keys()]) this.flush(runId);
  }

  private writeStep(tenantId: string, runId: string, step: RunStep): void {
    this.insertStep.run({
      id: uuidv7(step.startedAt),
      tenantId,
      runId,
      seq: step.seq,
      nodeId: step.nodeId,
      nodeType: step.nodeType,
      label: step.label,
      status: step.status,
      input: traceJson(step.input),
      output: traceJson(step.output),
      error: step.error,
      errorMessage: step.errorMessage ? JSON.stringify(step.errorMessage) : null,
      startedAt: step.startedAt,
      durationMs: step.durationMs,
      tokensIn: step.tokensIn,
      tokensOut: step.tokensOut,
      costMicros: step.costMicros,
      model: step.model,
      attempts: step.attempts,
      notes: JSON.stringify(step.notes),
      noteMessages: JSON.stringify(step.noteMessages),
    });
  }

  park(
    tenantId: string,
    runId: string,
    state: RunState,
    waitingFor: { nodeId: string; prompt: string; approverRole: Role },
  ): void {
    this.flush(runId);
    this.sqlite
      .prepare(
        `UPDATE agent_runs SET status = 'waiting', state = ?, waiting_for = ?, replies = ?, tokens_in = ?, tokens_out = ?, cost_micros = ?
          WHERE tenant_id = ? AND id = ?`,
      )
      .run(
        JSON.stringify(state),
        JSON.stringify(waitingFor),
        JSON.stringify(state.replies),
        state.tokensIn,
        state.tokensOut,
        state.costMicros,
        tenantId,
        runId,
      );
  }

  finish(
    tenantId: string,
    runId: string,
    outcome: {
      status: RunStatus;
      state: RunState;
      /** Why it failed: the message and its English. */
      error: Said | null;
      errorCode: RunErrorCode | null;
      now: number;
    },
  ): void {
    this.flush(runId);
    this.sqlite
      .prepare(
        `UPDATE agent_runs SET status = ?, state = NULL, waiting_for = NULL, replies = ?, error = ?, error_message = ?,
           error_code = ?, tokens_in = ?, tokens_out = ?, cost_micros = ?, finished_at = ? WHERE tenant_id = ? AND id = ?`,
      )
      .run(
        outcome.status,
        JSON.stringify(outcome.state.replies),
        outcome.error?.text ?? null,
        outcome.error ? JSON.stringify(outcome.error.message) : null,
        outcome.errorCode,
        outcome.state.tokensIn,
        outcome.state.tokensOut,
        outcome.state.costMicros,
        outcome.now,
        tenantId,
        runId,
      );
    this.sqlite
      .prepare(
        'UPDATE agents SET last_run_at = ? WHERE tenant_id = ? AND id = (SELECT agent_id FROM agent_runs WHERE id = ?)',
      )
      .run(outcome.now, tenantId, runId);
  }

  /** Runs a crash left queued or running: marked interrupted, never left "running". */
  interruptLeftovers(now: number): number {
    return this.sqlite
      .prepare(
        `UPDATE agent_runs SET status = 'interrupted', error_code = 'interrupted', state = NULL,
           error = ?, error_message = ?, finished_at = ?
         WHERE status IN ('queued', 'running')`,
      )
      .run(interruptedSaid.text, JSON.stringify(interruptedSaid.message), now).changes;
  }

  list(
    tenantId: string,
    filter: {
      agentId?: string;
      status?: RunStatus;
      from?: number;
      to?: number;
      before?: number;
      limit: number;
    },
  ): { runs: RunSummary[]; nextBefore: number | null } {
    const clauses = ['r.tenant_id = @tenantId'];
    const params: Record<string, unknown> = { tenantId, limit: filter.limit + 1 };
    for (const [key, clause] of [
      ['agentId', 'r.agent_id = @agentId'],
      ['status', 'r.status = @status'],
      ['from', 'r.created_at >= @from'],
      ['to', 'r.created_at <= @to'],
      ['before', 'r.created_at < @before'],
    ] as const) {
      if (filter[key] !== undefined) {
        clauses.push(clause);
        params[key] = filter[key];
      }
    }
    const rows = this.sqlite
      .prepare(
        `${selectRun} WHERE ${clauses.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT @limit`,
      )
      .all(params) as RunRow[];
    const page = rows.slice(0, filter.limit);
    return {
      runs: page.map(toSummary),
      nextBefore: rows.length > filter.limit ? page.at(-1)!.created_at : null,
    };
  }

  /** Waiting runs (approval) of every tenant, to restore their state after a restart. */
  waiting(): { tenantId: string; runId: string }[] {
    return (
      this.sqlite.prepare(`SELECT tenant_id, id FROM agent_runs WHERE status = 'waiting'`).all() as {
        tenant_id: string;
        id: string;
      }[]
    ).map((r) => ({ tenantId: r.tenant_id, runId: r.id }));
  }
}

export interface CostRow {
  day: string;
  agentId: string;
  agentName: string;
  model: string;
  steps: number;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
}

/** Tokens and cost of model steps per UTC day, agent and model. */
export function costsOf(sqlite: Database.Database, tenantId: string, from: number, to: number): CostRow[] {
  return sqlite
    .prepare(
      `SELECT strftime('%Y-%m-%d', s.started_at / 1000, 'unixepoch') AS day, r.agent_id AS agentId, a.name AS agentName,
              s.model AS model, count(*) AS steps, sum(s.tokens_in) AS tokensIn, sum(s.tokens_out) AS tokensOut,
              sum(s.cost_micros) AS costMicros
         FROM run_steps s JOIN agent_runs r ON r.id = s.run_id JOIN agents a ON a.id = r.agent_id
        WHERE s.tenant_id = ? AND s.started_at >= ? AND s.started_at <= ? AND s.model IS NOT NULL
        GROUP BY day, r.agent_id, s.model
        ORDER BY day DESC, costMicros DESC`,
    )
    .all(tenantId, from, to) as CostRow[];
}
