import { openSecretStore } from '../secrets/secret-store';
import { BackupKeys } from './keys';
import { loadBackupSettings } from './settings-store';

/** The installation's backup key from its secret store, or null when there is none or no store opens. */
export function currentBackupKey(dataDir: string): Buffer | null {
  try {
    return new BackupKeys(openSecretStore(dataDir, 'auto')).current();
  } catch {
    return null;
  }
}

/** The folder backups are written to (the default one, or the one chosen in the settings). */
export function backupFolderOf(dataDir: string): string {
  return loadBackupSettings(dataDir).folder;
}
