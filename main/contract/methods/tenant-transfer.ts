import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, orgNameSchema } from '../common';
import { tenantAdminRowSchema } from './tenants';

/** Rows per table in a tenant export file. */
export const transferCountsSchema = z.record(z.string(), z.number().int());

const transferIdSchema = z.string().regex(/^[0-9a-f]{32}$/, { message: 'Must be a transfer id' });
/** One chunk of a file moved through the contract, base64 (at most 1 MiB of data). */
const chunkDataSchema = z
  .string()
  .max(1_400_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'Must be base64' });

export const tenantTransferMethods = {
  'tenants.export': defineMethod({
    access: 'owner',
    mutation: true,
    summary:
      "Write the current tenant's data (agents, versions, runs, members, audit log, ...) to one export file; download it with tenants.exportChunk.",
    /** `tenantId`: a platform admin may export another organisation (before deleting it). */
    input: z.object({ tenantId: idSchema.optional() }).strict(),
    output: z.object({
      exportId: transferIdSchema,
      fileName: z.string(),
      bytes: z.number().int(),
      sha256: z.string(),
      counts: transferCountsSchema,
    }),
  }),
  'tenants.exportChunk': defineMethod({
    access: 'owner',
    mutation: false,
    summary: 'One chunk of an export file made by this tenant (base64).',
    input: z
      .object({ exportId: transferIdSchema, offset: z.number().int().min(0), tenantId: idSchema.optional() })
      .strict(),
    output: z.object({
      data: z.string(),
      offset: z.number().int(),
      bytes: z.number().int(),
      done: z.boolean(),
    }),
  }),
  'tenants.importChunk': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: 'Upload one chunk of a tenant export file; omit importId on the first chunk.',
    input: z
      .object({
        importId: transferIdSchema.optional(),
        offset: z.number().int().min(0),
        data: chunkDataSchema,
      })
      .strict(),
    output: z.object({ importId: transferIdSchema, received: z.number().int() }),
  }),
  'tenants.import': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary:
      'Create a new tenant from an uploaded export file, with new ids and all references kept. Refuses newer formats and broken files, changing nothing.',
    input: z.object({ importId: transferIdSchema, name: orgNameSchema.optional() }).strict(),
    output: z.object({ tenant: tenantAdminRowSchema, counts: transferCountsSchema }),
  }),
};
