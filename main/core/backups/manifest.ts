import { z } from 'zod';
import { backupKindSchema } from '../../contract';

/** The newest backup file format this app reads. */
export const backupFormatVersion = 1;

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

export const encryptionInfoSchema = z
  .object({
    algorithm: z.literal('aes-256-gcm'),
    /** First 16 hex digits of SHA-256(key): says which key, without revealing it. */
    keyId: hex(16),
    iv: hex(24),
    tag: hex(32),
  })
  .strict();
export type EncryptionInfo = z.infer<typeof encryptionInfoSchema>;

/** Everything a backup says about itself; stored at the end of the file and read before anything else. */
export const manifestSchema = z
  .object({
    format: z.number().int().min(1),
    appVersion: z.string().max(50),
    schemaVersion: z.number().int().min(0),
    /** Tag of the newest migration in the backed-up database. */
    schemaTag: z.string().max(200).nullable(),
    createdAt: z.number().int(),
    kind: backupKindSchema,
    databaseSha256: hex(64),
    databaseBytes: z.number().int().min(0),
    payloadSha256: hex(64),
    payloadBytes: z.number().int().min(0),
    compression: z.literal('brotli'),
    encryption: encryptionInfoSchema.nullable(),
    tables: z.record(z.string().max(200), z.number().int().min(0)),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;
