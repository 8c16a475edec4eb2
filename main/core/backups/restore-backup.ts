import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { migrate, openDatabase, type Migration } from '../../../db';
import { syncFolder } from './create-backup';
import { BackupFileError } from './file-format';
import { inspectDatabase } from './inspect-database';
import { verifyBackup } from './verify-backup';

export interface PrepareRestoreOptions {
  key: Buffer | null;
  /** Must be on the same disk as the live database when it will be renamed into place. */
  tempDir: string;
  migrations: Migration[];
  migrationsDir: string;
  /** Sessions of this (live) database are carried over, so signed-in people stay signed in. */
  carrySessionsFrom?: string;
  now: number;
  onProgress?: (phase: 'verifying' | 'migrating', percent: number) => void;
}

export interface PreparedRestore {
  databasePath: string;
  migrated: string[];
  counts: Record<string, number>;
  discard(): Promise<void>;
}

/**
 * Turns a backup into a database ready to be put in place, without touching the live one: verify,
 * refuse a newer schema, migrate an older one forward, carry over live sessions, check integrity.
 */
export async function prepareRestore(
  backupPath: string,
  options: PrepareRestoreOptions,
): Promise<PreparedRestore> {
  const verified = await verifyBackup(backupPath, {
    key: options.key,
    tempDir: options.tempDir,
    migrations: options.migrations,
    keepDatabase: true,
    onProgress: (p) => options.onProgress?.('verifying', p),
  });
  const databasePath = verified.databasePath!;
  const discard = async () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(databasePath + suffix, { force: true });
  };
  try {
    const { manifest } = verified.info;
    if (manifest.schemaVersion > options.migrations.length)
      throw new BackupFileError(
        'newer_version',
        `This backup was made by a newer version of Mindframe (${manifest.appVersion}, schema ${manifest.schemaVersion}); this app knows schema ${options.migrations.length}. Install the newer version to restore it.`,
      );
    const unknown = verified.schema?.unknown ?? 0;
    if (unknown > 0)
      throw new BackupFileError(
        'newer_version',
        `This backup was made by a newer version of Mindframe (${manifest.appVersion}): it has ${unknown} database change(s) this app does not know.`,
      );
    options.onProgress?.('migrating', 0);
    const handle = openDatabase(databasePath);
    let migrated: string[];
    try {
      const scratch = join(options.tempDir, `pre-migration-${randomBytes(4).toString('hex')}`);
      migrated = migrate(handle, {
        migrationsDir: options.migrationsDir,
        backupDir: scratch,
        now: () => options.now,
      }).applied;
      rmSync(scratch, { recursive: true, force: true });
      if (options.carrySessionsFrom) carrySessions(handle.sqlite, options.carrySessionsFrom, options.now);
      const check = (handle.sqlite.pragma('integrity_check') as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join('; ');
      if (check !== 'ok')
        throw new BackupFileError('integrity', `The restored database failed its integrity check: ${check}`);
      handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      handle.sqlite.pragma('journal_mode = DELETE');
    } finally {
      handle.close();
    }
    const { tables: counts } = await inspectDatabase(databasePath);
    options.onProgress?.('migrating', 100);
    return { databasePath, migrated, counts, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}

function carrySessions(target: Database.Database, liveFile: string, now: number): void {
  target.prepare('ATTACH DATABASE ? AS live').run(liveFile);
  try {
    const columns = (target.pragma('main.table_info(sessions)') as { name: string }[]).map(
      (c) => `"${c.name}"`,
    );
    const liveColumns = new Set(
      (target.pragma('live.table_info(sessions)') as { name: string }[]).map((c) => `"${c.name}"`),
    );
    const shared = columns.filter((c) => liveColumns.has(c)).join(', ');
    target
      .prepare(
        `INSERT OR REPLACE INTO main.sessions (${shared})
         SELECT ${shared} FROM live.sessions s
          WHERE s.revoked_at IS NULL AND s.expires_at > ?
            AND s.user_id IN (SELECT id FROM main.users) AND s.tenant_id IN (SELECT id FROM main.tenants)`,
      )
      .run(now);
  } catch {
    // a damaged live database must not stop a restore: people then sign in again
  } finally {
    target.exec('DETACH DATABASE live');
  }
}

/**
 * Puts a prepared database into the running app's database file with SQLite's backup API, in one
 * step: the copy is a single write transaction of the live database, so it either lands whole or
 * rolls back, and every open connection and prepared statement sees the new contents afterwards.
 */
export async function copyIntoLive(
  live: Database.Database,
  liveFile: string,
  prepared: PreparedRestore,
): Promise<void> {
  const source = new Database(prepared.databasePath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(liveFile, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const problem = await restoredDatabaseProblem(live, liveFile, prepared.counts);
  if (problem) throw new Error(`The database did not check out right after the restore: ${problem}`);
}

/** What is wrong with a database just put in place (quick_check, rows per table), or null. */
export async function restoredDatabaseProblem(
  live: Database.Database,
  liveFile: string,
  expected: Record<string, number>,
): Promise<string | null> {
  const check = (live.pragma('quick_check') as { quick_check: string }[])
    .map((r) => r.quick_check)
    .join('; ');
  if (check !== 'ok') return `its check found ${check}`;
  const { tables: counts } = await inspectDatabase(liveFile);
  for (const [table, rows] of Object.entries(expected)) {
    if (counts[table] !== rows) return `table ${table} has ${counts[table] ?? 0} rows instead of ${rows}`;
  }
  return null;
}

/**
 * For the CLI, with the app stopped: writes the prepared database beside the live one, flushes it,
 * moves the old file's write-ahead log aside and renames the new file into place. The old files
 * are kept in <dataDir>/replaced-<time>/ until the next restore.
 */
export async function replaceDatabaseFile(
  liveFile: string,
  prepared: PreparedRestore,
  now: number,
): Promise<{ replacedDir: string }> {
  const dataDir = dirname(liveFile);
  const beside = `${liveFile}.restoring`;
  copyFileSync(prepared.databasePath, beside);
  const handle = await open(beside, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  const replacedDir = join(dataDir, `replaced-${new Date(now).toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(replacedDir, { recursive: true, mode: 0o700 });
  if (existsSync(liveFile)) copyFileSync(liveFile, join(replacedDir, 'mindframe.sqlite'));
  for (const suffix of ['-wal', '-shm', '-journal']) {
    // a stale log next to the new file would be replayed onto it
    if (existsSync(liveFile + suffix))
      renameSync(liveFile + suffix, join(replacedDir, `mindframe.sqlite${suffix}`));
  }
  renameSync(beside, liveFile);
  await syncFolder(dataDir);
  return { replacedDir };
}
