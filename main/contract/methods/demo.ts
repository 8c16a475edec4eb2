import { z } from 'zod';
import { defineMethod } from '../define';

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
};
