import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, idSchema, messageSchema, timestampSchema } from '../common';
import { channelKinds, emailTransportStates, languages, weekdays } from '../vocabulary';

/**
 * Channels: how customers reach a deployed agent (issue 13). A `web` channel is the website widget
 * and the hosted chat page at `/c/<publicId>`; an `email` channel reads a mailbox (its transport is
 * built on `emailSettings`). Everything a customer sees of a channel is public through its
 * `publicId`; the channel's id stays inside the app.
 */

/** The public handle of a channel in URLs and the embed code: 22 url-safe characters (128 bits). */
export const publicIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: 'Not a channel id' });

/**
 * A web origin a channel may be embedded on and called from: scheme, host and optional port, no
 * path ("https://www.pedalco.example", "http://localhost:8080").
 */
export const originSchema = z
  .string()
  .trim()
  .max(200)
  .transform((value) => value.replace(/\/+$/, '').toLowerCase())
  .pipe(
    z.string().regex(/^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/, {
      message: 'An origin is a scheme and host, e.g. https://www.example.com (no path)',
    }),
  );

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'A time as HH:MM' });

/** When people answer: per weekday one or more opening spans, in the channel's time zone. */
export const businessHoursSchema = z
  .object({
    timezone: z.string().min(1).max(64),
    days: z.array(z.object({ day: z.enum(weekdays), open: hhmm, close: hhmm }).strict()).max(21),
  })
  .strict()
  .refine((hours) => isTimeZone(hours.timezone), {
    message: 'Unknown time zone',
    path: ['timezone'],
  });
export type BusinessHours = z.infer<typeof businessHoursSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where an e-mail channel reads (IMAP) and sends (SMTP), as stored and shown. Its passwords are in
 * the SecretStore, never here; `imapTls` / `smtpTls` mean TLS from the first byte (993, 465), off
 * means STARTTLS when the server offers it (143, 587).
 */
export const emailSettingsSchema = z
  .object({
    /** The address answers come from (and the channel's own mail is recognised by). */
    address: z.string().trim().max(254).default(''),
    imapHost: z.string().trim().max(253).default(''),
    imapPort: z.number().int().min(1).max(65535).default(993),
    imapTls: z.boolean().default(true),
    imapUser: z.string().trim().max(254).default(''),
    /** The folder read (INBOX). */
    mailbox: z.string().trim().max(200).default('INBOX'),
    smtpHost: z.string().trim().max(253).default(''),
    smtpPort: z.number().int().min(1).max(65535).default(587),
    smtpTls: z.boolean().default(false),
    /** Empty: the SMTP server takes mail without signing in (a relay). */
    smtpUser: z.string().trim().max(254).default(''),
  })
  .strict();
export type EmailSettings = z.infer<typeof emailSettingsSchema>;

/** A mail server's host: a name or an IP address (the outbound guard checks it when saved and on every connection). */
const mailHostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, { message: 'A host name or IP address, e.g. imap.example.com' });

/**
 * The e-mail settings as `channels.save` takes them: everything the transport needs, checked here;
 * the passwords go to the SecretStore (left out: the stored one stays; `smtpPassword: ''` removes
 * it, for a server that takes mail without signing in).
 */
export const emailSettingsInputSchema = z
  .object({
    address: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email({ message: 'An e-mail address, e.g. help@example.com' })),
    imapHost: mailHostSchema,
    imapPort: z.number().int().min(1).max(65535).default(993),
    imapTls: z.boolean().default(true),
    imapUser: z.string().trim().min(1).max(254),
    imapPassword: z.string().min(1).max(500).optional(),
    mailbox: z.string().trim().min(1).max(200).default('INBOX'),
    smtpHost: mailHostSchema,
    smtpPort: z.number().int().min(1).max(65535).default(587),
    smtpTls: z.boolean().default(false),
    smtpUser: z.string().trim().max(254).default(''),
    smtpPassword: z.string().max(500).optional(),
  })
  .strict();
export type EmailSettingsInput = z.infer<typeof emailSettingsInputSchema>;

/** The e-mail settings as the app shows them: whether each password is stored, never the password. */
export const emailSettingsViewSchema = emailSettingsSchema.extend({
  hasImapPassword: z.boolean().optional(),
  hasSmtpPassword: z.boolean().optional(),
});

/**
 * Where an e-mail channel's transport stands (it reads its mailbox while the core runs):
 * `connecting`, `listening` (mode `idle`: the server tells it about new mail; `polling`: it looks
 * every minute), `retrying` (the connection failed or dropped; it tries again at `nextAttemptAt`),
 * `stopped` (switched off, not set up, or the core is not running). `problem` says what is wrong
 * (the mailbox, sending, or the agent), null when nothing is.
 */
export const emailTransportStatusSchema = z.object({
  state: z.enum(emailTransportStates),
  mode: z.enum(['idle', 'polling']).nullable(),
  problem: messageSchema.nullable(),
  since: timestampSchema,
  nextAttemptAt: timestampSchema.nullable(),
  lastMailAt: timestampSchema.nullable(),
  /** Mails answered and mails left alone (automatic, bulk, lists, its own) since the transport started. */
  answered: z.number().int().min(0),
  skipped: z.number().int().min(0),
});
export type EmailTransportStatus = z.infer<typeof emailTransportStatusSchema>;

const colourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'A colour as #RRGGBB' })
  .transform((value) => value.toLowerCase());

/** A logo the widget shows: an https (or local http) URL, or a small data: image. */
const logoUrlSchema = z
  .string()
  .trim()
  .max(100_000)
  .refine(
    (value) => /^(https?:\/\/[^\s"'<>]+|data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+)$/.test(value),
    {
      message: 'A logo is an http(s) URL or a data:image (png, jpeg, gif, webp)',
    },
  );

export const channelSchema = z.object({
  id: idSchema,
  agentId: idSchema,
  agentName: z.string(),
  kind: z.enum(channelKinds),
  name: z.string(),
  publicId: z.string(),
  allowedOrigins: z.array(z.string()),
  greeting: z.string(),
  colour: z.string(),
  logoUrl: z.string().nullable(),
  defaultLanguage: z.enum(languages),
  businessHours: businessHoursSchema.nullable(),
  /** What the agent says outside business hours (empty: a standard sentence in the customer's language). */
  closedMessage: z.string(),
  voice: z.boolean(),
  enabled: z.boolean(),
  emailSettings: emailSettingsViewSchema.nullable(),
  /** An e-mail channel's transport (null for other kinds). */
  transport: emailTransportStatusSchema.nullable().optional(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Channel = z.infer<typeof channelSchema>;

export const channelSaveInputSchema = z
  .object({
    /** Omitted: a new channel. */
    id: idSchema.optional(),
    agentId: idSchema,
    kind: z.enum(channelKinds),
    name: displayName({ min: 1, max: 100 }),
    allowedOrigins: z
      .array(originSchema)
      .max(50)
      .default([])
      .refine((list) => new Set(list).size === list.length, { message: 'Origins must not repeat' }),
    greeting: z.string().trim().max(500).default(''),
    colour: colourSchema.default('#2563eb'),
    logoUrl: logoUrlSchema.nullable().default(null),
    defaultLanguage: z.enum(languages).default('en'),
    businessHours: businessHoursSchema.nullable().default(null),
    closedMessage: z.string().trim().max(1000).default(''),
    voice: z.boolean().default(false),
    enabled: z.boolean().default(true),
    emailSettings: emailSettingsInputSchema.nullable().default(null),
  })
  .strict()
  .refine((input) => input.kind === 'email' || input.emailSettings === null, {
    message: 'Only an e-mail channel has e-mail settings',
    path: ['emailSettings'],
  });

export const channelsMethods = {
  'channels.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: "The organisation's channels (website chat, e-mail), optionally of one agent.",
    input: z.object({ agentId: idSchema.optional() }).strict().default({}),
    output: z.object({ items: z.array(channelSchema) }),
  }),
  'channels.save': defineMethod({
    // a channel switched on needs its kind in the plan (voice on a chat channel: the voice channel); switching off never does
    capability: (input) =>
      !input.enabled
        ? null
        : input.kind === 'email'
          ? 'channel_email'
          : input.voice
            ? 'channel_voice'
            : 'channel_web',
    access: 'operator',
    mutation: true,
    summary: 'Create or change a channel of an agent; answers it with its publicId.',
    input: channelSaveInputSchema,
    output: channelSchema,
  }),
  'channels.delete': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Delete a channel: its link and widget stop answering; its conversations stay.',
    input: z.object({ channelId: idSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
};
