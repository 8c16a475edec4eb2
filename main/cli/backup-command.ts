import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import {
  acquireDataDirLock,
  backupFolderOf,
  backupNow,
  BackupFileError,
  createCore,
  currentBackupKey,
  isDiskFull,
  offlineList,
  offlineRestore,
  offlineVerify,
  parseBackupKey,
} from '../core';
import { UsageError } from './args';
import { sentenceFor } from './errors';
import type { OfflineBackupList, OfflineRestoreOutcome } from '../core';
import type { CommandOptions } from './commands';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function keyFor(dataDir: string, values: CommandOptions['values']): Buffer | null {
  const keyFile = typeof values['key-file'] === 'string' ? values['key-file'] : undefined;
  if (keyFile) {
    const key = parseBackupKey(readFileSync(keyFile, 'utf8'));
    if (!key)
      throw new UsageError(`${keyFile} does not hold a backup key (base64 of 32 bytes, as exported).`);
    return key;
  }
  return currentBackupKey(dataDir);
}

/** A file named on the command line: a path, or the name of a backup in the backup folder. */
function backupPath(dataDir: string, file: string | undefined): string {
  if (!file) throw new UsageError('Name the backup file.');
  if (isAbsolute(file) || file.includes('/') || existsSync(file)) return resolve(file);
  return join(backupFolderOf(dataDir), file);
}

async function create(dataDir: string): Promise<number> {
  // an online backup: runs beside the app, so it takes no lock on the data folder
  const core = createCore({ dataDir, lock: false });
  try {
    const row = await backupNow(core);
    console.log(
      `Backup written and verified: ${row.file} (${mib(row.bytes)}${row.encrypted ? ', encrypted' : ''})`,
    );
    return 0;
  } finally {
    core.stop();
  }
}

function printList(list: OfflineBackupList): void {
  console.log(`Backup folder: ${list.folder}${list.folderProblem ? ` (${list.folderProblem})` : ''}`);
  if (list.backups.length === 0) console.log('No backups yet.');
  for (const row of list.backups) {
    const state =
      row.verification.status === 'failed' ? `failed: ${row.verification.reason}` : row.verification.status;
    console.log(
      [
        new Date(row.createdAt).toISOString(),
        row.kind.padEnd(13),
        mib(row.bytes).padStart(10),
        row.encrypted ? 'encrypted' : 'plain    ',
        state,
        row.file,
      ].join('  '),
    );
  }
}

function printRestore(file: string, outcome: OfflineRestoreOutcome): void {
  if (outcome.preRestoreBackup) console.log(`Pre-restore backup: ${outcome.preRestoreBackup}`);
  if (outcome.damaged)
    console.log(
      `The current database could not be backed up (${outcome.damaged.reason}); its files were copied to ${outcome.damaged.copiedTo}`,
    );
  const migrated = outcome.migrated.length ? ` (brought up to date: ${outcome.migrated.join(', ')})` : '';
  console.log(`Restored ${basename(file)}${migrated}. The replaced files are in ${outcome.replacedDir}.`);
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
        printList(await offlineList(dataDir, appRoot));
        return 0;
      case 'verify': {
        const file = named();
        const m = await offlineVerify(dataDir, appRoot, file, keyFor(dataDir, values));
        console.log(
          `Verified: ${basename(file)} — made ${new Date(m.createdAt).toISOString()} by Mindframe ${m.appVersion} (schema ${m.schemaVersion}), ${Object.keys(m.tables).length} tables, integrity ok.`,
        );
        return 0;
      }
      case 'restore': {
        // refused while the app runs (its later writes would be lost); the app cannot start meanwhile
        const lock = acquireDataDirLock(dataDir, 'backup restore');
        try {
          const file = named();
          printRestore(file, await offlineRestore(dataDir, appRoot, file, keyFor(dataDir, values)));
          return 0;
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
