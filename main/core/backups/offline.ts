import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadMigrations, openDatabase } from '../../../db';
import type { BackupRow } from '../../contract';
import type { Manifest } from './manifest';
import { AuditService } from '../audit/service';
import { databaseFileName, readAppVersion } from '../lib/app-info';
import { systemClock } from '../lib/clock';
import { EventBus } from '../lib/events';
import { listBackups } from './catalog';
import { createBackup } from './create-backup';
import { inspectFolder } from './folder';
import { prepareRestore, replaceDatabaseFile, restoredDatabaseProblem } from './restore-backup';
import { loadBackupSettings } from './settings-store';
import { verifyBackup } from './verify-backup';

/** Backup work for when the app is not running (the mindframe CLI prints what it answers). */

export interface OfflineBackupList {
  folder: string;
  /** Why the folder cannot be used, when it cannot. */
  folderProblem: string | null;
  backups: BackupRow[];
}

export async function offlineList(dataDir: string, appRoot: string): Promise<OfflineBackupList> {
  const settings = loadBackupSettings(dataDir);
  const folder = inspectFolder(settings.folder);
  const entries = await listBackups(settings.folder, {
    schemaVersion: loadMigrations(join(appRoot, 'db', 'migrations')).length,
  });
  return {
    folder: settings.folder,
    folderProblem: folder.ok ? null : folder.problem,
    backups: entries.map((entry) => entry.row),
  };
}

export async function offlineVerify(
  dataDir: string,
  appRoot: string,
  file: string,
  key: Buffer | null,
): Promise<Manifest> {
  const result = await verifyBackup(file, {
    key,
    tempDir: join(dataDir, 'tmp'),
    migrations: loadMigrations(join(appRoot, 'db', 'migrations')),
  });
  return result.info.manifest;
}

export interface OfflineRestoreOutcome {
  /** The backup of the database that was replaced, when it could be made. */
  preRestoreBackup: string | null;
  /** When the replaced database could not be backed up: why, and where its raw files were copied. */
  damaged: { reason: string; copiedTo: string } | null;
  /** Migrations that brought the backup up to date. */
  migrated: string[];
  /** Where the replaced files are. */
  replacedDir: string;
}

/**
 * Restores with the app stopped; works when the live database is damaged or missing. Nothing is
 * replaced until the backup is verified and migrated in a scratch copy.
 */
export async function offlineRestore(
  dataDir: string,
  appRoot: string,
  file: string,
  key: Buffer | null,
): Promise<OfflineRestoreOutcome> {
  const migrationsDir = join(appRoot, 'db', 'migrations');
  const migrations = loadMigrations(migrationsDir);
  const liveFile = join(dataDir, databaseFileName);
  const tempDir = join(dataDir, 'tmp');
  const now = Date.now();
  const prepared = await prepareRestore(file, { key, tempDir, migrations, migrationsDir, now });
  let preRestoreBackup: string | null = null;
  let damaged: OfflineRestoreOutcome['damaged'] = null;
  try {
    const settings = loadBackupSettings(dataDir);
    mkdirSync(settings.folder, { recursive: true, mode: 0o700 });
    if (existsSync(liveFile)) {
      try {
        const safety = await createBackup({
          sourceFile: liveFile,
          folder: settings.folder,
          tempDir,
          kind: 'pre-restore',
          appVersion: readAppVersion(appRoot),
          migrations,
          key: settings.encryption ? key : null,
          now,
        });
        await verifyBackup(safety.path, {
          key,
          tempDir,
          migrations,
          copyIntegrity: safety.integrity,
          decoded: safety.decoded,
        });
        preRestoreBackup = safety.file;
      } catch (error) {
        // a damaged database cannot be backed up: keep its raw files instead
        const keep = join(settings.folder, `damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`);
        mkdirSync(keep, { recursive: true, mode: 0o700 });
        for (const suffix of ['', '-wal', '-shm'])
          if (existsSync(liveFile + suffix))
            copyFileSync(liveFile + suffix, join(keep, databaseFileName + suffix));
        damaged = { reason: (error as Error).message, copiedTo: keep };
      }
    }
    const { replacedDir } = await replaceDatabaseFile(liveFile, prepared, now);
    const handle = openDatabase(liveFile);
    try {
      const problem = await restoredDatabaseProblem(handle.sqlite, liveFile, prepared.counts);
      if (problem) {
        handle.close();
        copyFileSync(join(replacedDir, databaseFileName), liveFile);
        throw new Error(
          `the restored database did not check out (${problem}); the previous one is back in place`,
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
    return { preRestoreBackup, damaged, migrated: prepared.migrated, replacedDir };
  } finally {
    await prepared.discard();
    rmSync(tempDir, { recursive: true, force: true });
  }
}
