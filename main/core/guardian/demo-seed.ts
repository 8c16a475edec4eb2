import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import type { GuardianAction, GuardianCheck, Strategy } from '../../contract';
import type { Said } from '../lib/message';

/**
 * The Guardian's history for `mindframe demo` only: health samples at hour and day resolution and
 * past healing actions, written in bulk in one transaction. Nothing else calls this.
 */
export interface DemoHealthSample {
  at: number;
  resolution: 'minute' | 'hour' | 'day';
  score: number;
  checks: Record<string, { status: GuardianCheck['status']; value: number | null }>;
}

export interface DemoGuardianAction {
  strategy: Strategy;
  status: GuardianAction['status'];
  mode: GuardianAction['mode'];
  target: GuardianAction['target'];
  summary: Said;
  steps: Said[];
  evidence: GuardianCheck[];
  outcome: Said | null;
  decidedBy: string | null;
  comment: string | null;
  incidentId: string | null;
  createdAt: number;
  decidedAt: number | null;
  appliedAt: number | null;
  rolledBackAt: number | null;
  snapshot: unknown;
}

export function writeDemoHealthSamples(
  sqlite: Database.Database,
  tenantId: string,
  samples: readonly DemoHealthSample[],
): void {
  const insert = sqlite.prepare(
    'INSERT INTO health_samples (tenant_id, at, resolution, score, checks) VALUES (?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (const s of samples) insert.run(tenantId, s.at, s.resolution, s.score, JSON.stringify(s.checks));
  })();
}

export function writeDemoGuardianActions(
  sqlite: Database.Database,
  tenantId: string,
  actions: readonly DemoGuardianAction[],
): string[] {
  const insert = sqlite.prepare(
    `INSERT INTO guardian_actions (id, tenant_id, strategy, status, mode, target_type, target_id, target_name,
       dedupe_key, plan, evidence, snapshot, outcome, outcome_message, decided_by, comment, incident_id, created_at,
       decided_at, applied_at, rolled_back_at)
     VALUES (@id, @tenantId, @strategy, @status, @mode, @targetType, @targetId, @targetName, @dedupeKey, @plan,
       @evidence, @snapshot, @outcome, @outcomeMessage, @decidedBy, @comment, @incidentId, @createdAt, @decidedAt,
       @appliedAt, @rolledBackAt)`,
  );
  const ids: string[] = [];
  sqlite.transaction(() => {
    for (const a of actions) {
      const id = uuidv7(a.createdAt);
      const reason = a.evidence[0];
      insert.run({
        id,
        tenantId,
        strategy: a.strategy,
        status: a.status,
        mode: a.mode,
        targetType: a.target.type,
        targetId: a.target.id,
        targetName: a.target.name,
        dedupeKey: `${a.strategy}:${a.target.type}:${a.target.id ?? '-'}`,
        plan: JSON.stringify({
          summary: a.summary.text,
          steps: a.steps.map((s) => s.text),
          reason: reason?.text ?? '',
          messages: {
            summary: a.summary.message,
            steps: a.steps.map((s) => s.message),
            reason: reason?.message ?? a.summary.message,
          },
        }),
        evidence: JSON.stringify(a.evidence),
        snapshot: a.snapshot === undefined ? null : JSON.stringify(a.snapshot),
        outcome: a.outcome?.text ?? null,
        outcomeMessage: a.outcome ? JSON.stringify(a.outcome.message) : null,
        decidedBy: a.decidedBy,
        comment: a.comment,
        incidentId: a.incidentId,
        createdAt: a.createdAt,
        decidedAt: a.decidedAt,
        appliedAt: a.appliedAt,
        rolledBackAt: a.rolledBackAt,
      });
      ids.push(id);
    }
  })();
  return ids;
}
