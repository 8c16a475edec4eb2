import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput, timestampSchema } from '../common';
import {
  backupKinds,
  backupOperations,
  backupPhases,
  backupProblemCodes,
  folderProblemCodes,
  secretStores,
  verificationStatuses,
} from '../vocabulary';

export const backupKindSchema = z.enum(backupKinds);

/** A backup file's name inside the backup folder (never a path). */
export const backupFileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._-]+\.mfbackup$/, {
    message: 'Must be the name of a backup file in the backup folder',
  });

/** Why a backup cannot be used, for the UI to say in the user's language (reason has the details). */
export const backupProblemCodeSchema = z.enum(backupProblemCodes);

/** Why backups cannot be written to a folder. */
export const folderProblemCodeSchema = z.enum(folderProblemCodes);

export const backupVerificationSchema = z.object({
  status: z.enum(verificationStatuses),
  at: timestampSchema.nullable(),
  /** Why verification failed, in words a person can act on. */
  reason: z.string().nullable(),
  reasonCode: backupProblemCodeSchema.nullable(),
});

export const backupRowSchema = z.object({
  file: z.string(),
  createdAt: timestampSchema,
  kind: backupKindSchema,
  bytes: z.number().int(),
  databaseBytes: z.number().int(),
  encrypted: z.boolean(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  verification: backupVerificationSchema,
  /** Null when this app can restore it; otherwise why not (made by a newer version, failed, ...). */
  notRestorable: z.string().nullable(),
  notRestorableCode: backupProblemCodeSchema.nullable(),
});
export type BackupRow = z.infer<typeof backupRowSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Must be a time like 02:30' });

export const retentionPolicySchema = z
  .object({
    keepLast: z.number().int().min(1).max(1000),
    daily: z.number().int().min(0).max(366),
    weekly: z.number().int().min(0).max(520),
    monthly: z.number().int().min(0).max(240),
  })
  .strict();
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

export const backupScheduleSchema = z
  .object({
    enabled: z.boolean(),
    /** Hours between backups (0 = only the daily one). */
    everyHours: z.number().int().min(0).max(24),
    /** Local time of the daily backup, or null for none. */
    dailyAt: hhmm.nullable(),
  })
  .strict();

export const backupSettingsSchema = z
  .object({
    /** Absolute path of the backup folder; may be on another disk. */
    folder: z.string().trim().min(1).max(1000),
    schedule: backupScheduleSchema,
    retention: retentionPolicySchema,
    encryption: z.boolean(),
  })
  .strict();
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const backupFolderStateSchema = z.object({
  path: z.string(),
  ok: z.boolean(),
  /** Why backups cannot be written there, when not ok. */
  problem: z.string().nullable(),
  problemCode: folderProblemCodeSchema.nullable(),
  freeBytes: z.number().nullable(),
});

export const backupOperationSchema = z.enum(backupOperations);
export const backupPhaseSchema = z.enum(backupPhases);

export const backupRunningSchema = z.object({
  operation: backupOperationSchema,
  phase: backupPhaseSchema,
  percent: z.number().min(0).max(100),
  startedAt: timestampSchema,
});

export const backupsMethods = {
  'backups.list': defineMethod({
    access: 'platformAdmin',
    mutation: false,
    summary: 'Backups in the backup folder, newest first, with verification state and folder health.',
    input: emptyInput,
    output: z.object({
      backups: z.array(backupRowSchema),
      folder: backupFolderStateSchema,
      lastVerifiedAt: timestampSchema.nullable(),
      nextScheduledAt: timestampSchema.nullable(),
      running: backupRunningSchema.nullable(),
    }),
  }),
  'backups.create': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: 'Back up now (online), then verify the new backup; progress arrives as backup.progress events.',
    input: emptyInput,
    output: backupRowSchema,
  }),
  'backups.verify': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: 'Decrypt, decompress and check one backup; records verified or failed with the reason.',
    input: z.object({ file: backupFileNameSchema }).strict(),
    output: backupRowSchema,
  }),
  'backups.restore': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary:
      'Replace the live database with a backup: takes a pre-restore backup first, pauses the runtime, migrates an older backup forward, verifies, restarts.',
    input: z.object({ file: backupFileNameSchema }).strict(),
    output: z.object({
      restored: backupRowSchema,
      preRestoreBackup: backupRowSchema,
      /** Migrations applied because the backup came from an older version. */
      migrated: z.array(z.string()),
    }),
  }),
  'backups.settings': defineMethod({
    access: 'platformAdmin',
    mutation: false,
    summary: 'Backup folder, schedule, retention policy and encryption.',
    input: emptyInput,
    output: z.object({
      settings: backupSettingsSchema,
      defaults: backupSettingsSchema,
      /** Where the encryption key is kept (OS keychain or the encrypted file). */
      keyStore: z.enum(secretStores),
      hasKey: z.boolean(),
    }),
  }),
  'backups.saveSettings': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary:
      'Change backup settings; a changed retention policy applies at once and returns what it deleted.',
    input: backupSettingsSchema,
    output: z.object({ settings: backupSettingsSchema, deleted: z.array(z.string()) }),
  }),
  'backups.previewRetention': defineMethod({
    access: 'platformAdmin',
    mutation: false,
    summary: 'What a retention policy would keep and delete, without deleting anything.',
    input: z.object({ retention: retentionPolicySchema }).strict(),
    output: z.object({
      keep: z.array(z.string()),
      delete: z.array(z.object({ file: z.string(), createdAt: timestampSchema, kind: backupKindSchema })),
    }),
  }),
  'backups.exportKey': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary:
      'Show the backup encryption key (after the password) so it can be stored safely; without it encrypted backups cannot be restored elsewhere.',
    input: z.object({ password: z.string().min(1).max(256) }).strict(),
    output: z.object({ key: z.string(), keyId: z.string() }),
  }),
};
