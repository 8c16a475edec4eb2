import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, timestampSchema } from '../common';
import { parseCidr } from '../cidr';
import { securityEventKinds, securitySeverities } from '../vocabulary';

export const securitySeveritySchema = z.enum(securitySeverities);

/** What the threat detection knows about. Hosts and core services report through the monitor. */
export const securityEventKindSchema = z.enum(securityEventKinds);

export const securityEventSchema = z.object({
  id: idSchema,
  /** Null for an installation-level event (platform admins). */
  tenantId: idSchema.nullable(),
  at: timestampSchema,
  /** When the last occurrence of a burst was seen. */
  lastAt: timestampSchema,
  kind: securityEventKindSchema,
  severity: securitySeveritySchema,
  ip: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  /** How many times it happened in its window. */
  count: z.number().int(),
  details: z.record(z.string(), z.unknown()),
  incidentId: idSchema.nullable(),
});
export type SecurityEvent = z.infer<typeof securityEventSchema>;

export const cidrSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .refine((value) => parseCidr(value) !== null, {
    message: 'Must be an IPv4 or IPv6 address or range, such as 192.168.1.0/24 or 2001:db8::/32',
    params: { reason: 'invalid_ip_range' },
  });

export const securitySettingsSchema = z.object({
  /** Admins and owners must sign in with two-factor authentication. */
  requireTwoFactor: z.boolean(),
  /** The installation's IP allow-list; null when the caller is not a platform admin. Empty allows all. */
  ipAllowList: z.array(z.string()).nullable(),
  /** The address the caller is seen from, so the editor can warn before locking it out. */
  yourIp: z.string().nullable(),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const sessionInfoSchema = z.object({
  id: idSchema,
  userId: idSchema,
  createdAt: timestampSchema,
  lastSeenAt: timestampSchema,
  expiresAt: timestampSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** A short label: "Chrome on Windows", "Mindframe desktop", ... */
  device: z.string(),
  /** The session making this call. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const securityMethods = {
  'security.events': defineMethod({
    access: 'admin',
    mutation: false,
    summary:
      'Security events of the tenant (platform admins also see installation-level ones), newest first.',
    input: z
      .object({
        severity: securitySeveritySchema.optional(),
        /** Only this severity and above. */
        minSeverity: securitySeveritySchema.optional(),
        kind: securityEventKindSchema.optional(),
        since: timestampSchema.optional(),
        offset: z.number().int().min(0).max(100_000).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ events: z.array(securityEventSchema), total: z.number().int() }),
  }),
  'security.settings': defineMethod({
    access: 'owner',
    mutation: false,
    summary: 'Security settings: two-factor requirement, and for platform admins the IP allow-list.',
    input: z.object({}).strict(),
    output: securitySettingsSchema,
  }),
  'security.saveSettings': defineMethod({
    access: 'owner',
    mutation: true,
    summary: 'Change the two-factor requirement (owners) or the IP allow-list (platform admins).',
    input: z
      .object({
        requireTwoFactor: z.boolean().optional(),
        ipAllowList: z.array(cidrSchema).max(200).optional(),
      })
      .strict(),
    output: securitySettingsSchema,
  }),
  'sessions.list': defineMethod({
    access: 'user',
    mutation: false,
    summary: "The caller's live sessions; an admin may name a member to see theirs in this tenant.",
    input: z.object({ userId: idSchema.optional() }).strict(),
    output: z.object({ sessions: z.array(sessionInfoSchema) }),
  }),
  'sessions.revoke': defineMethod({
    access: 'user',
    mutation: true,
    summary: "End one of the caller's sessions, or (admins) a member's session in this tenant.",
    input: z.object({ sessionId: idSchema }).strict(),
    output: z.object({ ok: z.literal(true), current: z.boolean() }),
  }),
};
