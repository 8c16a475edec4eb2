import { sqliteTable, text, integer, real, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

const tenantId = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/** Score history: a sample a minute, rolled up into hours after a day and into days after a month. */
export const healthSamples = sqliteTable(
  'health_samples',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    at: integer('at').notNull(),
    resolution: text('resolution', { enum: ['minute', 'hour', 'day'] }).notNull(),
    score: real('score').notNull(),
    /** JSON: { [checkId]: { status, value } } */
    checks: text('checks').notNull(),
  },
  (t) => [index('health_samples_tenant_idx').on(t.tenantId, t.resolution, t.at)],
);

export const guardianActions = sqliteTable(
  'guardian_actions',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    strategy: text('strategy').notNull(),
    status: text('status', {
      enum: ['proposed', 'rejected', 'applied', 'failed', 'rolled_back', 'expired'],
    }).notNull(),
    mode: text('mode', { enum: ['ask', 'automatic'] }).notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    targetName: text('target_name').notNull(),
    /** Same strategy on the same target: at most one proposal or active action at a time. */
    dedupeKey: text('dedupe_key').notNull(),
    plan: text('plan').notNull(),
    evidence: text('evidence').notNull(),
    /** JSON: what rollback() needs. Null once it is no longer valid. */
    snapshot: text('snapshot'),
    outcome: text('outcome'),
    /** JSON: the outcome as a message ({ key, params }) for the UI; null on rows from before messages. */
    outcomeMessage: text('outcome_message'),
    decidedBy: text('decided_by'),
    comment: text('comment'),
    incidentId: text('incident_id'),
    createdAt: integer('created_at').notNull(),
    decidedAt: integer('decided_at'),
    appliedAt: integer('applied_at'),
    rolledBackAt: integer('rolled_back_at'),
  },
  (t) => [
    index('guardian_actions_tenant_idx').on(t.tenantId, t.createdAt),
    index('guardian_actions_dedupe_idx').on(t.tenantId, t.dedupeKey, t.status),
  ],
);

export const guardianAutonomy = sqliteTable(
  'guardian_autonomy',
  {
    tenantId: tenantId(),
    strategy: text('strategy').notNull(),
    mode: text('mode', { enum: ['off', 'ask', 'automatic'] }).notNull(),
    maxPerHour: integer('max_per_hour').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.strategy] })],
);

export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /**
     * JSON: the title and description as messages ({ key, params }) when the core wrote them (a
     * Guardian incident); null when a person wrote them, or on rows from before messages.
     */
    titleMessage: text('title_message'),
    descriptionMessage: text('description_message'),
    severity: text('severity', { enum: ['SEV1', 'SEV2', 'SEV3', 'SEV4'] }).notNull(),
    status: text('status', { enum: ['open', 'acknowledged', 'mitigated', 'resolved', 'closed'] }).notNull(),
    source: text('source', { enum: ['manual', 'guardian'] }).notNull(),
    /** Guardian incidents: one open incident per check and target. */
    dedupeKey: text('dedupe_key'),
    assigneeId: text('assignee_id'),
    createdAt: integer('created_at').notNull(),
    acknowledgedAt: integer('acknowledged_at'),
    mitigatedAt: integer('mitigated_at'),
    resolvedAt: integer('resolved_at'),
    closedAt: integer('closed_at'),
    ackDueAt: integer('ack_due_at').notNull(),
    resolveDueAt: integer('resolve_due_at').notNull(),
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** JSON: { summary, impact, rootCause, actions } */
    postmortem: text('postmortem'),
    /** JSON of what the signal that opened it carries to be drawn on the incident (e.g. a control chart). */
    attachment: text('attachment'),
  },
  (t) => [
    uniqueIndex('incidents_tenant_number_idx').on(t.tenantId, t.number),
    index('incidents_tenant_status_idx').on(t.tenantId, t.status),
    index('incidents_tenant_dedupe_idx').on(t.tenantId, t.dedupeKey),
  ],
);

export const incidentEvents = sqliteTable(
  'incident_events',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    kind: text('kind').notNull(),
    actorName: text('actor_name').notNull(),
    text: text('text').notNull(),
    /** JSON: the entry as a message ({ key, params }) when the core wrote it; null for a person's note. */
    message: text('message'),
    guardianActionId: text('guardian_action_id'),
  },
  (t) => [index('incident_events_incident_idx').on(t.tenantId, t.incidentId, t.at)],
);

export const notifyRules = sqliteTable(
  'notify_rules',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    events: text('events').notNull(),
    minSeverity: text('min_severity').notNull(),
    desktop: integer('desktop', { mode: 'boolean' }).notNull(),
    emails: text('emails').notNull(),
    webhookUrl: text('webhook_url'),
    webhookSigned: integer('webhook_signed', { mode: 'boolean' }).notNull().default(false),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('notify_rules_tenant_idx').on(t.tenantId)],
);

/** Errors of the whole installation grouped by fingerprint (not tenant data: no tenant_id). */
export const errorGroups = sqliteTable('error_groups', {
  fingerprint: text('fingerprint').primaryKey(),
  name: text('name').notNull(),
  message: text('message').notNull(),
  module: text('module').notNull(),
  count: integer('count').notNull(),
  firstSeen: integer('first_seen').notNull(),
  lastSeen: integer('last_seen').notNull(),
  stack: text('stack'),
});
