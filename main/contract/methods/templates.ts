import { z } from 'zod';
import { defineMethod } from '../define';
import { flowSchema } from '../flow';
import { businessDetails, languages, templateCategories, templateMatchMethods } from '../vocabulary';

export const languageSchema = z.enum(languages);

/** A text in each of the app's languages. */
export const localizedSchema = z.object({ en: z.string(), nl: z.string(), nb: z.string() }).strict();
export type Localized = z.infer<typeof localizedSchema>;

export const templateCategorySchema = z.enum(templateCategories);

export const templateSummarySchema = z.object({
  id: z.string(),
  category: templateCategorySchema,
  name: localizedSchema,
  description: localizedSchema,
  tags: z.array(z.string()),
  /** A lucide icon name. */
  icon: z.string(),
  nodeCount: z.number().int(),
  /** Agents created from this template, over every tenant of this installation. */
  usageCount: z.number().int(),
  /** The business's details the template's prompts, replies and sample knowledge use ({{business.*}}). */
  usesBusinessDetails: z.array(z.enum(businessDetails)),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

/** One turn of a template's test conversation: what a customer says and what the answer must show. */
export const testTurnSchema = z
  .object({
    language: languageSchema,
    user: z.string(),
    expectIntent: z.string().optional(),
    /**
     * Every one of these must appear in the replies (case-insensitive); {{business.*}} in them is the
     * test's business profile.
     */
    expectReplyContains: z.array(z.string()).default([]),
  })
  .strict();

/** A template as shipped in assets/templates/<id>.json. */
export const templateFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    category: templateCategorySchema,
    name: localizedSchema,
    description: localizedSchema,
    tags: z.array(z.string()),
    icon: z.string(),
    flow: flowSchema,
    knowledge: z.array(z.object({ title: z.string(), body: z.string() }).strict()),
    testConversation: z.array(testTurnSchema).min(1),
  })
  .strict();
export type TemplateFile = z.infer<typeof templateFileSchema>;

export const templatesMethods = {
  'templates.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Marketplace templates, filtered by text and category, with usage counts.',
    input: z
      .object({ q: z.string().trim().max(200).optional(), category: templateCategorySchema.optional() })
      .strict(),
    output: z.object({
      templates: z.array(templateSummarySchema),
      categories: z.array(z.object({ id: templateCategorySchema, count: z.number().int() })),
    }),
  }),
  'templates.get': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'One template with its flow, sample knowledge and test conversation.',
    input: z.object({ templateId: z.string().max(100) }).strict(),
    output: z.object({
      template: templateSummarySchema,
      flow: flowSchema,
      knowledge: z.array(z.object({ title: z.string(), body: z.string() })),
      testConversation: z.array(testTurnSchema),
    }),
  }),
  'templates.match': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Rank templates for a need described in plain words (works offline).',
    input: z
      .object({ need: z.string().trim().min(3).max(1000), language: languageSchema.optional() })
      .strict(),
    output: z.object({
      matches: z.array(
        z.object({
          template: templateSummarySchema,
          /** 0–1, relative to the best match. */
          score: z.number(),
          /** Words of the need that the template matched on. */
          matchedTerms: z.array(z.string()),
        }),
      ),
      method: z.enum(templateMatchMethods),
    }),
  }),
};
