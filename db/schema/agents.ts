import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

const tenantId = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/** How often each marketplace template was deployed, per tenant ("most popular" sums them). */
export const templateUsage = sqliteTable(
  'template_usage',
  {
    tenantId: tenantId(),
    templateId: text('template_id').notNull(),
    count: integer('count').notNull().default(0),
    lastUsedAt: integer('last_used_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.templateId] })],
);

export const agents = sqliteTable(
  'agents',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    templateId: text('template_id'),
    status: text('status', { enum: ['draft', 'active', 'paused'] })
      .notNull()
      .default('draft'),
    currentVersion: integer('current_version').notNull().default(0),
    deployedVersion: integer('deployed_version'),
    /** JSON: { providerId, model } */
    primaryModel: text('primary_model').notNull(),
    /** JSON: [{ providerId, model }] */
    fallbackModels: text('fallback_models').notNull().default('[]'),
    /** JSON: { maxTokens, maxCostMicros } */
    budget: text('budget').notNull(),
    /** JSON array of knowledge collection ids the agent answers from; null: every collection (agents made before collections). */
    knowledgeCollections: text('knowledge_collections'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    lastRunAt: integer('last_run_at'),
  },
  (t) => [index('agents_tenant_idx').on(t.tenantId, t.updatedAt)],
);

export const agentVersions = sqliteTable(
  'agent_versions',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** The flow document as JSON. */
    flow: text('flow').notNull(),
    authorId: text('author_id'),
    authorName: text('author_name').notNull(),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('agent_versions_agent_number_idx').on(t.tenantId, t.agentId, t.number)],
);

export const agentRuns = sqliteTable(
  'agent_runs',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number'),
    status: text('status', {
      enum: ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'interrupted'],
    }).notNull(),
    trigger: text('trigger', { enum: ['chat', 'schedule', 'api', 'test'] }).notNull(),
    input: text('input').notNull(),
    replies: text('replies').notNull().default('[]'),
    /** JSON: what a parked run needs to resume (flow, variables, next nodes, counters). */
    state: text('state'),
    /** JSON: the unsaved flow a test run ran, so it can be replayed. */
    draftFlow: text('draft_flow'),
    waitingFor: text('waiting_for'),
    error: text('error'),
    /** JSON: why the run failed as a message ({ key, params }), beside its English in `error`. */
    errorMessage: text('error_message'),
    errorCode: text('error_code'),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costMicros: integer('cost_micros').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    index('agent_runs_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('agent_runs_tenant_agent_idx').on(t.tenantId, t.agentId, t.createdAt),
    index('agent_runs_status_idx').on(t.status),
  ],
);

export const runSteps = sqliteTable(
  'run_steps',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    runId: text('run_id')
      .notNull()
      .references(() => agentRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    nodeId: text('node_id').notNull(),
    nodeType: text('node_type').notNull(),
    label: text('label'),
    status: text('status', { enum: ['ok', 'error', 'waiting'] }).notNull(),
    input: text('input').notNull(),
    output: text('output').notNull(),
    error: text('error'),
    /** JSON: why the step failed as a message ({ key, params }), beside its English in `error`. */
    errorMessage: text('error_message'),
    startedAt: integer('started_at').notNull(),
    durationMs: real('duration_ms').notNull(),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costMicros: integer('cost_micros').notNull().default(0),
    model: text('model'),
    attempts: integer('attempts').notNull().default(1),
    notes: text('notes').notNull().default('[]'),
    /** JSON: the notes as messages ({ key, params }[]), beside their English in `notes`. */
    noteMessages: text('note_messages'),
  },
  (t) => [
    uniqueIndex('run_steps_run_seq_idx').on(t.tenantId, t.runId, t.seq),
    index('run_steps_tenant_started_idx').on(t.tenantId, t.startedAt),
  ],
);

/** Named groups of knowledge documents; each agent chooses the collections it answers from. */
export const knowledgeCollections = sqliteTable(
  'knowledge_collections',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('knowledge_collections_tenant_idx').on(t.tenantId, t.name)],
);

/** Documents searched by knowledge nodes; knowledge_fts (FTS5, in a migration) indexes them. */
export const knowledgeDocs = sqliteTable(
  'knowledge_docs',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    source: text('source').notNull().default('manual'),
    /** Null: not in a collection (documents from before collections). */
    collectionId: text('collection_id').references(() => knowledgeCollections.id, { onDelete: 'set null' }),
    /** Where it came from: a file name or a web address. */
    sourceName: text('source_name'),
    /** Starts at 1; each edit keeps the previous text in knowledge_doc_versions. */
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at'),
    updatedBy: text('updated_by'),
  },
  (t) => [
    index('knowledge_docs_tenant_idx').on(t.tenantId, t.createdAt),
    index('knowledge_docs_collection_idx').on(t.tenantId, t.collectionId),
  ],
);

/** Earlier texts of a knowledge document (its history). */
export const knowledgeDocVersions = sqliteTable(
  'knowledge_doc_versions',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    docId: text('doc_id')
      .notNull()
      .references(() => knowledgeDocs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Who wrote this version (name kept at the time). */
    authorId: text('author_id'),
    authorName: text('author_name'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('knowledge_doc_versions_doc_idx').on(t.tenantId, t.docId, t.version)],
);

/** Model providers; their API keys live in the SecretStore (OS keychain), never here. */
export const providers = sqliteTable(
  'providers',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    kind: text('kind', {
      enum: ['openai', 'azure', 'anthropic', 'gemini', 'ollama', 'lmstudio', 'compatible'],
    }).notNull(),
    name: text('name').notNull(),
    baseUrl: text('base_url'),
    models: text('models').notNull(),
    hasKey: integer('has_key', { mode: 'boolean' }).notNull().default(false),
    azureApiVersion: text('azure_api_version'),
    /** JSON: { at, ok, latencyMs, message } */
    lastTest: text('last_test'),
    /** Voice (issue 13): the model that turns customers' speech into text (`whisper-1` ...); null: none. */
    transcriptionModel: text('transcription_model'),
    /** The model that speaks the agent's replies (`tts-1` ...); null: the browser speaks them. */
    speechModel: text('speech_model'),
    /** The speech model's voice (`alloy` ...). */
    speechVoice: text('speech_voice'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('providers_tenant_idx').on(t.tenantId)],
);
