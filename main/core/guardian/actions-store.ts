import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import {
  legacyMessage,
  type GuardianAction,
  type GuardianCheck,
  type Message,
  type Strategy,
} from '../../contract';

interface ActionRow {
  id: string;
  tenant_id: string;
  strategy: Strategy;
  status: GuardianAction['status'];
  mode: GuardianAction['mode'];
  target_type: GuardianAction['target']['type'];
  target_id: string | null;
  target_name: string;
  dedupe_key: string;
  plan: string;
  evidence: string;
  snapshot: string | null;
  outcome: string | null;
  outcome_message: string | null;
  decided_by: string | null;
  comment: string | null;
  incident_id: string | null;
  created_at: number;
  decided_at: number | null;
  applied_at: number | null;
  rolled_back_at: number | null;
}

export interface NewAction {
  strategy: Strategy;
  mode: GuardianAction['mode'];
  target: GuardianAction['target'];
  plan: GuardianAction['plan'];
  evidence: GuardianCheck[];
  dedupeKey: string;
  incidentId: string | null;
}

export interface StoredAction extends GuardianAction {
  snapshot: unknown;
  dedupeKey: string;
}

/** A check kept as evidence; one stored before messages existed has its English as `message`. */
function storedCheck(check: GuardianCheck | (Omit<GuardianCheck, 'message' | 'text'> & { message: string })) {
  return typeof check.message === 'string'
    ? { ...check, message: legacyMessage(check.message), text: check.message }
    : (check as GuardianCheck);
}

type StoredPlan = Omit<GuardianAction['plan'], 'messages'> &
  Partial<Pick<GuardianAction['plan'], 'messages'>>;

/** A plan; one stored before messages existed has only its English, which its messages then carry. */
function storedPlan(plan: StoredPlan): GuardianAction['plan'] {
  return plan.messages
    ? (plan as GuardianAction['plan'])
    : {
        ...plan,
        messages: {
          summary: legacyMessage(plan.summary),
          steps: plan.steps.map(legacyMessage),
          reason: legacyMessage(plan.reason),
        },
      };
}

function toAction(row: ActionRow): StoredAction {
  const snapshot = row.snapshot ? (JSON.parse(row.snapshot) as unknown) : null;
  return {
    id: row.id,
    strategy: row.strategy,
    status: row.status,
    mode: row.mode,
    target: { type: row.target_type, id: row.target_id, name: row.target_name },
    plan: storedPlan(JSON.parse(row.plan) as StoredPlan),
    evidence: (JSON.parse(row.evidence) as Parameters<typeof storedCheck>[0][]).map(storedCheck),
    canRollBack: row.status === 'applied' && row.snapshot !== null,
    outcome: row.outcome,
    outcomeMessage: row.outcome_message
      ? (JSON.parse(row.outcome_message) as Message)
      : row.outcome === null
        ? null
        : legacyMessage(row.outcome),
    decidedBy: row.decided_by,
    comment: row.comment,
    incidentId: row.incident_id,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    appliedAt: row.applied_at,
    rolledBackAt: row.rolled_back_at,
    snapshot,
    dedupeKey: row.dedupe_key,
  };
}

/** Only what the contract shows: the snapshot stays inside the core. */
export function publicAction(action: StoredAction): GuardianAction {
  const { snapshot: _snapshot, dedupeKey: _key, ...rest } = action;
  return rest;
}

export class ActionsStore {
  constructor(private readonly sqlite: Database.Database) {}

  create(tenantId: string, action: NewAction, now: number): StoredAction {
    const id = uuidv7(now);
    this.sqlite
      .prepare(
        `INSERT INTO guardian_actions (id, tenant_id, strategy, status, mode, target_type, target_id, target_name, dedupe_key, plan, evidence, incident_id, created_at)
         VALUES (?, ?, ?, 'proposed', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        tenantId,
        action.strategy,
        action.mode,
        action.target.type,
        action.target.id,
        action.target.name,
        action.dedupeKey,
        JSON.stringify(action.plan),
        JSON.stringify(action.evidence),
        action.incidentId,
        now,
      );
    return this.get(tenantId, id)!;
  }

  get(tenantId: string, actionId: string): StoredAction | null {
    const row = this.sqlite
      .prepare('SELECT * FROM guardian_actions WHERE tenant_id = ? AND id = ?')
      .get(tenantId, actionId) as ActionRow | undefined;
    return row ? toAction(row) : null;
  }

  list(tenantId: string, status: GuardianAction['status'] | undefined, limit: number): StoredAction[] {
    const rows = (
      status
        ? this.sqlite
            .prepare(
              'SELECT * FROM guardian_actions WHERE tenant_id = ? AND status = ? ORDER BY created_at DESC LIMIT ?',
            )
            .all(tenantId, status, limit)
        : this.sqlite
            .prepare('SELECT * FROM guardian_actions WHERE tenant_id = ? ORDER BY created_at DESC LIMIT ?')
            .all(tenantId, limit)
    ) as ActionRow[];
    return rows.map(toAction);
  }

  /** A proposal, or an applied action that can still be rolled back, for the same strategy and target. */
  active(tenantId: string, dedupeKey: string): StoredAction | null {
    const row = this.sqlite
      .prepare(
        `SELECT * FROM guardian_actions WHERE tenant_id = ? AND dedupe_key = ?
           AND (status = 'proposed' OR (status = 'applied' AND snapshot IS NOT NULL)) ORDER BY created_at DESC LIMIT 1`,
      )
      .get(tenantId, dedupeKey) as ActionRow | undefined;
    return row ? toAction(row) : null;
  }

  /** Actions applied automatically in the last hour for a strategy (the autonomy limit). */
  automaticSince(tenantId: string, strategy: Strategy, since: number): number {
    return (
      this.sqlite
        .prepare(
          `SELECT count(*) AS n FROM guardian_actions WHERE tenant_id = ? AND strategy = ? AND mode = 'automatic' AND applied_at >= ?`,
        )
        .get(tenantId, strategy, since) as { n: number }
    ).n;
  }

  pendingCount(tenantId: string): number {
    return (
      this.sqlite
        .prepare(`SELECT count(*) AS n FROM guardian_actions WHERE tenant_id = ? AND status = 'proposed'`)
        .get(tenantId) as { n: number }
    ).n;
  }

  update(
    tenantId: string,
    actionId: string,
    changes: Partial<{
      status: GuardianAction['status'];
      snapshot: unknown;
      outcome: string | null;
      outcomeMessage: Message | null;
      decidedBy: string | null;
      comment: string | null;
      decidedAt: number;
      appliedAt: number;
      rolledBackAt: number;
      incidentId: string | null;
    }>,
  ): StoredAction {
    const columns: Record<string, string> = {
      status: 'status',
      snapshot: 'snapshot',
      outcome: 'outcome',
      outcomeMessage: 'outcome_message',
      decidedBy: 'decided_by',
      comment: 'comment',
      decidedAt: 'decided_at',
      appliedAt: 'applied_at',
      rolledBackAt: 'rolled_back_at',
      incidentId: 'incident_id',
    };
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(changes)) {
      sets.push(`${columns[key]} = ?`);
      values.push(
        key === 'snapshot' || key === 'outcomeMessage'
          ? value === null
            ? null
            : JSON.stringify(value)
          : value,
      );
    }
    if (sets.length > 0)
      this.sqlite
        .prepare(`UPDATE guardian_actions SET ${sets.join(', ')} WHERE tenant_id = ? AND id = ?`)
        .run(...values, tenantId, actionId);
    return this.get(tenantId, actionId)!;
  }

  /** Applied pause actions whose agent may be probed (the half-open state of the circuit breaker). */
  pausedAgents(tenantId: string, appliedBefore: number): StoredAction[] {
    return (
      this.sqlite
        .prepare(
          `SELECT * FROM guardian_actions WHERE tenant_id = ? AND strategy = 'pause_agent' AND status = 'applied'
             AND snapshot IS NOT NULL AND applied_at <= ?`,
        )
        .all(tenantId, appliedBefore) as ActionRow[]
    ).map(toAction);
  }
}
