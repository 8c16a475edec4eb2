import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, emptyInput, idSchema, messageSchema, timestampSchema } from '../common';
import { severitySchema } from './incidents';
import {
  extraNotificationEvents,
  languages,
  mailTemplates,
  notifyChannels,
  notifyEvents,
} from '../vocabulary';

/** What can cause a notification. */
export const notifyEventSchema = z.enum(notifyEvents);
export const notifyChannelSchema = z.enum(notifyChannels);

const emailList = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ message: 'Must be a valid e-mail address' })),
  )
  .max(20);
const httpsUrl = z
  .string()
  .trim()
  .max(1000)
  .regex(/^https?:\/\/\S+$/, { message: 'Must start with http:// or https://' });
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Use HH:MM' });

export const notifyRuleSchema = z.object({
  id: idSchema,
  name: z.string(),
  events: z.array(notifyEventSchema),
  /** Events less severe than this are left out (SEV1 is the most severe). */
  minSeverity: severitySchema,
  desktop: z.boolean(),
  emails: z.array(z.string()),
  webhookUrl: z.string().nullable(),
  /** Whether a signing secret is stored (it is never answered). */
  webhookSigned: z.boolean(),
  enabled: z.boolean(),
  createdAt: timestampSchema,
});
export type NotifyRule = z.infer<typeof notifyRuleSchema>;

export const quietHoursSchema = z
  .object({ enabled: z.boolean(), start: clock, end: clock, timezone: z.string().trim().min(1).max(64) })
  .strict();

export const smtpSettingsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
  from: z.string(),
});

/** A notification shown in the app (desktop notification in Electron, browser notification when served). */
export const notificationSchema = z.object({
  id: idSchema,
  /** A rule's event; `test`; or `account.security`: a change to the recipient's own account. */
  event: notifyEventSchema.or(z.enum(extraNotificationEvents)),
  severity: severitySchema,
  /** In English (logs, scripts); the app says `titleMessage` / `bodyMessages` in the user's language. */
  title: z.string(),
  body: z.string(),
  /** The title as a message; null when there is only the English (a person's own words, an older core). */
  titleMessage: messageSchema.nullable(),
  /** The body's paragraphs as messages; empty when there is only the English. */
  bodyMessages: z.array(messageSchema),
  /** A hash route in the app, e.g. "#/incidents/<id>". */
  link: z.string().nullable(),
  at: timestampSchema,
});
export type Notification = z.infer<typeof notificationSchema>;

export const notifyMethods = {
  'notify.rules': defineMethod({
    access: 'admin',
    mutation: false,
    summary: 'Notification rules, quiet hours and the SMTP server of the tenant.',
    input: emptyInput,
    output: z.object({
      rules: z.array(notifyRuleSchema),
      quietHours: quietHoursSchema,
      smtp: smtpSettingsSchema.nullable(),
    }),
  }),
  'notify.saveRule': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Add or change a rule: which events, how severe, and where they go.',
    input: z
      .object({
        id: idSchema.optional(),
        name: displayName({ max: 100 }),
        events: z.array(notifyEventSchema).min(1),
        minSeverity: severitySchema.default('SEV4'),
        desktop: z.boolean().default(true),
        emails: emailList.default([]),
        webhookUrl: httpsUrl.nullable().default(null),
        /** Write-only; leave out to keep the stored one, empty to remove it. */
        webhookSecret: z.string().max(200).optional(),
        enabled: z.boolean().default(true),
      })
      .strict(),
    output: notifyRuleSchema,
  }),
  'notify.deleteRule': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Remove a rule.',
    input: z.object({ ruleId: idSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'notify.saveQuietHours': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Quiet hours: only SEV1 notifications go out between start and end.',
    input: quietHoursSchema,
    output: quietHoursSchema,
  }),
  'notify.saveSmtp': defineMethod({
    access: 'admin',
    mutation: true,
    summary:
      'The SMTP server for e-mail; the password goes to the secret store (see secrets.status), never the database.',
    input: z
      .object({
        host: z.string().trim().min(1).max(253),
        port: z.number().int().min(1).max(65535),
        secure: z.boolean().default(false),
        user: z.string().trim().max(200).optional(),
        password: z.string().max(500).optional(),
        from: z.string().trim().min(3).max(254),
      })
      .strict(),
    output: smtpSettingsSchema,
  }),
  'notify.test': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Send a test notification through one channel.',
    input: z
      .object({
        channel: notifyChannelSchema,
        /** E-mail address or webhook URL; for a rule's channel leave out and give ruleId. */
        to: z.string().trim().max(1000).optional(),
        ruleId: idSchema.optional(),
      })
      .strict(),
    /** What happened, as a message for the UI; `text` is the same in English (logs and scripts). */
    output: z.object({ ok: z.boolean(), message: messageSchema, text: z.string() }),
  }),
  'notify.previewEmail': defineMethod({
    access: 'admin',
    mutation: false,
    summary:
      "One of the e-mails the app writes (welcome, invitation, hand-off, …) rendered with sample data in the organisation's name, as it would be sent.",
    input: z.object({ template: z.enum(mailTemplates), language: z.enum(languages) }).strict(),
    /** `html` is a whole document: show it in a sandboxed frame, never in the page itself. */
    output: z.object({ subject: z.string(), html: z.string(), text: z.string() }),
  }),
};
