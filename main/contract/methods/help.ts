import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput } from '../common';
import { languages, secretKeySources, secretStores } from '../vocabulary';

/**
 * The help center: articles written in Markdown under assets/help/<language>/<slug>.md, the same in
 * every language (en, nl, nb), shipped with the app and read offline. Articles are the same for
 * everyone; only About's data folder is for admins and owners.
 */
export const helpSections = ['start', 'pages', 'faq', 'troubleshooting', 'reference', 'legal'] as const;
export type HelpSection = (typeof helpSections)[number];

export const helpSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Must be an article name' })
  .max(80);

export const helpArticleSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  section: z.enum(helpSections),
  /** The page (route name of the router) this article explains, or null. */
  route: z.string().nullable(),
  /** Every route name this article explains (`route` first): what the "?" of those pages opens. */
  routes: z.array(z.string()),
});
export type HelpArticleSummary = z.infer<typeof helpArticleSummarySchema>;

export const helpArticleSchema = helpArticleSummarySchema.extend({
  /** Markdown (GitHub flavour); headings carry their anchor as `{#anchor}`; no raw HTML is rendered. */
  markdown: z.string(),
});
export type HelpArticle = z.infer<typeof helpArticleSchema>;

export const thirdPartyLicenceSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** The SPDX expression of its package.json, or null when it names none. */
  license: z.string().nullable(),
  homepage: z.string().nullable(),
  /** The licence file it ships (LICENSE, LICENCE, COPYING ...), or null when it ships none. */
  text: z.string().nullable(),
});
export type ThirdPartyLicence = z.infer<typeof thirdPartyLicenceSchema>;

export const helpAboutSchema = z.object({
  version: z.string(),
  /** When this build was made (ms since the epoch), or null for a build from the sources (tests). */
  builtAt: z.number().nullable(),
  /** The data folder: for admins and owners only, null for everyone else. */
  dataDir: z.string().nullable(),
  /** Where secrets are kept, as `mindframe doctor` reports it. */
  secretStore: z.object({
    store: z.enum(secretStores),
    keySource: z.enum(secretKeySources).nullable(),
  }),
  /** The third-party packages the app ships (production dependencies and what the interface bundles). */
  licences: z.array(thirdPartyLicenceSchema),
});
export type HelpAbout = z.infer<typeof helpAboutSchema>;

export * from '../help-anchors';

export const helpMethods = {
  'help.list': defineMethod({
    access: 'user',
    mutation: false,
    summary: "The help center's articles in a language: slug, title, section and the page each explains.",
    input: z.object({ language: z.enum(languages) }),
    output: z.object({ articles: z.array(helpArticleSummarySchema) }),
  }),
  'help.get': defineMethod({
    access: 'user',
    mutation: false,
    summary: 'One help article in a language, as Markdown.',
    input: z.object({ slug: helpSlugSchema, language: z.enum(languages) }),
    output: helpArticleSchema,
  }),
  'help.about': defineMethod({
    access: 'user',
    mutation: false,
    summary:
      'About this installation: version, build date, the data folder (admins and owners), where secrets are kept, third-party licences.',
    input: emptyInput,
    output: helpAboutSchema,
  }),
};
