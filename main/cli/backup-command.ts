import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { loadMigrations, openDatabase } from '../../db';
import { createCore, databaseFileName } from '../core';
import { AuditService } from '../core/audit/service';
import { listBackups } from '../core/backups/catalog';
import { createBackup } from '../core/backups/create-backup';
import { BackupFileError } from '../core/backups/file-format';
import { inspectFolder } from '../core/backups/folder';
import { BackupKeys, parseKey } from '../core/backups/keys';
import { prepareRestore, replaceDatabaseFile } from '../core/backups/restore-backup';
import { loadBackupSettings } from '../core/backups/settings-store';
import { tableCounts } from '../core/backups/snapshot-facts';
import { verifyBackup } from '../core/backups/verify-backup';
import { systemClock } from '../core/lib/clock';
import { EventBus } from '../core/lib/events';
import { openSecretStore } from '../core/secrets/secret-store';
import { UsageError } from './args';
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
  const core = createCore({ dataDir });
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

async function list(dataDir: string, appRoot: string): Promise<number> {
  const settings = loadBackupSettings(dataDir);
  const folder = inspectFolder(settings.folder);
  console.log(`Backup folder: ${settings.folder}${folder.ok ? '' : ` (${folder.problem})`}`);
  const entries = await listBackups(settings.folder, {
    schemaVersion: loadMigrations(join(appRoot, 'db', 'migrations')).length,
  });
  if (entries.length === 0) console.log('No backups yet.');
  for (const { row } of entries) {
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
  return 0;
}

async function verify(dataDir: string, appRoot: string, file: string, key: Buffer | null): Promise<number> {
  const result = await verifyBackup(file, {
    key,
    tempDir: join(dataDir, 'tmp'),
    migrations: loadMigrations(join(appRoot, 'db', 'migrations')),
  });
  const m = result.info.manifest;
  console.log(
    `Verified: ${basename(file)} — made ${new Date(m.createdAt).toISOString()} by Mindframe ${m.appVersion} (schema ${m.schemaVersion}), ${Object.keys(m.tables).length} tables, integrity ok.`,
  );
  return 0;
}

/**
 * Restores with the app stopped; works when the live database is damaged or missing. Nothing is
 * replaced until the backup is verified and migrated in a scratch copy.
 */
async function restore(dataDir: string, appRoot: string, file: string, key: Buffer | null): Promise<number> {
  const migrationsDir = join(appRoot, 'db', 'migrations');
  const migrations = loadMigrations(migrationsDir);
  const liveFile = join(dataDir, databaseFileName);
  const tempDir = join(dataDir, 'tmp');
  const now = Date.now();
  const prepared = await prepareRestore(file, { key, tempDir, migrations, migrationsDir, now });
  try {
    const settings = loadBackupSettings(dataDir);
    mkdirSync(settings.folder, { recursive: true });
    if (existsSync(liveFile)) {
      try {
        const live = new Database(liveFile, { fileMustExist: true });
        try {
          const safety = await createBackup({
            source: live,
            folder: settings.folder,
            tempDir,
            kind: 'pre-restore',
            appVersion: 'cli',
            migrations,
            key: settings.encryption ? key : null,
            now,
          });
          await verifyBackup(safety.path, { key, tempDir, migrations });
          console.log(`Pre-restore backup: ${safety.file}`);
        } finally {
          live.close();
        }
      } catch (error) {
        // a damaged database cannot be backed up: keep its raw files instead
        const keep = join(settings.folder, `damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`);
        mkdirSync(keep, { recursive: true });
        for (const suffix of ['', '-wal', '-shm'])
          if (existsSync(liveFile + suffix))
            copyFileSync(liveFile + suffix, join(keep, databaseFileName + suffix));
        console.log(
          `The current database could not be backed up (${(error as Error).message}); its files were copied to ${keep}`,
        );
      }
    }
    const { replacedDir } = await replaceDatabaseFile(liveFile, prepared, now);
    const handle = openDatabase(liveFile);
    try {
      const check = (handle.sqlite.pragma('quick_check') as { quick_check: string }[])
        .map((r) => r.quick_check)
        .join('; ');
      const counts = tableCounts(handle.sqlite);
      const mismatch = Object.entries(prepared.counts).find(([table, n]) => counts[table] !== n);
      if (check !== 'ok' || mismatch) {
        handle.close();
        copyFileSync(join(replacedDir, databaseFileName), liveFile);
        throw new Error(
          `the restored database did not check out (${check !== 'ok' ? check : `table ${mismatch![0]}`}); the previous one is back in place`,
        );
      }
      const home = handle.sqlite.prepare('SELECT id FROM tenants ORDER BY created_at LIMIT 1').get() as
        { id: string } | undefined;
      if (home)
        new AuditService(handle.sqlite, systemClock, new EventBus()).append([
          {
            tenantId: home.id,
            actorId: null,
            actorName: 'mindframe CLI',
            action: 'backups.restore',
            targetType: 'backup',
            targetId: basename(file),
            details: { migrated: prepared.migrated, via: 'cli' },
          },
        ]);
    } finally {
      handle.close();
    }
    console.log(
      `Restored ${basename(file)}${prepared.migrated.length ? ` (brought up to date: ${prepared.migrated.join(', ')})` : ''}. The replaced files are in ${replacedDir}.`,
    );
    return 0;
  } finally {
    await prepared.discard();
    rmSync(tempDir, { recursive: true, force: true });
  }
}

export async function backupCommand(
  { dataDir, values, appRoot }: CommandOptions,
  args: string[],
): Promise<number> {
  const [sub, file, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  try {
    switch (sub) {
      case 'create':
        return await create(dataDir);
      case 'list':
        return await list(dataDir, appRoot);
      case 'verify':
        return await verify(dataDir, appRoot, backupPath(dataDir, file), keyFor(dataDir, values));
      case 'restore':
        return await restore(dataDir, appRoot, backupPath(dataDir, file), keyFor(dataDir, values));
      default:
        throw new UsageError(
          sub
            ? `Unknown backup command "${sub}".`
            : 'Say what to do: create, list, verify FILE or restore FILE.',
        );
    }
  } catch (error) {
    if (error instanceof BackupFileError) {
      console.error(`mindframe: ${error.message} Nothing was changed.`);
      return 1;
    }
    throw error;
  }
}
