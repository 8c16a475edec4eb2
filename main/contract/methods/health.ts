import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput, messageSchema, timestampSchema } from '../common';
import { checkStatuses, databaseStates, healthStatuses } from '../vocabulary';

export const checkStatusSchema = z.enum(checkStatuses);

export const healthCheckSchema = z.object({
  id: z.string(),
  status: checkStatusSchema,
  value: z.number().nullable(),
  unit: z.string().nullable(),
  /** What the check found, for the UI to say in the user's language. */
  message: messageSchema,
  /** The same in English, for logs, the doctor's report and scripts. */
  text: z.string(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const healthSummarySchema = z.object({
  status: z.enum(healthStatuses),
  database: z.enum(databaseStates),
  score: z.number().int().min(0).max(100),
  checks: z.array(healthCheckSchema),
  checkedAt: timestampSchema,
});
export type HealthSummary = z.infer<typeof healthSummarySchema>;

export const healthMethods = {
  'health.summary': defineMethod({
    access: 'user',
    mutation: false,
    summary: 'Health score 0-100 of this installation with the checks behind it.',
    input: emptyInput,
    output: healthSummarySchema,
  }),
};
