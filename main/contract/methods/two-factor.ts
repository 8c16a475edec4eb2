import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput, idSchema } from '../common';
import { memberSchema } from './users';

/** A code from an authenticator app: six digits (spaces are the renderer's to remove). */
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { message: 'Must be the 6-digit code from your authenticator app' });

/** A one-time recovery code as shown (xxxx-xxxx-xxxx-xxxx); dashes, spaces and case do not matter. */
export const recoveryCodeSchema = z.string().trim().min(8).max(64);

/** Either a 6-digit authenticator code or a recovery code, to confirm a change to two-factor sign-in. */
const secondFactorSchema = z.string().trim().min(6).max(64);

const passwordCheckSchema = z.string().min(1).max(256);

export const twoFactorMethods = {
  'auth.totpBegin': defineMethod({
    access: 'user',
    mutation: true,
    summary:
      'Start setting up two-factor sign-in: a new authenticator secret as an otpauth URI, a QR code and the key to type in.',
    input: emptyInput,
    output: z.object({
      uri: z.string(),
      /** A PNG data: URL of the QR code of `uri`. */
      qrDataUrl: z.string(),
      /** The secret in base32, for typing into an app that cannot scan. */
      manualKey: z.string(),
    }),
  }),
  'auth.totpConfirm': defineMethod({
    access: 'user',
    mutation: true,
    summary:
      'Finish the set-up with a code from the app: turns two-factor sign-in on and answers 10 recovery codes, shown once.',
    input: z.object({ code: totpCodeSchema }).strict(),
    output: z.object({ recoveryCodes: z.array(z.string()) }),
  }),
  'auth.totpDisable': defineMethod({
    access: 'user',
    mutation: true,
    summary: 'Turn two-factor sign-in off; needs the password and a current code (or a recovery code).',
    input: z.object({ password: passwordCheckSchema, code: secondFactorSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'auth.recoveryCodes': defineMethod({
    access: 'user',
    mutation: true,
    summary: 'Replace the recovery codes with 10 new ones (the old ones stop working); shown once.',
    input: z.object({ password: passwordCheckSchema, code: secondFactorSchema }).strict(),
    output: z.object({ recoveryCodes: z.array(z.string()) }),
  }),
  'auth.twoFactorStatus': defineMethod({
    access: 'user',
    mutation: false,
    summary: "The signed-in user's two-factor sign-in: on or off, since when, and recovery codes left.",
    input: emptyInput,
    output: z.object({
      enabled: z.boolean(),
      required: z.boolean(),
      enabledAt: z.number().int().nullable(),
      recoveryCodesLeft: z.number().int(),
    }),
  }),
  'users.resetTwoFactor': defineMethod({
    access: 'owner',
    mutation: true,
    summary:
      "Turn off a member's two-factor sign-in (lost phone); they sign in with their password and enrol again.",
    input: z.object({ userId: idSchema }).strict(),
    output: memberSchema,
  }),
};
