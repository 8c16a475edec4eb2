import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, messageSchema, timestampSchema } from '../common';
import { flowSchema } from '../flow';
import { jsonRecordSchema } from '../json-depth';
import { roleSchema } from '../roles';
import { chatRoles, runErrorCodes, runStatuses, runStepStatuses, runTriggers } from '../vocabulary';

export const runStatusSchema = z.enum(runStatuses);

export const runInputSchema = z
  .object({
    message: z.string().max(20_000).optional(),
    data: jsonRecordSchema.optional(),
    history: z
      .array(z.object({ role: z.enum(chatRoles), text: z.string().max(20_000) }).strict())
      .max(50)
      .optional(),
  })
  .strict();
export type RunInput = z.infer<typeof runInputSchema>;

export const runSummarySchema = z.object({
  id: idSchema,
  agentId: idSchema,
  agentName: z.string(),
  /** Null for a test run of an unsaved draft. */
  versionNumber: z.number().int().nullable(),
  status: runStatusSchema,
  trigger: z.enum(runTriggers),
  input: runInputSchema,
  replies: z.array(z.string()),
  /** Why the run failed, in English (logs and scripts). */
  error: z.string().nullable(),
  /** The same, for the UI to say in the user's language (runs.error.*). */
  errorMessage: messageSchema.nullable(),
  errorCode: z.enum(runErrorCodes).nullable(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costMicros: z.number().int(),
  createdAt: timestampSchema,
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  waitingFor: z.object({ nodeId: z.string(), prompt: z.string(), approverRole: roleSchema }).nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runStepSchema = z.object({
  seq: z.number().int(),
  nodeId: z.string(),
  nodeType: z.string(),
  label: z.string().nullable(),
  status: z.enum(runStepStatuses),
  input: z.unknown(),
  output: z.unknown(),
  /** Why the step failed, in English (logs, scripts, and the flow's `error` variable). */
  error: z.string().nullable(),
  /** The same, for the UI to say in the user's language. */
  errorMessage: messageSchema.nullable(),
  startedAt: timestampSchema,
  durationMs: z.number(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costMicros: z.number().int(),
  /** "providerId/model" that answered, for model steps. */
  model: z.string().nullable(),
  attempts: z.number().int(),
  /** What happened on the way: retries, fall-backs, estimates (in English, for logs and scripts). */
  notes: z.array(z.string()),
  /** The same notes as messages, for the UI to say in the user's language. */
  noteMessages: z.array(messageSchema),
});
export type RunStep = z.infer<typeof runStepSchema>;

export const runsMethods = {
  'agents.run': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Start a run: of the live version, or (test) of a draft flow. With wait, answers when it ends.',
    input: z
      .object({
        agentId: idSchema,
        input: runInputSchema.default({}),
        /** A test run of this unsaved flow instead of the deployed version. */
        draft: flowSchema.optional(),
        wait: z.boolean().default(false),
      })
      .strict(),
    output: runSummarySchema,
  }),
  'agents.cancelRun': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Stop a queued, running or waiting run.',
    input: z.object({ runId: idSchema }).strict(),
    output: runSummarySchema,
  }),
  'runs.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Runs, newest first, filtered by agent, status and time.',
    input: z
      .object({
        agentId: idSchema.optional(),
        status: runStatusSchema.optional(),
        from: timestampSchema.optional(),
        to: timestampSchema.optional(),
        before: timestampSchema.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ runs: z.array(runSummarySchema), nextBefore: timestampSchema.nullable() }),
  }),
  'runs.get': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'One run with every step: input, output, timing, tokens, cost and errors.',
    input: z.object({ runId: idSchema }).strict(),
    output: z.object({
      run: runSummarySchema,
      steps: z.array(runStepSchema),
      /** The unsaved flow of a test run, so it can be replayed as it was. */
      draft: flowSchema.nullable(),
    }),
  }),
  'runs.decide': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Approve or reject a run that waits at an approval step.',
    input: z
      .object({ runId: idSchema, approved: z.boolean(), comment: z.string().trim().max(1000).default('') })
      .strict(),
    output: runSummarySchema,
  }),
  'runs.costs': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Tokens and cost per day, agent and model.',
    input: z.object({ from: timestampSchema.optional(), to: timestampSchema.optional() }).strict(),
    output: z.object({
      rows: z.array(
        z.object({
          day: z.string(),
          agentId: idSchema,
          agentName: z.string(),
          model: z.string(),
          steps: z.number().int(),
          tokensIn: z.number().int(),
          tokensOut: z.number().int(),
          costMicros: z.number().int(),
        }),
      ),
      totalCostMicros: z.number().int(),
    }),
  }),
};
