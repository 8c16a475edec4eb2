import { z } from 'zod';
import { budgetSchema, flowSchema, messageSchema, modelRefSchema, postmortemSchema } from '../../../contract';
import type { CellValue } from './format';

type Row = Record<string, CellValue>;

/**
 * Secrets live in the SecretStore of an installation (keyed by tenant and row), never in the
 * database, so none is in an export. What the rows say about them would be untrue after an import,
 * so those flags are cleared on the way out and again on the way in (a file is not trusted to
 * claim a key): the provider then asks for its API key again, like one saved without a key.
 */
export function clearSecretFlags(table: string, row: Row): void {
  switch (table) {
    case 'providers':
      if ('has_key' in row) row.has_key = 0;
      break;
    case 'notify_rules':
      // the webhook signing secret stays behind; the rule sends unsigned until it is set again
      if ('webhook_signed' in row) row.webhook_signed = 0;
      break;
    case 'settings':
      if (row.key === 'notify.smtp' && typeof row.value === 'string')
        row.value = withoutSmtpPassword(row.value);
      break;
    case 'guardian_actions':
      // what a rollback needs refers to this installation's state; it is not valid elsewhere
      if ('snapshot' in row) row.snapshot = null;
      break;
  }
}

function withoutSmtpPassword(value: string): string {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return JSON.stringify({ ...parsed, hasPassword: false });
  } catch {
    // not JSON: the import's JSON check reports it
  }
  return value;
}

/** Runs that were in progress where the tenant was exported cannot continue here. */
export function interruptUnfinishedRun(row: Row, now: number): void {
  if (row.status !== 'queued' && row.status !== 'running') return;
  row.status = 'interrupted';
  row.error_code = 'interrupted';
  row.error = 'This run was in progress when its organisation was exported.';
  row.error_message = JSON.stringify({ key: 'runs.error.exported' });
  row.state = null;
  row.finished_at = now;
}

const anyJson = z.unknown();
const jsonObject = z.record(z.string(), z.unknown());

/**
 * Columns that hold JSON, with the shape the app reads them as where the contract has one. A file
 * is checked against these before anything is written, so an imported row cannot break a page.
 */
export const jsonColumns: Readonly<Record<string, Readonly<Record<string, z.ZodType>>>> = {
  agents: {
    primary_model: modelRefSchema,
    fallback_models: z.array(modelRefSchema).max(20),
    budget: budgetSchema,
  },
  agent_versions: { flow: flowSchema },
  agent_runs: {
    input: anyJson,
    replies: anyJson,
    state: anyJson,
    waiting_for: anyJson,
    draft_flow: flowSchema,
    error_message: messageSchema,
  },
  run_steps: {
    input: anyJson,
    output: anyJson,
    notes: anyJson,
    note_messages: z.array(messageSchema),
    error_message: messageSchema,
  },
  providers: { models: z.array(z.string().max(200)).max(50), last_test: anyJson },
  guardian_actions: {
    plan: jsonObject,
    evidence: anyJson,
    snapshot: anyJson,
    outcome_message: messageSchema,
  },
  health_samples: { checks: jsonObject },
  incidents: {
    postmortem: postmortemSchema,
    title_message: messageSchema,
    description_message: messageSchema,
  },
  incident_events: { message: messageSchema },
  notify_rules: { events: z.array(z.string()), emails: z.array(z.string()) },
  audit_log: { details: jsonObject },
  settings: { value: anyJson },
};

/** Why a JSON cell is not acceptable, or null when it is. */
export function jsonProblem(table: string, column: string, value: CellValue): string | null {
  const shape = jsonColumns[table]?.[column];
  if (!shape || value === null) return null;
  if (typeof value !== 'string') return 'must be JSON text';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'is not valid JSON';
  }
  const result = shape.safeParse(parsed);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return `does not have the expected shape${where}`;
}
