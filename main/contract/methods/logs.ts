import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput, timestampSchema } from '../common';
import { logLevels } from '../vocabulary';

export const logLevelSchema = z.enum(logLevels);

export const logLineSchema = z.object({
  at: timestampSchema,
  level: logLevelSchema,
  /** What wrote it: "dispatch", "runtime", "guardian", "host" ... */
  module: z.string(),
  message: z.string(),
  tenantId: z.string().nullable(),
  /** The other fields of the JSON line. */
  data: z.record(z.string(), z.unknown()),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const errorGroupSchema = z.object({
  fingerprint: z.string(),
  name: z.string(),
  message: z.string(),
  module: z.string(),
  count: z.number().int(),
  firstSeen: timestampSchema,
  lastSeen: timestampSchema,
  stack: z.string().nullable(),
});
export type ErrorGroup = z.infer<typeof errorGroupSchema>;

export const logsMethods = {
  'logs.query': defineMethod({
    access: 'admin',
    mutation: false,
    summary: 'Structured log lines, newest first, by level, module, text and time.',
    input: z
      .object({
        minLevel: logLevelSchema.default('info'),
        module: z.string().trim().max(50).optional(),
        q: z.string().trim().max(200).optional(),
        from: timestampSchema.optional(),
        to: timestampSchema.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: z.object({ lines: z.array(logLineSchema), nextTo: timestampSchema.nullable() }),
  }),
  'errors.list': defineMethod({
    access: 'admin',
    mutation: false,
    summary: 'Errors grouped by fingerprint, with counts and when they were first and last seen.',
    input: emptyInput,
    output: z.object({ groups: z.array(errorGroupSchema) }),
  }),
};
