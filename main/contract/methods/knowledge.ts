import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, idSchema, timestampSchema } from '../common';

export const knowledgeDocSchema = z.object({
  id: idSchema,
  title: z.string(),
  body: z.string(),
  /** How it came in: manual, pdf, docx, url, csv, or a template's source. */
  source: z.string(),
  /** Null: not in a collection (documents from before collections). */
  collectionId: idSchema.nullable(),
  /** The file name or web address it was imported from. */
  sourceName: z.string().nullable(),
  /** 1 for a document never edited; each edit adds one and keeps the previous text as history. */
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema.nullable(),
  /** Name of who last edited it. */
  updatedBy: z.string().nullable(),
});
export type KnowledgeDoc = z.infer<typeof knowledgeDocSchema>;

export const knowledgeCollectionSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  docCount: z.number().int(),
  /** Characters of text in its documents. */
  size: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type KnowledgeCollection = z.infer<typeof knowledgeCollectionSchema>;

export const knowledgeVersionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  authorName: z.string().nullable(),
  createdAt: timestampSchema,
});
export type KnowledgeVersion = z.infer<typeof knowledgeVersionSchema>;

/** Documents an import made (or would make, in a preview). */
export const importedDocSchema = z.object({ title: z.string(), body: z.string() });

/** A line of a CSV that could not be read: `reason` is said from errors.reasons.<reason>. */
export const importLineErrorSchema = z.object({
  line: z.number().int(),
  reason: z.string(),
});

/** Largest file an import takes (decoded bytes). */
export const knowledgeImportMaxBytes = 10 * 1024 * 1024;

const titleSchema = displayName({ max: 200 });
const bodySchema = z.string().trim().min(1).max(200_000);
const collectionNameSchema = displayName({ min: 1, max: 80 });

export const knowledgeMethods = {
  'knowledge.add': defineMethod({
    access: 'operator',
    mutation: true,
    summary: "Add a document to the tenant's knowledge base (searchable at once).",
    input: z
      .object({
        title: titleSchema,
        body: bodySchema,
        source: z.string().trim().max(200).default('manual'),
        collectionId: idSchema.nullable().default(null),
      })
      .strict(),
    output: knowledgeDocSchema,
  }),
  'knowledge.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary:
      'Documents of the knowledge base, newest first; of one collection, or (collectionId null) of none.',
    input: z
      .object({
        limit: z.number().int().min(1).max(200).default(50),
        before: timestampSchema.optional(),
        /** Omitted: every document; null: those not in a collection. */
        collectionId: idSchema.nullable().optional(),
      })
      .strict(),
    output: z.object({ docs: z.array(knowledgeDocSchema), nextBefore: timestampSchema.nullable() }),
  }),
  'knowledge.get': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'One document with its earlier versions, newest first.',
    input: z.object({ docId: idSchema }).strict(),
    output: z.object({ doc: knowledgeDocSchema, history: z.array(knowledgeVersionSchema) }),
  }),
  'knowledge.update': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Edit a document in place; its previous text is kept as a version.',
    input: z
      .object({
        docId: idSchema,
        title: titleSchema,
        body: bodySchema,
        collectionId: idSchema.nullable(),
      })
      .strict(),
    output: knowledgeDocSchema,
  }),
  'knowledge.restoreVersion': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Make an earlier version the current text again (as a new version; nothing is lost).',
    input: z.object({ docId: idSchema, version: z.number().int().min(1) }).strict(),
    output: knowledgeDocSchema,
  }),
  'knowledge.search': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Full-text search of the knowledge base, best first.',
    input: z
      .object({
        q: z.string().trim().min(1).max(500),
        limit: z.number().int().min(1).max(50).default(10),
        /** Only these collections (null: documents not in a collection); omitted: everything. */
        collectionIds: z.array(idSchema.nullable()).max(100).optional(),
      })
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
  'knowledge.import': defineMethod({
    capability: 'knowledge_import',
    access: 'operator',
    mutation: true,
    summary:
      'Import a PDF, Word (.docx) or question-and-answer CSV file (base64), or the main text of a web page; with preview, only answers what it would add.',
    input: z
      .object({
        /** A file: its name and its bytes in base64 (at most 10 MB decoded). */
        file: z
          .object({
            // a file name is shown as the document's source: no direction-changing tricks (U+202E)
            name: displayName({ max: 255 }),
            data: z
              .string()
              .max(16_000_000)
              .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'Must be base64' }),
          })
          .strict()
          .optional(),
        /** A web page (http or https) whose main text is imported. */
        url: z.string().trim().min(1).max(2000).optional(),
        collectionId: idSchema.nullable().default(null),
        preview: z.boolean().default(false),
      })
      .strict()
      .refine((value) => (value.file ? 1 : 0) + (value.url ? 1 : 0) === 1, {
        message: 'Give either a file or a url',
        path: ['file'],
      }),
    output: z.object({
      kind: z.enum(['pdf', 'docx', 'csv', 'url']),
      sourceName: z.string(),
      /** What was (or, in a preview, would be) added. */
      docs: z.array(importedDocSchema),
      /** CSV lines that were skipped, with why. */
      lineErrors: z.array(importLineErrorSchema),
      /** Ids of the documents added (empty in a preview). */
      created: z.array(idSchema),
    }),
  }),
  'knowledge.collections': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Collections of the knowledge base with their number of documents and size, by name.',
    input: z.object({}).strict(),
    output: z.object({
      collections: z.array(knowledgeCollectionSchema),
      /** Documents in no collection. */
      unfiled: z.object({ docCount: z.number().int(), size: z.number().int() }),
    }),
  }),
  'knowledge.createCollection': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Make a collection of knowledge documents.',
    input: z
      .object({ name: collectionNameSchema, description: z.string().trim().max(500).default('') })
      .strict(),
    output: knowledgeCollectionSchema,
  }),
  'knowledge.updateCollection': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Rename a collection or change its description.',
    input: z
      .object({
        collectionId: idSchema,
        name: collectionNameSchema.optional(),
        description: z.string().trim().max(500).optional(),
      })
      .strict(),
    output: knowledgeCollectionSchema,
  }),
  'knowledge.deleteCollection': defineMethod({
    access: 'operator',
    mutation: true,
    summary:
      'Delete a collection. Its documents are kept, as not in a collection; agents that chose it stop answering from it.',
    input: z.object({ collectionId: idSchema }).strict(),
    output: z.object({ ok: z.literal(true), movedDocs: z.number().int() }),
  }),
  'agents.knowledge': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'The knowledge collections an agent answers from (null: every collection).',
    input: z.object({ agentId: idSchema }).strict(),
    output: z.object({ collections: z.array(idSchema).nullable() }),
  }),
  'agents.setKnowledge': defineMethod({
    access: 'operator',
    mutation: true,
    summary:
      'Choose the knowledge collections an agent answers from; null: every document (also those in no collection).',
    input: z.object({ agentId: idSchema, collections: z.array(idSchema).max(100).nullable() }).strict(),
    output: z.object({ collections: z.array(idSchema).nullable() }),
  }),
};
