import { z } from 'zod';
import { defineMethod } from '../define';
import { languages } from '../vocabulary';
import { emailSchema, emptyInput, meSchema, passwordSchema, personNameSchema } from '../common';
import { recoveryCodeSchema, totpCodeSchema } from './two-factor';

export const authMethods = {
  'auth.login': defineMethod({
    access: 'public',
    mutation: true,
    summary:
      'Sign in with e-mail and password (and a code or recovery code when two-factor sign-in is on); starts a session.',
    input: z
      .object({
        email: emailSchema,
        password: z.string().min(1).max(256),
        /** The authenticator code, for users with two-factor sign-in. */
        code: totpCodeSchema.optional(),
        /** Instead of `code`: one of the user's one-time recovery codes. */
        recoveryCode: recoveryCodeSchema.optional(),
      })
      .strict(),
    /**
     * The signed-in Me; or, when the password was right and the account has two-factor sign-in but
     * no code was sent, `{ next: 'two_factor' }` (no session yet): ask for the code and call again.
     */
    output: z.union([meSchema, z.object({ next: z.literal('two_factor') }).strict()]),
  }),
  'auth.acceptInvite': defineMethod({
    access: 'public',
    mutation: true,
    summary: 'Accept an invitation: new users choose a password, existing users confirm theirs.',
    input: z
      .object({
        token: z.string().min(20).max(200),
        name: personNameSchema.optional(),
        password: passwordSchema,
      })
      .strict(),
    output: meSchema,
  }),
  'auth.logout': defineMethod({
    access: 'user',
    mutation: true,
    summary: 'End this session.',
    input: emptyInput,
    output: z.object({ ok: z.literal(true) }),
  }),
  'auth.me': defineMethod({
    access: 'user',
    mutation: false,
    summary: 'The signed-in user, their tenants and the current tenant.',
    input: emptyInput,
    output: meSchema,
  }),
  'auth.setLanguage': defineMethod({
    access: 'user',
    mutation: true,
    summary:
      "Remember the signed-in user's language: the app opens in it and e-mails to them are written in it.",
    input: z.object({ language: z.enum(languages) }).strict(),
    output: z.object({ language: z.enum(languages) }),
  }),
  'auth.logoutEverywhere': defineMethod({
    access: 'user',
    mutation: true,
    summary: 'End every session of the signed-in user, on every device, including this one.',
    input: emptyInput,
    output: z.object({ revoked: z.number().int() }),
  }),
};
