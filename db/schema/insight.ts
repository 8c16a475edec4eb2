import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

/**
 * Insight (issue 17): a tenant-scoped event store shaped like Umami's (one row per event), hourly
 * rollups kept up to date at ingest (dashboards over more than a week read these, never raw rows),
 * and what the analytics need beside events: campaigns, costs, six-sigma measurements, report schedules.
 */

export const insightEvents = sqliteTable(
  'insight_events',
  {
    /** rowid: ingest appends, nothing looks an event up by a random id. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Who did it (a visitor id, a user id, an API key's caller id, a customer's e-mail hash …). */
    actor: text('actor').notNull(),
    session: text('session'),
    /** Where it came from: web, email, voice, api, app, import … */
    source: text('source'),
    campaign: text('campaign'),
    /** Epoch ms. */
    at: integer('at').notNull(),
    /** JSON object of typed properties (strings, numbers, booleans). */
    props: text('props'),
    /** The sender's optional id: a second event with the same id is dropped. */
    dedupeId: text('dedupe_id'),
  },
  (t) => [
    index('insight_events_tenant_at').on(t.tenantId, t.at),
    // by name and time, covering the actor: a funnel reads (actor, at) of a few event names without
    // touching the table's rows (it replaces the (tenant, name, at) index, so ingest writes no more)
    index('insight_events_funnel').on(t.tenantId, t.name, t.at, t.actor),
    uniqueIndex('insight_events_dedupe')
      .on(t.tenantId, t.dedupeId)
      .where(sql`dedupe_id IS NOT NULL`),
  ],
);

/** Counts per tenant, hour, event name and dimension value (dim '' value '' is the total). */
export const insightRollups = sqliteTable(
  'insight_rollups',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Start of the hour, epoch ms (UTC). */
    hour: integer('hour').notNull(),
    name: text('name').notNull(),
    dim: text('dim').notNull().default(''),
    value: text('value').notNull().default(''),
    count: integer('count').notNull().default(0),
    /** Sum of a numeric property when the event has one worth summing (value, cost, tokens …). */
    total: real('total').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name, t.dim, t.value, t.hour] })],
);

/** Who was active on which day (UTC): DAU/WAU/MAU and stickiness without reading raw events. */
export const insightActorDays = sqliteTable(
  'insight_actor_days',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Start of the day, epoch ms (UTC). */
    day: integer('day').notNull(),
    actor: text('actor').notNull(),
    /** The first time this actor was ever seen (for first-time vs recurring cohorts). */
    firstSeen: integer('first_seen').notNull(),
    events: integer('events').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.actor] })],
);

/** Marketing campaigns: channel, spend, dates, UTM tags. */
export const insightCampaigns = sqliteTable(
  'insight_campaigns',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    channel: text('channel').notNull(),
    /** Minor units of the tenant's currency. */
    spend: integer('spend').notNull().default(0),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('insight_campaigns_tenant').on(t.tenantId, t.startsAt)],
);

/** Costs a tenant (or the platform admin, in the installation's tenant) enters per month: hosting, people … */
export const insightCosts = sqliteTable(
  'insight_costs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** First day of the month, epoch ms (UTC). */
    month: integer('month').notNull(),
    category: text('category').notNull(),
    amount: integer('amount').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('insight_costs_tenant_month').on(t.tenantId, t.month)],
);

/** Measurements a tenant imports for its own six-sigma processes. */
export const insightMeasurements = sqliteTable(
  'insight_measurements',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    process: text('process').notNull(),
    at: integer('at').notNull(),
    value: real('value').notNull(),
  },
  (t) => [index('insight_measurements_process').on(t.tenantId, t.process, t.at)],
);

/** Scheduled e-mailed reports (weekly / monthly), each recipient in their own language. */
export const insightReports = sqliteTable(
  'insight_reports',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    dashboard: text('dashboard').notNull(),
    frequency: text('frequency', { enum: ['weekly', 'monthly'] }).notNull(),
    /** JSON array of user ids. */
    recipients: text('recipients').notNull(),
    /** JSON of the dashboard's filter values. */
    filters: text('filters').notNull().default('{}'),
    paper: text('paper', { enum: ['a4', 'letter'] })
      .notNull()
      .default('a4'),
    createdBy: text('created_by'),
    lastSentAt: integer('last_sent_at'),
    nextAt: integer('next_at').notNull(),
    createdAt: integer('created_at').notNull(),
    /** A paused schedule keeps its settings and sends nothing. */
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    index('insight_reports_tenant').on(t.tenantId, t.nextAt),
    index('insight_reports_due').on(t.nextAt),
  ],
);

/**
 * Six-sigma processes: measured from the platform's own data (answered without a person, first
 * response within SLA, API latency) or from measurements the tenant imports, each with its spec
 * limits and the control-chart rules that turn a firing into a Guardian signal.
 */
export const insightProcesses = sqliteTable(
  'insight_processes',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** contained | first_response_sla | api_latency | imported */
    kind: text('kind').notNull(),
    /** The unit measurements are in (ms, %, minutes …); free text, shown as written. */
    unit: text('unit').notNull().default(''),
    usl: real('usl'),
    lsl: real('lsl'),
    target: real('target'),
    opportunitiesPerUnit: integer('opportunities_per_unit').notNull().default(1),
    /** western_electric | nelson */
    rules: text('rules').notNull().default('western_electric'),
    /** one_tailed (with the conventional 1.5σ shift) | two_tailed */
    sigmaConvention: text('sigma_convention').notNull().default('one_tailed'),
    /** A rule firing becomes a Guardian signal. */
    signalGuardian: integer('signal_guardian', { mode: 'boolean' }).notNull().default(true),
    /** The last point index that already raised a signal (no second signal for the same firing). */
    lastSignalAt: integer('last_signal_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('insight_processes_tenant_name').on(t.tenantId, t.name)],
);
