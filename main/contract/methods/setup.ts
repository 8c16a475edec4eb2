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
    summary: 'Whether this installation still needs its first owner.',
    input: emptyInput,
    output: z.object({ needsSetup: z.boolean(), appVersion: z.string() }),
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
