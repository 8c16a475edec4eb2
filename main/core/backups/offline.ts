import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadMigrations, openDatabase } from '../../../db';
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

/** Backup commands for when the app is not running (the mindframe CLI); they print what they do. */
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export async function offlineList(dataDir: string, appRoot: string): Promise<number> {
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

export async function offlineVerify(
  dataDir: string,
  appRoot: string,
  file: string,
  key: Buffer | null,
): Promise<number> {
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
export async function offlineRestore(
  dataDir: string,
  appRoot: string,
  file: string,
  key: Buffer | null,
): Promise<number> {
  const migrationsDir = join(appRoot, 'db', 'migrations');
  const migrations = loadMigrations(migrationsDir);
  const liveFile = join(dataDir, databaseFileName);
  const tempDir = join(dataDir, 'tmp');
  const now = Date.now();
  const prepared = await prepareRestore(file, { key, tempDir, migrations, migrationsDir, now });
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
        console.log(`Pre-restore backup: ${safety.file}`);
      } catch (error) {
        // a damaged database cannot be backed up: keep its raw files instead
        const keep = join(settings.folder, `damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`);
        mkdirSync(keep, { recursive: true, mode: 0o700 });
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
    console.log(
      `Restored ${basename(file)}${prepared.migrated.length ? ` (brought up to date: ${prepared.migrated.join(', ')})` : ''}. The replaced files are in ${replacedDir}.`,
    );
    return 0;
  } finally {
    await prepared.discard();
    rmSync(tempDir, { recursive: true, force: true });
  }
}
