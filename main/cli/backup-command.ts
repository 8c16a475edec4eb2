import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { createCore } from '../core';
import { offlineList, offlineRestore, offlineVerify } from '../core/backups/offline';
import { BackupFileError } from '../core/backups/file-format';
import { BackupKeys, parseKey } from '../core/backups/keys';
import { loadBackupSettings } from '../core/backups/settings-store';
import { openSecretStore } from '../core/secrets/secret-store';
import { acquireDataDirLock } from '../core/lib/data-lock';
import { isDiskFull } from '../core/lib/disk-full';
import { UsageError } from './args';
import { sentenceFor } from './errors';
import type { CommandOptions } from './commands';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function keyFor(dataDir: string, values: CommandOptions['values']): Buffer | null {
  const keyFile = typeof values['key-file'] === 'string' ? values['key-file'] : undefined;
  if (keyFile) {
    const key = parseKey(readFileSync(keyFile, 'utf8'));
    if (!key)
      throw new UsageError(`${keyFile} does not hold a backup key (base64 of 32 bytes, as exported).`);
    return key;
  }
  try {
    return new BackupKeys(openSecretStore(dataDir, 'auto')).current();
  } catch {
    return null;
  }
}

/** A file named on the command line: a path, or the name of a backup in the backup folder. */
function backupPath(dataDir: string, file: string | undefined): string {
  if (!file) throw new UsageError('Name the backup file.');
  if (isAbsolute(file) || file.includes('/') || existsSync(file)) return resolve(file);
  return join(loadBackupSettings(dataDir).folder, file);
}

async function create(dataDir: string): Promise<number> {
  // an online backup: runs beside the app, so it takes no lock on the data folder
  const core = createCore({ dataDir, lock: false });
  try {
    const row = await core.services.backups.create('manual');
    console.log(
      `Backup written and verified: ${row.file} (${mib(row.bytes)}${row.encrypted ? ', encrypted' : ''})`,
    );
    return 0;
  } finally {
    core.stop();
  }
}

export async function backupCommand(
  { dataDir, values, appRoot }: CommandOptions,
  args: string[],
): Promise<number> {
  const [sub, file, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  let target: string | undefined;
  const named = () => (target = backupPath(dataDir, file));
  try {
    switch (sub) {
      case 'create':
        return await create(dataDir);
      case 'list':
        return await offlineList(dataDir, appRoot);
      case 'verify':
        return await offlineVerify(dataDir, appRoot, named(), keyFor(dataDir, values));
      case 'restore': {
        // refused while the app runs (its later writes would be lost); the app cannot start meanwhile
        const lock = acquireDataDirLock(dataDir, 'backup restore');
        try {
          return await offlineRestore(dataDir, appRoot, named(), keyFor(dataDir, values));
        } finally {
          lock.release();
        }
      }
      default:
        throw new UsageError(
          sub
            ? `Unknown backup command "${sub}".`
            : 'Say what to do: create, list, verify FILE or restore FILE.',
        );
    }
  } catch (error) {
    if (error instanceof BackupFileError) {
      // "cannot be read (EACCES)": the errno in words
      const errno = /\((E[A-Z]+)\)/.exec(error.message)?.[1];
      const text = errno ? sentenceFor({ code: errno, path: target }, { dataDir }) : error.message;
      console.error(`mindframe: ${text} Nothing was changed.`);
      return 1;
    }
    if (sub === 'create' && isDiskFull(error, dataDir)) {
      console.error(
        'mindframe: Disk full: the backup was not made, and nothing of it was left behind. Free some space, or choose a backup folder on another disk, and try again.',
      );
      return 1;
    }
    if (error instanceof UsageError) throw error;
    console.error(`mindframe: ${sentenceFor(error, { dataDir, ...(target ? { path: target } : {}) })}`);
    return 1;
  }
}
