import { z } from 'zod';
import { defineMethod } from '../define';
import { timestampSchema } from '../common';
import { channelKinds, languages } from '../vocabulary';

/**
 * Insight (issue 17): the tenant's events (fed by every domain through the core's `track()` port,
 * by `POST /api/v1/events` and by CSV import) and what is read from them: funnels, usage, the
 * conversations dashboard, searches and retention cohorts. Dashboards over more than a week read the
 * hourly rollups, never raw events. (The six-sigma, attribution and money calculations are in
 * insight-math.ts.)
 */

const eventName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.:-]{0,63}$/i, { message: 'Letters, digits and . _ : - (up to 64)' });

const propertyValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

/** One event of `POST /api/v1/events` (a batch item) or of a CSV import line. */
export const ingestEventSchema = z
  .object({
    /** The sender's id: an event whose id was seen before is counted as a duplicate and dropped. */
    id: z.string().trim().min(1).max(128).optional(),
    name: eventName,
    actor: z.string().trim().min(1).max(200),
    /** When it happened, ms since the epoch (now when absent). */
    at: timestampSchema.min(0).optional(),
    session: z.string().trim().min(1).max(200).optional(),
    source: z.string().trim().min(1).max(64).optional(),
    campaign: z.string().trim().min(1).max(200).optional(),
    properties: z
      .record(z.string().min(1).max(64), propertyValue)
      .refine((record) => Object.keys(record).length <= 50, {
        message: 'At most 50 properties',
        params: { reason: 'too_many', maximum: 50 },
      })
      .optional(),
  })
  .strict();
export type IngestEvent = z.infer<typeof ingestEventSchema>;

const rangeInput = {
  /** From (inclusive), ms since the epoch; default 30 days before `to`. */
  from: timestampSchema.optional(),
  /** To (exclusive), ms since the epoch; default now. */
  to: timestampSchema.optional(),
};

const funnelInput = z
  .object({
    steps: z.array(eventName).min(1).max(50),
    /** The conversion window from the first step, in seconds. */
    windowSeconds: z
      .number()
      .int()
      .min(1)
      .max(366 * 86_400),
    ...rangeInput,
    order: z.enum(['strict', 'loose']).optional(),
    /** Events that end a chain in progress (before the last step). */
    exclude: z.array(eventName).max(10).optional(),
    /** Breaks the funnel down by a property of the actor's first step (its most common values). */
    breakdown: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

const funnelStep = z.object({
  name: z.string(),
  count: z.number().int(),
  /** Share of the first step that reached this one, 0–1. */
  conversion: z.number().optional(),
  /** How many of the previous step did not reach this one. */
  dropOff: z.number().int().optional(),
});

export const funnelOutputSchema = z.object({
  steps: z.array(funnelStep),
  /** Median seconds from the first to the last step of those who completed it. */
  medianSecondsToConvert: z.number().nullable().optional(),
  breakdown: z
    .array(
      z.object({
        value: z.string(),
        steps: z.array(z.object({ name: z.string(), count: z.number().int() })),
      }),
    )
    .optional(),
});
export type FunnelOutput = z.infer<typeof funnelOutputSchema>;

const countRow = z.object({ key: z.string(), count: z.number().int() });

export const usageOutputSchema = z.object({
  from: timestampSchema,
  to: timestampSchema,
  /** Active actors on each day (UTC) of the range. */
  days: z.array(z.object({ day: timestampSchema, dau: z.number().int() })),
  /** Active actors on the last day, the last 7 and the last 30 days of the range. */
  dau: z.number().int(),
  wau: z.number().int(),
  mau: z.number().int(),
  /** Average DAU over the last 30 days ÷ MAU (0–1). */
  stickiness: z.number(),
  /** Events per name in the range (adoption per feature). */
  features: z.array(countRow),
  /** Finished runs per agent id in the range (adoption per agent). */
  agents: z.array(countRow),
});

const conversationFigures = z.object({
  conversations: z.number().int(),
  handoffs: z.number().int(),
  /** Answered without a person: share of the started conversations that were not handed off (0–1). */
  containment: z.number().nullable(),
  handoffRate: z.number().nullable(),
  /** Average seconds from the hand-off to a person's first reply. */
  firstResponseSeconds: z.number().nullable(),
  firstResponses: z.number().int(),
  ratingsUp: z.number().int(),
  ratingsDown: z.number().int(),
});

export const conversationsDashboardSchema = z.object({
  from: timestampSchema,
  to: timestampSchema,
  totals: conversationFigures,
  /** Per channel kind, per language, and per channel and language. */
  byChannel: z.array(conversationFigures.extend({ channel: z.string() })),
  byLanguage: z.array(conversationFigures.extend({ language: z.string() })),
  byChannelLanguage: z.array(conversationFigures.extend({ channel: z.string(), language: z.string() })),
  /** Per day (UTC): conversations, hand-offs and customers' messages per sentiment. */
  days: z.array(
    z.object({
      day: timestampSchema,
      conversations: z.number().int(),
      handoffs: z.number().int(),
      positive: z.number().int(),
      neutral: z.number().int(),
      negative: z.number().int(),
    }),
  ),
  /** Customers' messages per intent (most first). */
  intents: z.array(countRow),
  /**
   * With a channel and/or language asked for: the parts of `days` and `intents` that are not for it
   * (their rollups do not keep that dimension, so they count every conversation). Absent otherwise.
   */
  unfiltered: z.array(z.enum(['conversations', 'sentiment', 'intents'])).optional(),
});

export const searchesOutputSchema = z.object({
  top: z.array(z.object({ query: z.string(), count: z.number().int(), opened: z.number().int() })),
  zeroResults: z.array(z.object({ query: z.string(), count: z.number().int() })),
  total: z.number().int(),
  zeroResultShare: z.number().nullable(),
});

export const retentionOutputSchema = z.object({
  period: z.enum(['week', 'month']),
  mode: z.enum(['first_time', 'recurring']),
  cohorts: z.array(
    z.object({
      /** Start of the cohort's period (UTC; weeks start on Monday). */
      start: timestampSchema,
      size: z.number().int(),
      /** Actors who came back in interval 0, 1, 2 … after their own start event (Mixpanel's intervals). */
      retained: z.array(z.number().int()),
    }),
  ),
});

/** An imported line's or an ingested item's problem: where, which field, the reason. */
export const itemErrorSchema = z.object({
  /** The CSV line (1 = the header) or the batch's item index (from 0). */
  at: z.number().int(),
  field: z.string(),
  /** A reason of the contract's errorReasons (the app says it from errors.reasons.<reason>). */
  reason: z.string(),
  /** What the reason's sentence needs (a maximum …). */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

export const importPreviewSchema = z.object({
  columns: z.array(z.string()),
  /** The first rows as they will be stored. */
  rows: z.array(
    z.object({
      line: z.number().int(),
      name: z.string(),
      actor: z.string(),
      at: timestampSchema,
      properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    }),
  ),
  valid: z.number().int(),
  errors: z.array(itemErrorSchema),
});

const csvInput = z.object({ csv: z.string().min(1).max(20_000_000) }).strict();

export const insightMethods = {
  'insight.funnel': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'A window funnel over the tenant’s events: actors per step, drop-off and time to convert.',
    input: funnelInput,
    output: funnelOutputSchema,
  }),
  'insight.usage': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Daily, weekly and monthly active actors, stickiness, and adoption per feature and agent.',
    input: z.object(rangeInput).strict(),
    output: usageOutputSchema,
  }),
  'insight.conversations': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Conversations: volume, containment, hand-offs, first response, ratings, sentiment and intent.',
    input: z
      .object({
        ...rangeInput,
        /** Days and intents for this channel kind only (the totals and breakdowns stay whole). */
        channel: z.enum(channelKinds).optional(),
        /** Days and intents for this language only. */
        language: z.enum(languages).optional(),
      })
      .strict(),
    output: conversationsDashboardSchema,
  }),
  'insight.searches': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'The most asked and the zero-result searches of the command palette.',
    input: z.object({ ...rangeInput, limit: z.number().int().min(1).max(100).optional() }).strict(),
    output: searchesOutputSchema,
  }),
  'insight.retention': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'A cohort retention matrix (weekly or monthly, first-time or recurring).',
    input: z
      .object({
        period: z.enum(['week', 'month']),
        mode: z.enum(['first_time', 'recurring']),
        /** The event that puts an actor in a cohort; any event when absent. */
        startEvent: eventName.optional(),
        /** The event that counts as coming back; any event when absent. */
        returnEvent: eventName.optional(),
        ...rangeInput,
        /** Periods after the cohort's (default 8 weeks / 6 months). */
        periods: z.number().int().min(1).max(52).optional(),
      })
      .strict(),
    output: retentionOutputSchema,
  }),
  'insight.settings': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'How long the tenant’s raw events are kept.',
    input: z.object({}).strict(),
    output: z.object({ retentionDays: z.number().int() }),
  }),
  'insight.saveSettings': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Sets how long raw events are kept (rollups stay).',
    input: z.object({ retentionDays: z.number().int().min(7).max(3650) }).strict(),
    output: z.object({ retentionDays: z.number().int() }),
  }),
  'insight.importPreview': defineMethod({
    access: 'admin',
    mutation: false,
    summary:
      'Reads a CSV of events (name, actor, at, id, session, source, campaign, other columns as properties).',
    input: csvInput,
    output: importPreviewSchema,
  }),
  'insight.import': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Imports the valid lines of a CSV of events; lines with errors are skipped and listed.',
    input: csvInput,
    output: z.object({
      accepted: z.number().int(),
      duplicates: z.number().int(),
      rejected: z.number().int(),
      errors: z.array(itemErrorSchema),
    }),
  }),
};
