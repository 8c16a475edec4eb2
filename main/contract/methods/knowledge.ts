import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, idSchema, timestampSchema } from '../common';

export const knowledgeDocSchema = z.object({
  id: idSchema,
  title: z.string(),
  body: z.string(),
  source: z.string(),
  createdAt: timestampSchema,
});
export type KnowledgeDoc = z.infer<typeof knowledgeDocSchema>;

export const knowledgeMethods = {
  'knowledge.add': defineMethod({
    access: 'operator',
    mutation: true,
    summary: "Add a document to the tenant's knowledge base (searchable at once).",
    input: z
      .object({
        title: displayName({ max: 200 }),
        body: z.string().trim().min(1).max(200_000),
        source: z.string().trim().max(200).default('manual'),
      })
      .strict(),
    output: knowledgeDocSchema,
  }),
  'knowledge.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Documents of the knowledge base, newest first.',
    input: z
      .object({ limit: z.number().int().min(1).max(200).default(50), before: timestampSchema.optional() })
      .strict(),
    output: z.object({ docs: z.array(knowledgeDocSchema), nextBefore: timestampSchema.nullable() }),
  }),
  'knowledge.search': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Full-text search of the knowledge base, best first.',
    input: z
      .object({ q: z.string().trim().min(1).max(500), limit: z.number().int().min(1).max(50).default(10) })
      .strict(),
    output: z.object({
      hits: z.array(z.object({ id: idSchema, title: z.string(), snippet: z.string(), score: z.number() })),
    }),
  }),
  'knowledge.delete': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Remove a document from the knowledge base.',
    input: z.object({ docId: idSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
};
