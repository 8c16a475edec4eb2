import { z } from 'zod';
import { defineMethod } from '../define';
import { emailSchema, emptyInput, idSchema, personNameSchema, timestampSchema } from '../common';
import { roleSchema } from '../roles';
import { memberStatuses } from '../vocabulary';

export const memberStatusSchema = z.enum(memberStatuses);

export const memberSchema = z.object({
  userId: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  status: memberStatusSchema,
  joinedAt: timestampSchema,
  lastLoginAt: timestampSchema.nullable(),
  /** Whether the member signs in with a second factor (an authenticator app). */
  twoFactorEnabled: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

export const usersMethods = {
  'users.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Members of the current tenant.',
    input: emptyInput,
    output: z.object({ members: z.array(memberSchema) }),
  }),
  'users.invite': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Invite a person by e-mail with a role; answers an invitation token shown once.',
    input: z.object({ email: emailSchema, name: personNameSchema.optional(), role: roleSchema }).strict(),
    output: z.object({
      member: memberSchema,
      inviteToken: z.string(),
      expiresAt: timestampSchema,
      /** Whether the invitation went out by e-mail (the organisation has SMTP set and the server took it). */
      emailed: z.boolean(),
    }),
  }),
  'users.setRole': defineMethod({
    access: 'admin',
    mutation: true,
    summary: "Change a member's role.",
    input: z.object({ userId: idSchema, role: roleSchema }).strict(),
    output: memberSchema,
  }),
  'users.disable': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Disable (or re-enable) a member; disabling ends their sessions in this tenant.',
    input: z.object({ userId: idSchema, disabled: z.boolean() }).strict(),
    output: memberSchema,
  }),
  'users.remove': defineMethod({
    access: 'admin',
    mutation: true,
    summary:
      'Remove a member from this organisation (they keep their other organisations); their sessions here end at once. The last owner stays.',
    input: z.object({ userId: idSchema }).strict(),
    output: z.object({ removed: z.literal(true) }),
  }),
  'users.issueResetLink': defineMethod({
    access: 'admin',
    mutation: true,
    summary:
      'Make a single-use password reset link for a member (30 minutes), to hand over; also e-mailed when SMTP is set.',
    input: z.object({ userId: idSchema }).strict(),
    output: z.object({
      /** The token, shown once: the core keeps only its hash. */
      token: z.string(),
      /** The app route of the link ("#/reset/<token>"): the app makes it absolute. */
      link: z.string(),
      expiresAt: timestampSchema,
      emailed: z.boolean(),
    }),
  }),
};
