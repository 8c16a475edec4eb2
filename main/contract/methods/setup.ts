import { z } from 'zod';
import { defineMethod } from '../define';
import {
  emailSchema,
  emptyInput,
  meSchema,
  orgNameSchema,
  passwordSchema,
  personNameSchema,
} from '../common';

export const setupMethods = {
  'setup.status': defineMethod({
    access: 'public',
    mutation: false,
    summary:
      'Whether this installation still needs its first owner; its version; where customers reach its public door.',
    input: emptyInput,
    output: z.object({
      needsSetup: z.boolean(),
      appVersion: z.string(),
      /**
       * The origin of the listener that serves only the channels' public door (`serve --public-port`,
       * or the `--public-url` a reverse proxy gives it), e.g. "https://chat.example.com"; null when
       * there is none: then the door answers only on the app's own listener.
       */
      publicOrigin: z.string().nullable(),
    }),
  }),
  'setup.createOwner': defineMethod({
    access: 'public',
    mutation: true,
    summary: 'First run only: create the organisation and its owner, and sign the owner in.',
    input: z
      .object({
        orgName: orgNameSchema,
        name: personNameSchema,
        email: emailSchema,
        password: passwordSchema,
      })
      .strict(),
    output: meSchema,
  }),
};
