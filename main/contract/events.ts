import { z } from 'zod';
import { messageSchema } from './common';
import { sessionEndReasons, transferDirections, transferPhases, type Role } from './vocabulary';
import { auditEntrySchema } from './methods/audit';
import { healthSummarySchema } from './methods/health';
import { runStepSchema, runSummarySchema } from './methods/runs';
import { guardianActionSchema, guardianStatusSchema } from './methods/guardian';
import { incidentSchema } from './methods/incidents';
import { logLineSchema } from './methods/logs';
import { notificationSchema } from './methods/notify';
import { securityEventSchema } from './methods/security';
import { backupOperationSchema, backupPhaseSchema, backupRowSchema } from './methods/backups';
import { conversationSummarySchema } from './methods/conversations';
import { ticketSummarySchema } from './methods/tickets';

/**
 * Events the core pushes to connected sessions. Tenant events reach only sessions bound to that
 * tenant; installation events (health) reach every signed-in session.
 */
export const events = {
  'health.updated': healthSummarySchema,
  'audit.appended': auditEntrySchema,
  'members.changed': z.object({ userId: z.string() }),
  'session.ended': z.object({ reason: z.enum(sessionEndReasons) }),
  'run.step': z.object({ runId: z.string(), agentId: z.string(), step: runStepSchema }),
  /** Streamed model output while a step runs; the finished step follows as run.step. */
  'run.delta': z.object({ runId: z.string(), agentId: z.string(), nodeId: z.string(), text: z.string() }),
  'run.finished': runSummarySchema,
  /** The tenant's Guardian status after each cycle. */
  'guardian.status': guardianStatusSchema,
  'guardian.action': guardianActionSchema,
  'incident.changed': incidentSchema,
  notification: notificationSchema,
  /** New log lines, for the live tail (platform admins; tenant admins get their tenant's lines). */
  'log.line': logLineSchema,
  /** Progress of a backup, verification or restore (platform admins). */
  'backup.progress': z.object({
    operation: backupOperationSchema,
    phase: backupPhaseSchema,
    percent: z.number().min(0).max(100),
  }),
  'backup.finished': z.object({
    operation: backupOperationSchema,
    ok: z.boolean(),
    backup: backupRowSchema.nullable(),
    /** Why it failed, when not ok, in English (logs and scripts). */
    error: z.string().nullable(),
    /** The same as a message for the UI. */
    errorMessage: messageSchema.nullable(),
  }),
  /** A security event was recorded or a burst grew (tenant admins; installation-level: platform admins). */
  'security.event': securityEventSchema,
  /** Upload/download or import progress of a tenant export file (the session that moves it). */
  'tenant.transfer': z.object({
    direction: z.enum(transferDirections),
    phase: z.enum(transferPhases),
    percent: z.number().min(0).max(100),
  }),
  /** A conversation got a message, changed status or rating, or was deleted (`deleted`: true). */
  'conversation.changed': z.object({ conversation: conversationSummarySchema, deleted: z.boolean() }),
  /** A ticket was opened or changed (status, assignee, a reply, a note, the customer answered, an SLA breach). */
  'ticket.changed': z.object({ ticket: ticketSummarySchema }),
  /** The organisation's plan, subscription or usage level changed (banners and the billing page refresh). */
  'billing.changed': z.object({ tenantId: z.string() }),
  /** The installation's brand changed (every open app repaints its name, logo and colour). */
  'brand.changed': z.object({ productName: z.string() }),
};

export type EventName = keyof typeof events;

/**
 * Who may receive an event, on top of its scope (which tenant, user or session it belongs to): a
 * minimum role in the session's bound tenant (platform admins count as owners), any signed-in user,
 * platform administrators only, or only the one session it was emitted for. The same rule as the
 * method that reads the same data: `audit.appended` needs what `audit.list` needs.
 */
export type EventAudience = Role | 'user' | 'platformAdmin' | 'session';

export const eventAudience: { readonly [E in EventName]: EventAudience } = {
  'health.updated': 'user',
  'audit.appended': 'admin',
  'members.changed': 'viewer',
  'session.ended': 'session',
  'run.step': 'viewer',
  'run.delta': 'viewer',
  'run.finished': 'viewer',
  'guardian.status': 'viewer',
  'guardian.action': 'viewer',
  'incident.changed': 'viewer',
  notification: 'viewer',
  'log.line': 'admin',
  'backup.progress': 'platformAdmin',
  'backup.finished': 'platformAdmin',
  'security.event': 'admin',
  'tenant.transfer': 'session',
  'conversation.changed': 'viewer',
  'ticket.changed': 'viewer',
  'billing.changed': 'viewer',
  'brand.changed': 'user',
};
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
