import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, idSchema } from '../common';
import { currencies } from '../vocabulary';
import { attributionModels } from './insight-math';

const attributionModelSchema = z.enum(attributionModels);

/**
 * Marketing intelligence (issue 17, section 5): a tenant's campaigns (channel, spend, dates, UTM
 * tags), the web channel's visitors → conversations → leads → customers, and attribution of the
 * customers' revenue over the touches that led to them, per channel and per campaign, with ROI and
 * ROAS. Money in minor units of the tenant's currency.
 */

const epochMs = z.number().int().min(0).max(8.64e15);

/** A UTM tag as kept and matched: trimmed, lower-cased, at most 100 characters; blank is none. */
export const utmTagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(100)
  .transform((value) => (value === '' ? null : value))
  .nullable();

export const insightCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The marketing channel, as the tenant names it (paid_search, social, email …), lower-case. */
  channel: z.string(),
  /** Minor units of the tenant's currency. */
  spend: z.number().int(),
  startsAt: z.number().int(),
  /** Null: still running. */
  endsAt: z.number().int().nullable(),
  utmSource: z.string().nullable(),
  utmMedium: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  createdAt: z.number().int(),
});

const saveCampaignInput = z
  .object({
    id: idSchema.optional(),
    name: displayName({ max: 120 }),
    channel: z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .max(60)
      .regex(/^[\p{L}\p{N}_ .-]+$/u, { message: 'A channel is letters, digits, space, _ . or -' }),
    spend: z.number().int().min(0).max(1e12),
    startsAt: epochMs,
    endsAt: epochMs.nullable().optional(),
    utmSource: utmTagSchema.optional(),
    utmMedium: utmTagSchema.optional(),
    utmCampaign: utmTagSchema.optional(),
  })
  .strict()
  .refine((c) => c.endsAt === undefined || c.endsAt === null || c.endsAt >= c.startsAt, {
    message: 'A campaign ends after it starts',
    path: ['endsAt'],
  });

const marketingInput = z
  .object({
    from: epochMs.optional(),
    to: epochMs.optional(),
    model: attributionModelSchema,
    halfLifeDays: z.number().positive().max(365).optional(),
    lookbackDays: z.number().int().min(1).max(365).optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from < r.to, {
    message: 'The range ends after it starts',
    path: ['to'],
  });

const ratio = z.number().nullable();

/** One row of the per-channel or per-campaign table. */
export const insightMarketingRowSchema = z.object({
  /** The channel's name, or the campaign's id (null: touches that matched no campaign). */
  key: z.string().nullable(),
  /** The campaign's name (the channel's name for a channel row). */
  name: z.string(),
  channel: z.string(),
  /** Web touches (a page with UTM tags or a referrer that opened the widget). */
  touches: z.number().int(),
  /** Distinct visitors with a touch. */
  visitors: z.number().int(),
  /** Of those visitors: how many had a conversation, left contact details (lead), became customers. */
  conversations: z.number().int(),
  leads: z.number().int(),
  customers: z.number().int(),
  /** Conversions credited by the model (fractions of customers, two decimals). */
  conversions: z.number(),
  /** Revenue credited by the model, minor units. */
  revenue: z.number(),
  /** Campaign spend prorated to the range, minor units. */
  spend: z.number(),
  /** (revenue − spend) ÷ spend; null when spend is 0. */
  roi: ratio,
  /** revenue ÷ spend; null when spend is 0. */
  roas: ratio,
});

export const insightMarketingOutputSchema = z.object({
  currency: z.enum(currencies),
  from: z.number().int(),
  to: z.number().int(),
  model: attributionModelSchema,
  halfLifeDays: z.number(),
  lookbackDays: z.number().int(),
  /** Visitors (with a touch in the range) → conversation → lead → customer, each a subset of the step before. */
  funnel: z.object({
    visitors: z.number().int(),
    conversations: z.number().int(),
    leads: z.number().int(),
    customers: z.number().int(),
  }),
  /** Conversions in the range, all of them (with or without a touch in the lookback window). */
  totals: z.object({
    conversions: z.number().int(),
    revenue: z.number(),
    /** Conversions without any touch in the lookback window (credited to nobody). */
    unattributed: z.number().int(),
    spend: z.number(),
  }),
  channels: z.array(insightMarketingRowSchema),
  campaigns: z.array(insightMarketingRowSchema),
});

export const insightMarketingMethods = {
  'insight.campaigns': defineMethod({
    input: z.object({}).strict(),
    output: z.object({ campaigns: z.array(insightCampaignSchema) }),
    access: 'viewer',
    mutation: false,
    summary: "The organisation's marketing campaigns, newest start first.",
  }),
  'insight.saveCampaign': defineMethod({
    input: saveCampaignInput,
    output: insightCampaignSchema,
    access: 'admin',
    mutation: true,
    summary: 'Adds or changes a marketing campaign (channel, spend, dates, UTM tags).',
  }),
  'insight.deleteCampaign': defineMethod({
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ deleted: z.boolean() }),
    access: 'admin',
    mutation: true,
    summary: 'Deletes a marketing campaign.',
  }),
  'insight.marketing': defineMethod({
    input: marketingInput,
    output: insightMarketingOutputSchema,
    access: 'viewer',
    mutation: false,
    summary:
      'Web visitors → conversations → leads → customers, and revenue attributed per channel and campaign with ROI and ROAS.',
  }),
};
