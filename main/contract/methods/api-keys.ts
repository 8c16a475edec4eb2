import { z } from 'zod';
import { defineMethod } from '../define';
import { jsonRecordSchema } from '../json-depth';
import { displayName, emptyInput, idSchema, timestampSchema } from '../common';
import { apiKeyScopes, apiKeyStatuses, customEventLevels, type ApiKeyScope } from '../vocabulary';
import { itemErrorSchema } from './insight';

/** What an API key may do. Each scope allows exactly the methods listed in `apiKeyScopeMethods`. */
export const apiKeyScopeSchema = z.enum(apiKeyScopes);

/** The contract methods an API key with a scope may call; anything else is FORBIDDEN for a key. */
export const apiKeyScopeMethods: Readonly<Record<ApiKeyScope, readonly string[]>> = {
  'agents:run': ['agents.run'],
  'agents:read': ['agents.list', 'agents.get'],
  'runs:read': ['runs.list', 'runs.get'],
  'analytics:read': [
    'analytics.summary',
    'runs.costs',
    'insight.sigma',
    'insight.capability',
    'insight.controlChart',
    'insight.attribution',
  ],
  'events:write': ['events.ingest'],
  'logs:read': ['logs.query'],
  'search:read': ['knowledge.search'],
};

/** Rotation keeps the old key working this long by default, and at most a week. */
export const apiKeyDefaultGraceHours = 24;
export const apiKeyMaxGraceHours = 7 * 24;

export const apiKeyStatusSchema = z.enum(apiKeyStatuses);

export const apiKeySummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The public part of the key (`mf_live_<id>`), to recognise it; the secret is never shown again. */
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  status: apiKeyStatusSchema,
  rateLimitPerMinute: z.number().int().nullable(),
  createdAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
  /** A rotated key works until then. */
  graceUntil: timestampSchema.nullable(),
  replacedBy: idSchema.nullable(),
  lastUsedAt: timestampSchema.nullable(),
  lastUsedIp: z.string().nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;

const keyIdInput = z.object({ keyId: idSchema }).strict();
const scopesSchema = z
  .array(apiKeyScopeSchema)
  .min(1, { message: 'Choose at least one scope' })
  .max(apiKeyScopes.length)
  .refine((list) => new Set(list).size === list.length, {
    message: 'Scopes must not repeat',
    params: { reason: 'duplicate_entries' },
  });

/**
 * What another system sends over `POST /api/v1/events`: a batch `{ events: [...] }` of up to 1,000
 * insight events (`{ id?, name, actor, at?, session?, source?, campaign?, properties? }`, each checked
 * on its own: a wrong item is rejected and named, the others are stored), or the older single custom
 * event `{ type, level?, message?, data? }` (stored as an event named `type`, and a line in the
 * tenant's log).
 */
export const customEventInputSchema = z
  .object({
    /** e.g. "order.created" (the single-event shape) */
    type: z
      .string()
      .regex(/^[a-z][a-z0-9_.:-]{0,63}$/i, { message: 'Letters, digits and . _ : - (up to 64)' })
      .optional(),
    level: z.enum(customEventLevels).default('info'),
    message: z.string().trim().max(500).optional(),
    data: z
      .record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
      .refine((record) => Object.keys(record).length <= 20, {
        message: 'At most 20 fields',
        params: { reason: 'too_many', maximum: 20 },
      })
      .optional(),
    /** The batch shape: up to 1,000 events, each `{ id?, name, actor, at?, properties? }`. */
    events: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .max(1000, { message: 'At most 1,000 events per request' })
      .optional(),
  })
  .strict()
  .refine((body) => (body.type === undefined) !== (body.events === undefined), {
    message: 'Send either events (a batch) or type (one event)',
    path: ['events'],
    params: { reason: 'required' },
  });

export const eventsIngestOutputSchema = z.object({
  /** The single-event shape: the event's id and type. */
  id: idSchema.optional(),
  type: z.string().optional(),
  receivedAt: timestampSchema,
  /** Events stored now. */
  accepted: z.number().int(),
  /** Events whose id was seen before (not stored again, not counted twice). */
  duplicates: z.number().int(),
  /** Items that were not valid (see errors). */
  rejected: z.number().int(),
  /** What was wrong with each rejected item: its index in `events`, the field and the reason. */
  errors: z.array(itemErrorSchema),
});

export const analyticsSummarySchema = z.object({
  from: timestampSchema.nullable(),
  to: timestampSchema.nullable(),
  runs: z.object({
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    active: z.number().int(),
    other: z.number().int(),
  }),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costMicros: z.number().int(),
  agents: z.array(
    z.object({
      agentId: idSchema,
      agentName: z.string(),
      runs: z.number().int(),
      costMicros: z.number().int(),
    }),
  ),
});
export type AnalyticsSummary = z.infer<typeof analyticsSummarySchema>;

export const apiKeysMethods = {
  'apiKeys.list': defineMethod({
    access: 'admin',
    mutation: false,
    summary: "The tenant's API keys, without their secrets.",
    input: emptyInput,
    output: z.object({ keys: z.array(apiKeySummarySchema) }),
  }),
  'apiKeys.create': defineMethod({
    capability: 'api',
    access: 'admin',
    mutation: true,
    summary: 'Create an API key; the key is in the answer once and never again.',
    input: z
      .object({
        name: displayName({ max: 100 }),
        scopes: scopesSchema,
        /** Days until it stops working; none for a key that does not expire. */
        expiresInDays: z.number().int().min(1).max(3650).optional(),
        rateLimitPerMinute: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict(),
    output: z.object({ key: apiKeySummarySchema, secret: z.string() }),
  }),
  'apiKeys.rotate': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Replace a key with a new one; the old one keeps working for the grace period.',
    input: z
      .object({
        keyId: idSchema,
        graceHours: z.number().int().min(0).max(apiKeyMaxGraceHours).default(apiKeyDefaultGraceHours),
      })
      .strict(),
    output: z.object({ key: apiKeySummarySchema, secret: z.string(), previous: apiKeySummarySchema }),
  }),
  'apiKeys.revoke': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Stop a key from working, at once.',
    input: keyIdInput,
    output: z.object({ key: apiKeySummarySchema }),
  }),
  'analytics.summary': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Runs by outcome, tokens and cost, in total and per agent.',
    input: z.object({ from: timestampSchema.optional(), to: timestampSchema.optional() }).strict(),
    output: analyticsSummarySchema,
  }),
  'events.ingest': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Records events from another system (a batch of up to 1,000, or one custom event).',
    input: customEventInputSchema,
    output: eventsIngestOutputSchema,
  }),
};

/** The body of `POST /api/v1/agents/{id}/runs`: a message and data, or the run input itself. */
export const restRunBodySchema = z
  .object({
    message: z.string().max(20_000).optional(),
    data: jsonRecordSchema.optional(),
    input: jsonRecordSchema.optional(),
    wait: z.boolean().optional(),
  })
  .strict();
