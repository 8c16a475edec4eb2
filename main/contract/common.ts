import { z } from 'zod';
import { roleSchema } from './roles';
import type { Message } from './messages';
import { languages, tenantStatuses } from './vocabulary';

export const idSchema = z.uuid({ message: 'Must be a valid id' });
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Must be a valid e-mail address' }));
export const passwordSchema = z
  .string()
  .min(12, { message: 'Must be at least 12 characters' })
  .max(256, { message: 'Must be at most 256 characters' });
/**
 * Characters a name must never hold: C0 and C1 controls (NUL included) and DEL, bidirectional
 * marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width
 * characters (U+200B–D, U+2060, U+FEFF) and the line and paragraph separators. They let a name
 * look like something else ("Invoice\u202Efdp.exe") or like another person's name.
 */
export const spoofingCharacters =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060\u2066-\u2069\uFEFF]/;

export const displayNameMessage = 'Must not contain control, direction-changing or invisible characters';

/**
 * Every name a person gives (organisations, people, agents, keys, rules, titles, node labels): one
 * schema, so a name field cannot be added that lets spoofing characters through.
 */
export function displayName(options: { min?: number; max?: number; trim?: boolean } = {}) {
  const { min = 1, max = 100, trim = true } = options;
  const base = trim ? z.string().trim() : z.string();
  return base
    .min(min)
    .max(max)
    .refine((value) => !spoofingCharacters.test(value), {
      message: displayNameMessage,
      params: { reason: 'unsafe_characters' },
    });
}

export const personNameSchema = displayName({ min: 1, max: 100 });
export const orgNameSchema = displayName({ min: 2, max: 100 });
export const emptyInput = z.object({}).strict();
/** Milliseconds since the Unix epoch. */
export const timestampSchema = z.number().int();

/**
 * What the core says to a person: a key of `messageKeys` and its parameters (messages.ts). The key
 * is a string here, not an enum, so a stored message whose key a later version renamed still reads.
 */
export const messageSchema = z.object({
  key: z.string().min(1).max(100),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
}) satisfies z.ZodType<Message>;

export const userSummarySchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  isPlatformAdmin: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const tenantStatusSchema = z.enum(tenantStatuses);

export const tenantSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string(),
  status: tenantStatusSchema,
  role: roleSchema,
});
export type TenantSummary = z.infer<typeof tenantSummarySchema>;

/** The signed-in user, the tenant their session is bound to, and the CSRF token for HTTP calls. */
export const meSchema = z.object({
  user: userSummarySchema,
  tenant: tenantSummarySchema,
  role: roleSchema,
  tenants: z.array(tenantSummarySchema),
  csrfToken: z.string(),
  sessionExpiresAt: timestampSchema,
  /** Two-factor sign-in of the user; `required` when the tenant asks it of their role (lead them to enrol). */
  twoFactor: z.object({ enabled: z.boolean(), required: z.boolean() }),
  /** The language the user chose in the app (their e-mails are written in it); null: not chosen yet. */
  language: z.enum(languages).nullable(),
});
export type Me = z.infer<typeof meSchema>;
