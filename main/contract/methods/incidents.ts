import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, emptyInput, idSchema, messageSchema, timestampSchema } from '../common';
import { incidentSources, incidentStatuses, severities, timelineKinds } from '../vocabulary';
import { controlChartRuleIds, controlChartRuleSets } from './insight-math';

export const severitySchema = z.enum(severities);
export const incidentStatusSchema = z.enum(incidentStatuses);

export const postmortemSchema = z
  .object({
    summary: z.string().trim().min(1).max(5000),
    impact: z.string().trim().max(5000),
    rootCause: z.string().trim().max(5000),
    actions: z.array(z.string().trim().min(1).max(500)).max(30),
  })
  .strict();

export const incidentSchema = z.object({
  id: idSchema,
  number: z.number().int(),
  /** As written: by a person, or by the core in English (logs, notifications, search, scripts). */
  title: z.string(),
  description: z.string(),
  /**
   * What the core wrote, as messages for the UI (a Guardian or security incident); null when a
   * person wrote the title or description (or changed the title since).
   */
  titleMessage: messageSchema.nullable(),
  descriptionMessage: messageSchema.nullable(),
  severity: severitySchema,
  status: incidentStatusSchema,
  source: z.enum(incidentSources),
  assignee: z.object({ id: idSchema, name: z.string() }).nullable(),
  createdAt: timestampSchema,
  acknowledgedAt: timestampSchema.nullable(),
  mitigatedAt: timestampSchema.nullable(),
  resolvedAt: timestampSchema.nullable(),
  closedAt: timestampSchema.nullable(),
  /** When acknowledging, and resolving, is due under the severity's SLA. */
  ackDueAt: timestampSchema,
  resolveDueAt: timestampSchema,
  /** How many people it has been escalated to. */
  escalationLevel: z.number().int(),
  postmortem: postmortemSchema.nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;

/** The most points a control chart attached to an incident carries (the last ones around the firing). */
export const attachmentMaxPoints = 400;

/**
 * What a signal attaches to its incident to be drawn there (stored as JSON in incidents.attachment);
 * one kind today: the control chart of a six-sigma process whose rule fired. Never holds secrets.
 */
export const incidentAttachmentSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('control_chart'),
      processId: idSchema,
      processName: z.string().max(200),
      unit: z.string().max(40),
      rules: z.enum(controlChartRuleSets),
      center: z.number(),
      ucl: z.number(),
      lcl: z.number(),
      usl: z.number().nullable().optional(),
      lsl: z.number().nullable().optional(),
      points: z
        .array(z.object({ at: timestampSchema, value: z.number() }).strict())
        .min(1)
        .max(attachmentMaxPoints),
      /** The firings: the rule and the index (into points) of the point completing it. */
      signals: z
        .array(z.object({ rule: z.enum(controlChartRuleIds), index: z.number().int().min(0) }).strict())
        .max(attachmentMaxPoints),
    })
    .strict(),
]);
export type IncidentAttachment = z.infer<typeof incidentAttachmentSchema>;

export const timelineEntrySchema = z.object({
  id: idSchema,
  at: timestampSchema,
  kind: z.enum(timelineKinds),
  actorName: z.string(),
  /** A person's note as written; what the core wrote, in English (logs and scripts). */
  text: z.string(),
  /** What the core wrote, as a message for the UI; null for a person's note or post-mortem summary. */
  message: messageSchema.nullable(),
  guardianActionId: idSchema.nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

const incidentId = z.object({ incidentId: idSchema }).strict();

export const incidentsMethods = {
  'incidents.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Incidents, newest first, by status and severity.',
    input: z
      .object({
        status: incidentStatusSchema.optional(),
        severity: severitySchema.optional(),
        open: z.boolean().optional(),
        q: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: z.object({ incidents: z.array(incidentSchema) }),
  }),
  'incidents.get': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'One incident with its timeline.',
    input: incidentId,
    output: z.object({
      incident: incidentSchema,
      timeline: z.array(timelineEntrySchema),
      /** What the signal that opened it attached (the latest), e.g. a control chart; absent: none. */
      attachment: incidentAttachmentSchema.optional(),
    }),
  }),
  'incidents.create': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Open an incident by hand.',
    input: z
      .object({
        title: displayName({ min: 3, max: 200 }),
        description: z.string().trim().max(5000).default(''),
        severity: severitySchema,
        assigneeId: idSchema.optional(),
      })
      .strict(),
    output: incidentSchema,
  }),
  'incidents.update': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Move an incident along (acknowledge, mitigate, resolve, close), re-grade it or assign it.',
    input: z
      .object({
        incidentId: idSchema,
        status: incidentStatusSchema.optional(),
        severity: severitySchema.optional(),
        assigneeId: idSchema.nullable().optional(),
        title: displayName({ min: 3, max: 200 }).optional(),
      })
      .strict(),
    output: incidentSchema,
  }),
  'incidents.addNote': defineMethod({
    access: 'operator',
    mutation: true,
    summary: "Add a note to an incident's timeline.",
    input: z.object({ incidentId: idSchema, text: z.string().trim().min(1).max(5000) }).strict(),
    output: timelineEntrySchema,
  }),
  'incidents.postmortem': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Write (or rewrite) the post-mortem of a resolved incident.',
    input: z.object({ incidentId: idSchema, postmortem: postmortemSchema }).strict(),
    output: incidentSchema,
  }),
  'incidents.escalation': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Who is told, in order, when an incident breaches its SLA.',
    input: emptyInput,
    output: z.object({
      people: z.array(z.object({ userId: idSchema, name: z.string(), email: z.string() })),
      slaMinutes: z.record(
        severitySchema,
        z.object({ acknowledge: z.number().int(), resolve: z.number().int() }),
      ),
    }),
  }),
  'incidents.setEscalation': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Set the escalation list (members, in order).',
    input: z.object({ userIds: z.array(idSchema).max(20) }).strict(),
    output: z.object({
      people: z.array(z.object({ userId: idSchema, name: z.string(), email: z.string() })),
    }),
  }),
};
