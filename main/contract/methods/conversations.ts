import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput, idSchema, timestampSchema } from '../common';
import {
  channelKinds,
  conversationRatings,
  conversationRoles,
  conversationStatuses,
  languages,
  sentiments,
} from '../vocabulary';

/**
 * Conversations: a thread per customer per channel (issue 13). Customers' messages come in through
 * a channel's transport (website chat, e-mail, voice); each runs the channel's deployed agent, whose
 * turns keep their runId. People read them here; the hand-off inbox builds on the same rows.
 */

export const conversationStatusSchema = z.enum(conversationStatuses);
export const sentimentSchema = z.enum(sentiments);
export const conversationRatingSchema = z.enum(conversationRatings);

export const conversationMessageSchema = z.object({
  id: idSchema,
  role: z.enum(conversationRoles),
  text: z.string(),
  /** The run that produced an agent turn (its trace is at #/runs/<runId>). */
  runId: idSchema.nullable(),
  /** For customer messages: what the customer wants (the flow's intent node), when the flow has one. */
  intent: z.string().nullable(),
  sentiment: sentimentSchema.nullable(),
  /** The lexicon score behind `sentiment` (AFINN-style: below 0 negative, above 0 positive). */
  sentimentScore: z.number().nullable(),
  language: z.enum(languages).nullable(),
  /** Transport details (a voice turn's transcript and duration, an e-mail's Message-ID ...). */
  meta: z.record(z.string(), z.unknown()).nullable(),
  createdAt: timestampSchema,
});
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;

export const conversationSummarySchema = z.object({
  id: idSchema,
  channelId: idSchema.nullable(),
  channelName: z.string().nullable(),
  channelKind: z.enum(channelKinds),
  agentId: idSchema.nullable(),
  agentName: z.string().nullable(),
  status: conversationStatusSchema,
  language: z.enum(languages).nullable(),
  /** Intent of the latest customer message that had one. */
  intent: z.string().nullable(),
  /** Sentiment of the latest customer message. */
  sentiment: sentimentSchema.nullable(),
  rating: conversationRatingSchema.nullable(),
  /** Who the customer is, as far as the transport knows (an e-mail address); null for a website visitor. */
  contact: z.string().nullable(),
  /** The first words of the latest message, for lists. */
  preview: z.string(),
  messageCount: z.number().int(),
  /** Whether a person ever answered (hand-off); "answered without a person" counts those without. */
  personAnswered: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  closedAt: timestampSchema.nullable(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

/** Filters of the conversations list and its CSV export. */
export const conversationFilterSchema = z
  .object({
    channelId: idSchema.optional(),
    /** Every channel of a kind (web, email …), as insight counts them; deleted channels' too. */
    channelKind: z.enum(channelKinds).optional(),
    agentId: idSchema.optional(),
    status: conversationStatusSchema.optional(),
    language: z.enum(languages).optional(),
    intent: z.string().trim().min(1).max(100).optional(),
    sentiment: sentimentSchema.optional(),
    rating: z.union([conversationRatingSchema, z.literal('none')]).optional(),
    /** Last activity from (inclusive) and to (exclusive). */
    from: timestampSchema.optional(),
    to: timestampSchema.optional(),
  })
  .strict();
export type ConversationFilter = z.infer<typeof conversationFilterSchema>;

export const conversationSettingsSchema = z.object({
  /** Conversations whose last message is older than this many days are deleted; null keeps them. */
  retentionDays: z.number().int().min(1).max(3650).nullable(),
});
export type ConversationSettings = z.infer<typeof conversationSettingsSchema>;

export const conversationStatsSchema = z.object({
  /** Conversations started since `since`. */
  started: z.number().int(),
  /** Of those, how many a person never had to answer. */
  answeredWithoutPerson: z.number().int(),
  /** Rated ones and their share of thumbs up (null when none was rated). */
  rated: z.number().int(),
  averageRating: z.number().min(0).max(1).nullable(),
  /** Waiting for a person now (any age). */
  waitingForPerson: z.number().int(),
});
export type ConversationStats = z.infer<typeof conversationStatsSchema>;

const conversationIdInput = z.object({ conversationId: idSchema }).strict();

export const conversationsMethods = {
  'conversations.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary:
      'Conversations, latest activity first, filtered by channel or channel kind, status, language, intent, sentiment, rating and date.',
    input: conversationFilterSchema
      .extend({
        before: timestampSchema.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ items: z.array(conversationSummarySchema), nextBefore: timestampSchema.nullable() }),
  }),
  'conversations.get': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'One conversation with its messages (each agent turn linked to its run).',
    input: conversationIdInput,
    output: z.object({
      conversation: conversationSummarySchema,
      messages: z.array(conversationMessageSchema),
    }),
  }),
  'conversations.setStatus': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Move a conversation: open, waiting for a person, or closed.',
    input: z.object({ conversationId: idSchema, status: conversationStatusSchema }).strict(),
    output: conversationSummarySchema,
  }),
  'conversations.delete': defineMethod({
    access: 'admin',
    mutation: true,
    summary: "Delete a conversation and all its messages (a customer's request to be forgotten).",
    input: conversationIdInput,
    output: z.object({ ok: z.literal(true) }),
  }),
  'conversations.export': defineMethod({
    access: 'admin',
    /** An export of customers' words is recorded in the audit log (and needs the CSRF token). */
    mutation: true,
    summary: 'The conversations matching the filters, as CSV (one line per message).',
    input: conversationFilterSchema,
    output: z.object({ csv: z.string(), conversations: z.number().int(), messages: z.number().int() }),
  }),
  'conversations.stats': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Conversations started since a moment, answered without a person, average rating.',
    input: z.object({ since: timestampSchema }).strict(),
    output: conversationStatsSchema,
  }),
  'conversations.settings': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'How long conversations are kept.',
    input: emptyInput,
    output: conversationSettingsSchema,
  }),
  'conversations.saveSettings': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Set how long conversations are kept (older ones are deleted by the daily sweep).',
    input: conversationSettingsSchema.strict(),
    output: conversationSettingsSchema,
  }),
};
