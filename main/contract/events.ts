import { z } from 'zod';
import { auditEntrySchema } from './methods/audit';
import { healthSummarySchema } from './methods/health';
import { runStepSchema, runSummarySchema } from './methods/runs';

/**
 * Events the core pushes to connected sessions. Tenant events reach only sessions bound to that
 * tenant; installation events (health) reach every signed-in session.
 */
export const events = {
  'health.updated': healthSummarySchema,
  'audit.appended': auditEntrySchema,
  'members.changed': z.object({ userId: z.string() }),
  'session.ended': z.object({ reason: z.enum(['logout', 'revoked', 'expired', 'disabled']) }),
  'run.step': z.object({ runId: z.string(), agentId: z.string(), step: runStepSchema }),
  /** Streamed model output while a step runs; the finished step follows as run.step. */
  'run.delta': z.object({ runId: z.string(), agentId: z.string(), nodeId: z.string(), text: z.string() }),
  'run.finished': runSummarySchema,
};

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
