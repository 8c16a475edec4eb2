import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput, idSchema, messageSchema, timestampSchema } from '../common';
import { checkStatusSchema } from './health';
import {
  actionModes,
  actionStatuses,
  actionTargetTypes,
  autonomyModes,
  checkIds,
  checkTargetTypes,
  healthStatuses,
  historyRanges,
  historyResolutions,
  strategies,
} from '../vocabulary';

export const strategySchema = z.enum(strategies);

export const autonomyModeSchema = z.enum(autonomyModes);

export const checkIdSchema = z.enum(checkIds);

/** One check's result; checks about one thing (an agent, a provider) carry its id and name. */
export const guardianCheckSchema = z.object({
  id: checkIdSchema,
  status: checkStatusSchema,
  value: z.number().nullable(),
  unit: z.string().nullable(),
  /** What the check found, for the UI to say in the user's language. */
  message: messageSchema,
  /** The same in English, for logs, notifications and scripts. */
  text: z.string(),
  target: z.object({ type: z.enum(checkTargetTypes), id: z.string(), name: z.string() }).nullable(),
  /** The healing strategy that applies when this check is not ok. */
  strategy: strategySchema.nullable(),
  /** This check's share of the score (0–100 points). */
  weight: z.number(),
});
export type GuardianCheck = z.infer<typeof guardianCheckSchema>;

export const guardianStatusSchema = z.object({
  score: z.number().int().min(0).max(100),
  status: z.enum(healthStatuses),
  checks: z.array(guardianCheckSchema),
  checkedAt: timestampSchema,
  pendingApprovals: z.number().int(),
  openIncidents: z.number().int(),
});
export type GuardianStatus = z.infer<typeof guardianStatusSchema>;

export const guardianActionSchema = z.object({
  id: idSchema,
  strategy: strategySchema,
  status: z.enum(actionStatuses),
  /** "ask" waited for a person; "automatic" was applied within the autonomy limits. */
  mode: z.enum(actionModes),
  target: z.object({
    type: z.enum(actionTargetTypes),
    id: z.string().nullable(),
    name: z.string(),
  }),
  /** What the action does, in English (logs, notifications, scripts); `messages` says the same for the UI. */
  plan: z.object({
    summary: z.string(),
    steps: z.array(z.string()),
    reason: z.string(),
    messages: z.object({
      summary: messageSchema,
      steps: z.array(messageSchema),
      /** The finding of the check that led to the proposal. */
      reason: messageSchema,
    }),
  }),
  /** The check results that led to the proposal. */
  evidence: z.array(guardianCheckSchema),
  canRollBack: z.boolean(),
  /** What applying or undoing it did, or why it could not, in English; `outcomeMessage` for the UI. */
  outcome: z.string().nullable(),
  outcomeMessage: messageSchema.nullable(),
  decidedBy: z.string().nullable(),
  comment: z.string().nullable(),
  incidentId: idSchema.nullable(),
  createdAt: timestampSchema,
  decidedAt: timestampSchema.nullable(),
  appliedAt: timestampSchema.nullable(),
  rolledBackAt: timestampSchema.nullable(),
});
export type GuardianAction = z.infer<typeof guardianActionSchema>;

const actionDecision = z
  .object({ actionId: idSchema, comment: z.string().trim().max(1000).default('') })
  .strict();

export const guardianMethods = {
  'guardian.status': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: "The tenant's health score with every check behind it.",
    input: emptyInput,
    output: guardianStatusSchema,
  }),
  'guardian.history': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Score and check values over 24 hours, 7 days or 30 days.',
    input: z.object({ range: z.enum(historyRanges).default('24h') }).strict(),
    output: z.object({
      resolution: z.enum(historyResolutions),
      points: z.array(
        z.object({
          at: timestampSchema,
          score: z.number(),
          checks: z.record(z.string(), z.object({ status: checkStatusSchema, value: z.number().nullable() })),
        }),
      ),
    }),
  }),
  'guardian.runChecks': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Run every check now (and let the Guardian act on the results).',
    input: emptyInput,
    output: guardianStatusSchema,
  }),
  'guardian.actions': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: "The Guardian's proposals and actions, newest first.",
    input: z
      .object({
        status: z.enum(actionStatuses).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ actions: z.array(guardianActionSchema) }),
  }),
  'guardian.approve': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Approve a proposed action; it is applied at once.',
    input: actionDecision,
    output: guardianActionSchema,
  }),
  'guardian.reject': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Reject a proposed action.',
    input: actionDecision,
    output: guardianActionSchema,
  }),
  'guardian.rollback': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Undo an applied action from its snapshot.',
    input: actionDecision,
    output: guardianActionSchema,
  }),
  'guardian.autonomy': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'How freely the Guardian may act, per strategy.',
    input: emptyInput,
    output: z.object({
      strategies: z.array(
        z.object({
          strategy: strategySchema,
          mode: autonomyModeSchema,
          maxPerHour: z.number().int(),
          automaticAllowed: z.boolean(),
        }),
      ),
    }),
  }),
  'guardian.setAutonomy': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Set a strategy to off, ask for approval, or automatic within a limit per hour.',
    input: z
      .object({
        strategy: strategySchema,
        mode: autonomyModeSchema,
        maxPerHour: z.number().int().min(1).max(60).default(3),
      })
      .strict(),
    output: z.object({
      strategy: strategySchema,
      mode: autonomyModeSchema,
      maxPerHour: z.number().int(),
      automaticAllowed: z.boolean(),
    }),
  }),
};
