import { z } from 'zod';
import { defineMethod } from '../define';
import { meSchema } from '../common';

/** What the one-click demo build is doing (`demo.buildStatus`), in order. */
export const demoBuildSteps = [
  'starting',
  'organisations',
  'conversations',
  'operations',
  'billing',
  'backups',
  'restoring',
  'done',
] as const;
export type DemoBuildStep = (typeof demoBuildSteps)[number];

export const demoMethods = {
  'demo.reset': defineMethod({
    access: 'owner',
    mutation: true,
    summary:
      'Demo installations only: put the demo back as it was built (same seed), by restoring the verified backup made at the end of its build. Signed-in people stay signed in.',
    input: z.object({}).strict(),
    output: z.object({
      /** The demo's seed and period, as built. */
      seed: z.number().int(),
      days: z.number().int(),
      /** The backup taken of the installation just before it was reset (the restore's safety copy). */
      preResetBackup: z.string(),
    }),
  }),
  'demo.build': defineMethod({
    access: 'public',
    mutation: true,
    summary:
      "First run only (no owner yet): build the demo into this installation, as `mindframe demo` does, in the background. Answers a claim: `demo.buildStatus` with it tells the progress and, when the demo is ready, signs the caller in as the demo's owner and shows the owner's password once. Refused once the installation has an owner (reason 'already_set_up') or while a build runs ('demo_building').",
    input: z
      .object({
        /** Days of history (default 180). */
        days: z.number().int().min(30).max(400).optional(),
        seed: z.number().int().min(0).max(2_147_483_647).optional(),
      })
      .strict(),
    output: z.object({
      /** Known only to the caller: asks for the progress and, at the end, signs in. */
      claim: z.string(),
    }),
  }),
  'demo.buildStatus': defineMethod({
    access: 'public',
    mutation: false,
    summary:
      "The one-click demo build's progress for the claim `demo.build` answered. When it is ready the first call signs the caller in as the demo's owner (answering `me`, the e-mail address and the generated password, once); a failure carries its reason.",
    input: z.object({ claim: z.string().min(1).max(200) }).strict(),
    output: z.object({
      state: z.enum(['building', 'ready', 'failed']),
      step: z.enum(demoBuildSteps),
      /** 0–100. */
      percent: z.number().int().min(0).max(100),
      /** A failure's reason (errors.reasons.<reason>), else null. */
      reason: z.string().nullable(),
      /** Set once, on the call that signs in. */
      me: meSchema.nullable(),
      email: z.string().nullable(),
      password: z.string().nullable(),
    }),
  }),
};
