import { z } from 'zod';
import { defineMethod } from '../define';
import { messageSchema } from '../common';
import { languages, searchKinds } from '../vocabulary';

/**
 * Global search (issue 15): the command palette's records. Word-order-free, prefix and
 * typo-tolerant; only the caller's tenant and only what the caller's role may see. Every query is
 * logged per tenant (query, result count, language, user) for "top and zero-result searches".
 */

export const searchKindSchema = z.enum(searchKinds);

export const searchItemSchema = z.object({
  kind: searchKindSchema,
  /** The record's id (a help article's slug). */
  id: z.string(),
  title: z.string(),
  /** The title as the core wrote it (a Guardian incident's), said in the reader's language. */
  titleMessage: messageSchema.optional(),
  /** A second line (names, addresses, numbers): data, not prose. */
  subtitle: z.string(),
  /** Where it opens in the app (a hash route such as "#/agents/<id>"). */
  route: z.string(),
  /** Words around the match, when the match is not in the title. */
  snippet: z.string().optional(),
  /** A status from the record's own vocabulary (run, ticket or incident status), said by the app. */
  status: z.string().optional(),
  /** When the record last changed (ms). */
  at: z.number().int().optional(),
});
export type SearchItem = z.infer<typeof searchItemSchema>;

const searchQueryInput = z
  .object({
    q: z.string().trim().min(1).max(200),
    limit: z.number().int().min(1).max(50).optional(),
    /** The app's current language (help articles in it); the user's own otherwise. */
    language: z.enum(languages).optional(),
  })
  .strict();

export const searchMethods = {
  'search.query': defineMethod({
    input: searchQueryInput,
    output: z.object({
      items: z.array(searchItemSchema),
      /** This search in the search log: pass it to `search.opened`. */
      logId: z.string(),
    }),
    access: 'user',
    mutation: false,
    summary: 'Searches the organisation (agents, conversations, tickets, incidents, help ...).',
  }),
  'search.opened': defineMethod({
    input: z
      .object({ logId: z.string().min(1).max(64), kind: searchKindSchema, id: z.string().min(1).max(200) })
      .strict(),
    output: z.object({ ok: z.literal(true) }),
    access: 'user',
    mutation: true,
    summary: 'Records which search result was opened (insight: what searches lead to).',
  }),
};
