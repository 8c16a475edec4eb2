import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupSettingsSchema, type BackupSettings } from '../../contract';

/**
 * Backup settings live in a file beside the database, not in it: restoring an older backup must
 * not move the backup folder or turn encryption off, and the CLI reads them with the app stopped.
 */
export const backupSettingsFile = 'backup-settings.json';

export function defaultBackupSettings(dataDir: string): BackupSettings {
  return {
    folder: join(dataDir, 'backups'),
    schedule: { enabled: true, everyHours: 6, dailyAt: '02:30' },
    retention: { keepLast: 10, daily: 7, weekly: 4, monthly: 12 },
    encryption: false,
  };
}

export function loadBackupSettings(dataDir: string): BackupSettings {
  const defaults = defaultBackupSettings(dataDir);
  try {
    const parsed = backupSettingsSchema.safeParse(
      JSON.parse(readFileSync(join(dataDir, backupSettingsFile), 'utf8')),
    );
    return parsed.success ? parsed.data : defaults;
  } catch {
    return defaults;
  }
}

export function saveBackupSettings(dataDir: string, settings: BackupSettings): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, backupSettingsFile);
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
