import { z } from 'zod';
import { auditEntrySchema } from './methods/audit';
import { healthSummarySchema } from './methods/health';

/**
 * Events the core pushes to connected sessions. Tenant events reach only sessions bound to that
 * tenant; installation events (health) reach every signed-in session.
 */
export const events = {
  'health.updated': healthSummarySchema,
  'audit.appended': auditEntrySchema,
  'members.changed': z.object({ userId: z.string() }),
  'session.ended': z.object({ reason: z.enum(['logout', 'revoked', 'expired', 'disabled']) }),
};

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
