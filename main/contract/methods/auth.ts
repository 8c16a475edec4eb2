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
  'auth.changePassword': defineMethod({
    access: 'user',
    mutation: true,
    summary:
      "Change the signed-in user's password (the current one is required); optionally end every other session.",
    input: z
      .object({
        currentPassword: z.string().min(1).max(256),
        newPassword: passwordSchema,
        /** End every other session of this person, on every device; this one stays signed in. */
        endOtherSessions: z.boolean(),
      })
      .strict(),
    output: z.object({ endedSessions: z.number().int() }),
  }),
  'auth.updateProfile': defineMethod({
    access: 'user',
    mutation: true,
    summary: "Change the signed-in user's own name.",
    input: z.object({ name: personNameSchema }).strict(),
    output: z.object({ name: z.string() }),
  }),
  'auth.resetAvailable': defineMethod({
    access: 'public',
    mutation: false,
    summary:
      'Whether "forgot password" can send e-mail on this installation (some organisation has SMTP set); says nothing about any address.',
    input: emptyInput,
    output: z.object({ available: z.boolean() }),
  }),
  'auth.requestPasswordReset': defineMethod({
    access: 'public',
    mutation: true,
    summary:
      'Ask for a password reset link by e-mail (valid 30 minutes, single use). Answers the same whether or not the address has an account.',
    input: z.object({ email: emailSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'auth.resetPassword': defineMethod({
    access: 'public',
    mutation: true,
    summary:
      'Choose a new password with a reset link (single use); ends every session of the person. Sign in afterwards.',
    input: z.object({ token: z.string().min(20).max(200), newPassword: passwordSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
};
