import { z } from 'zod';
import { schema } from '../../../../db';

/**
 * The tenant export file: gzip of JSON lines. Line 1 is the header, then one line per row
 * (`{"t":table,"r":{column:value}}`), and last an end line with the row counts, so that a file cut
 * short is recognised.
 */
export const transferFormat = 'mindframe-tenant-export';
export const transferFormatVersion = 1;
export const transferExtension = '.mftenant';

export const transferLimits = {
  /** Bytes of file per exportChunk answer. */
  chunkBytes: 1024 * 1024,
  /** Largest upload accepted for an import. */
  maxUploadBytes: 512 * 1024 * 1024,
  /** Longest single line once unpacked (a run with a large state, a long document). */
  maxLineBytes: 32 * 1024 * 1024,
  /** Most bytes an upload may unpack to: a guard against gzip bombs. */
  maxUnpackedBytes: 4 * 1024 * 1024 * 1024,
  /** How long an export file or an idle upload is kept. */
  lifetimeMs: 60 * 60 * 1000,
  sweepEveryMs: 5 * 60 * 1000,
  /** Uploads one person may have in progress at once. */
  uploadsPerUser: 4,
} as const;

const name = z.string().min(1).max(64);
const timestamp = z
  .number()
  .int()
  .min(0)
  .max(2 ** 47);

export const headerSchema = z
  .object({
    format: z.literal(transferFormat),
    version: z.number().int().min(1),
    exportedAt: timestamp,
    appVersion: z.string().max(100),
    schemaVersion: z.number().int().min(0),
    tenant: z
      .object({
        /** The tenant's id where it was exported: only used to recognise references to it. */
        id: z.string().min(1).max(64).optional(),
        name: z.string().trim().min(1).max(200),
        slug: z.string().max(100),
        /** A plan key (issue 16: tenants.plan names a row of plans; an unknown key becomes the default plan on import). */
        plan: z.string().trim().min(1).max(40),
        status: z.enum(schema.tenants.status.enumValues),
        createdAt: timestamp,
      })
      .strict(),
    auditChainVerified: z.boolean(),
  })
  .strict();
export type TransferHeader = z.infer<typeof headerSchema>;

export type CellValue = string | number | null;
export const rowLineSchema = z
  .object({
    t: name,
    r: z.record(name, z.union([z.string(), z.number(), z.null()])),
  })
  .strict();
export type RowLine = { t: string; r: Record<string, CellValue> };

export const endLineSchema = z
  .object({ end: z.literal(true), counts: z.record(name, z.number().int().min(0)) })
  .strict();

/** A file name for the download: `<slug>-<yyyy-mm-dd>.mftenant`. */
export function exportFileName(slug: string, at: number): string {
  const day = new Date(at).toISOString().slice(0, 10);
  return `${slug}-${day}${transferExtension}`;
}
