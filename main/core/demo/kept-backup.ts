import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackupService } from '../backups/backup-service';

/**
 * The demo's own copy of the verified backup its build made last (`demo.reset` restores it). The
 * backups folder is the backup domain's, and its retention deletes old backups as new ones are made
 * while a prospect explores; the copy under the data folder is the demo's and nothing prunes it.
 */
export function keptBackupPath(dataDir: string, file: string): string {
  return join(dataDir, 'demo', basename(file));
}

/** Copies the backup `file` (in the backups folder) to the demo's own folder. */
export async function keepDemoBackup(dataDir: string, backups: BackupService, file: string): Promise<void> {
  const entry = (await backups.list()).find((e) => e.row.file === file);
  if (!entry) throw new Error(`demo: the backup ${file} the build just made is not listed`);
  mkdirSync(join(dataDir, 'demo'), { recursive: true });
  const target = keptBackupPath(dataDir, file);
  copyFileSync(entry.path, `${target}.part`);
  renameSync(`${target}.part`, target);
}

/**
 * Makes sure the backup `file` is in the backups folder: when retention (or a person) removed it,
 * the demo's kept copy is put back under the same name. Returns whether the backup can be restored.
 */
export async function ensureDemoBackup(
  dataDir: string,
  backups: BackupService,
  file: string,
): Promise<boolean> {
  if ((await backups.list()).some((entry) => entry.row.file === file)) return true;
  const kept = keptBackupPath(dataDir, file);
  if (!existsSync(kept)) return false;
  const folder = backups.settings().folder;
  mkdirSync(folder, { recursive: true });
  const target = join(folder, basename(file));
  copyFileSync(kept, `${target}.part`);
  renameSync(`${target}.part`, target);
  return (await backups.list()).some((entry) => entry.row.file === file);
}
