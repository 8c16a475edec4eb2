import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, timestampSchema } from '../common';

/**
 * Insight reports (issue 17, section 7): any dashboard as one PDF (every panel, the filter values
 * printed, the paper size asked for), drawn by one engine in the core for both hosts, and schedules
 * that e-mail a dashboard's PDF weekly or monthly to members of the organisation, each in their own
 * language.
 */

/** The dashboards a PDF can be asked for (the Insight section's views; `overview` is the usage view). */
export const reportDashboards = [
  'usage',
  'overview',
  'conversations',
  'funnels',
  'retention',
  'marketing',
  'quality',
  /** The installation's unit economics: a platform administrator's only. */
  'economics',
] as const;
export type ReportDashboard = (typeof reportDashboards)[number];

export const reportPapers = ['a4', 'letter'] as const;
export type ReportPaper = (typeof reportPapers)[number];

export const reportFrequencies = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

/** Why a scheduled report did not go out (the reports view says it; never the mail server's text). */
export const reportErrorReasons = ['no_smtp', 'no_recipients', 'failed', 'render_failed'] as const;
export type ReportErrorReason = (typeof reportErrorReasons)[number];

/** The view's own filter values (channel, language …), printed on the PDF as given. */
export const reportFiltersSchema = z
  .record(
    z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/)
      .refine((key) => !['from', 'to', 'compare'].includes(key)),
    z.union([z.string().max(200), z.number(), z.boolean()]),
  )
  .refine((record) => Object.keys(record).length <= 20, { message: 'At most 20 filters' });
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

const reportPdfInput = z
  .object({
    dashboard: z.enum(reportDashboards),
    /** From (inclusive), ms since the epoch; default 30 days before `to`. */
    from: timestampSchema.min(0).optional(),
    /** To (exclusive), ms since the epoch; default now. */
    to: timestampSchema.min(0).optional(),
    /** Adds the previous period of the same length beside the figures. */
    compare: z.boolean().optional(),
    filters: reportFiltersSchema.optional(),
    paper: z.enum(reportPapers).optional(),
  })
  .strict();

export const reportPdfOutputSchema = z.object({
  fileName: z.string(),
  /** The PDF's bytes, base64. */
  contentBase64: z.string(),
  pages: z.number().int(),
});

export const reportScheduleSchema = z.object({
  id: z.string(),
  dashboard: z.enum(reportDashboards),
  frequency: z.enum(reportFrequencies),
  /** User ids of the organisation's members. */
  recipients: z.array(z.string()),
  filters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  paper: z.enum(reportPapers),
  enabled: z.boolean(),
  /** When it goes out next (epoch ms); weekly: Monday 07:00, monthly: the 1st 07:00 in the organisation's time zone. */
  nextAt: timestampSchema,
  lastSentAt: timestampSchema.nullable(),
  /** Why the last attempt failed (retried at the next check); null when it went out. */
  lastError: z.enum(reportErrorReasons).nullable(),
  createdAt: timestampSchema,
});
export type ReportSchedule = z.infer<typeof reportScheduleSchema>;

const saveReportInput = z
  .object({
    id: idSchema.optional(),
    dashboard: z.enum(reportDashboards),
    frequency: z.enum(reportFrequencies),
    recipients: z.array(idSchema).min(1).max(50),
    filters: reportFiltersSchema.optional(),
    paper: z.enum(reportPapers).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

const sendOutcome = z.object({
  /** E-mails that went out. */
  sent: z.number().int(),
  /** E-mails that did not. */
  failed: z.number().int(),
  error: z.enum(reportErrorReasons).nullable(),
  report: reportScheduleSchema,
});

export const insightReportsMethods = {
  'insight.reportPdf': defineMethod({
    access: 'viewer',
    mutation: false,
    summary:
      'A dashboard as one PDF in the caller’s language: title, organisation, the filter values, every panel (charts and their numbers), page numbers, A4 or Letter.',
    input: reportPdfInput,
    output: reportPdfOutputSchema,
  }),
  'insight.reports': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'The organisation’s scheduled e-mailed reports, and whether e-mail can go out (SMTP set).',
    input: z.object({}).strict(),
    output: z.object({ reports: z.array(reportScheduleSchema), smtp: z.boolean() }),
  }),
  'insight.saveReport': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Adds or changes a scheduled report (dashboard, weekly or monthly, recipients, paper, paused).',
    input: saveReportInput,
    output: reportScheduleSchema,
  }),
  'insight.deleteReport': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Deletes a scheduled report.',
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ deleted: z.boolean() }),
  }),
  'insight.sendReportNow': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Sends a scheduled report to its recipients now (the schedule’s next time stays).',
    input: z.object({ id: idSchema }).strict(),
    output: sendOutcome,
  }),
};
