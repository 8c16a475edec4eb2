import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput, idSchema, timestampSchema } from '../common';
import { auditBreakReasons } from '../vocabulary';

export const auditEntrySchema = z.object({
  id: idSchema,
  seq: z.number().int(),
  at: timestampSchema,
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditMethods = {
  'audit.list': defineMethod({
    access: 'admin',
    mutation: false,
    summary: 'Audit entries of the current tenant, newest first, filtered by text, action and time.',
    input: z
      .object({
        q: z.string().trim().max(200).optional(),
        action: z.string().trim().max(100).optional(),
        from: timestampSchema.optional(),
        to: timestampSchema.optional(),
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().int().nullable() }),
  }),
  'audit.verify': defineMethod({
    access: 'admin',
    mutation: false,
    summary: "Recompute the current tenant's hash chain and report the first broken link.",
    input: emptyInput,
    output: z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      broken: z
        .object({
          seq: z.number().int(),
          id: idSchema.nullable(),
          reason: z.enum(auditBreakReasons),
        })
        .nullable(),
    }),
  }),
};
