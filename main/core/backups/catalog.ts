import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  backupKinds,
  backupProblemCodeSchema,
  type BackupKind,
  type BackupProblemCode,
  type BackupRow,
} from '../../contract';
import { BackupFileError, readBackupInfo } from './file-format';
import type { Manifest } from './manifest';

const verificationSchema = z.object({
  status: z.enum(['verified', 'failed']),
  at: z.number().int(),
  reason: z.string().nullable(),
  reasonCode: backupProblemCodeSchema.nullable().catch(null).default(null),
});
type Verification = z.infer<typeof verificationSchema>;

/** Verification results sit beside each backup, so the CLI and the app (and any restore) agree. */
const sidecarOf = (path: string) => `${path}.verify.json`;

export function recordVerification(path: string, result: z.input<typeof verificationSchema>): void {
  const sidecar = sidecarOf(path);
  writeFileSync(`${sidecar}.tmp`, JSON.stringify(result), { mode: 0o600 });
  renameSync(`${sidecar}.tmp`, sidecar);
}

function readVerification(path: string): Verification | null {
  try {
    const parsed = verificationSchema.safeParse(JSON.parse(readFileSync(sidecarOf(path), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface CatalogEntry {
  row: BackupRow;
  path: string;
  manifest: Manifest | null;
}

export interface RestoreLimits {
  /** Migrations this app knows. */
  schemaVersion: number;
}

function kindFromName(file: string): BackupKind {
  return backupKinds.find((kind) => file.endsWith(`-${kind}.mfbackup`)) ?? 'manual';
}

interface Problem {
  text: string;
  code: BackupProblemCode | null;
}

/** Why this app cannot restore a backup, or null. */
export function notRestorableReason(
  manifest: Manifest | null,
  verification: Verification | null,
  limits: RestoreLimits,
): Problem | null {
  if (!manifest)
    return {
      text: verification?.reason ?? 'The backup file cannot be read.',
      code: verification?.reasonCode ?? null,
    };
  if (manifest.schemaVersion > limits.schemaVersion)
    return {
      text: `Made by a newer version of Mindframe (${manifest.appVersion}, schema ${manifest.schemaVersion}); this app knows schema ${limits.schemaVersion}. Install the newer version to restore it.`,
      code: 'newer_version',
    };
  if (verification?.status === 'failed')
    return { text: verification.reason ?? 'Verification failed.', code: verification.reasonCode };
  return null;
}

const restorable = (problem: Problem | null) => ({
  notRestorable: problem?.text ?? null,
  notRestorableCode: problem?.code ?? null,
});

/** Rows for one backup file (reads only the manifest at its end). */
export async function describeBackup(
  path: string,
  file: string,
  limits: RestoreLimits,
): Promise<CatalogEntry> {
  const verification = readVerification(path);
  try {
    const info = await readBackupInfo(path);
    const m = info.manifest;
    return {
      path,
      manifest: m,
      row: {
        file,
        createdAt: m.createdAt,
        kind: m.kind,
        bytes: info.fileBytes,
        databaseBytes: m.databaseBytes,
        encrypted: m.encryption !== null,
        appVersion: m.appVersion,
        schemaVersion: m.schemaVersion,
        verification: verification
          ? {
              status: verification.status,
              at: verification.at,
              reason: verification.reason,
              reasonCode: verification.reasonCode,
            }
          : { status: 'unverified', at: null, reason: null, reasonCode: null },
        ...restorable(notRestorableReason(m, verification, limits)),
      },
    };
  } catch (error) {
    let stat: { size: number; mtimeMs: number } = { size: 0, mtimeMs: 0 };
    try {
      stat = statSync(path);
    } catch {
      // listed a moment ago; gone now
    }
    const reason = (error as Error).message;
    const reasonCode = error instanceof BackupFileError ? error.code : null;
    return {
      path,
      manifest: null,
      row: {
        file,
        createdAt: Math.round(stat.mtimeMs),
        kind: kindFromName(file),
        bytes: stat.size,
        databaseBytes: 0,
        encrypted: false,
        appVersion: '',
        schemaVersion: 0,
        verification: { status: 'failed', at: verification?.at ?? null, reason, reasonCode },
        notRestorable: reason,
        notRestorableCode: reasonCode,
      },
    };
  }
}

/** Every backup in the folder, newest first. */
export async function listBackups(folder: string, limits: RestoreLimits): Promise<CatalogEntry[]> {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.mfbackup') && !name.startsWith('.'));
  } catch {
    return [];
  }
  const entries = await Promise.all(names.map((name) => describeBackup(join(folder, name), name, limits)));
  return entries.sort((a, b) => b.row.createdAt - a.row.createdAt || b.row.file.localeCompare(a.row.file));
}
