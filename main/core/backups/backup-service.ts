import type Database from 'better-sqlite3';
import { mkdirSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { loadMigrations, type Migration } from '../../../db';
import type {
  BackupKind,
  BackupRow,
  BackupSettings,
  EventPayload,
  Message,
  RetentionPolicy,
} from '../../contract';
import type { Clock } from '../lib/clock';
import { AppError, notFound } from '../lib/errors';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import type { Notifier } from '../notify/types';
import type { SecretStore } from '../secrets/secret-store';
import { BackupScheduler } from './backup-scheduler';
import { describeBackup, listBackups, recordVerification, type CatalogEntry } from './catalog';
import { createBackup, type CreateBackupOptions, type CreatedBackup } from './create-backup';
import { BackupFileError } from './file-format';
import { inspectFolder, type FolderState } from './folder';
import { said, SaidError, type Said } from '../lib/message';
import {
  backupFailure,
  failureMessage,
  folderProblem,
  folderRefusal,
  unusableBackup,
  verificationFailure,
  verificationMessage,
} from './problems';
import { BackupKeys, keyIdOf } from './keys';
import { planRetention, type RetentionPlan } from './retention';
import { copyIntoLive, prepareRestore } from './restore-backup';
import { defaultBackupSettings, loadBackupSettings, saveBackupSettings } from './settings-store';
import { verifyBackup } from './verify-backup';

export interface BackupServiceDeps {
  sqlite: Database.Database;
  databaseFile: string;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  secrets: SecretStore;
  notifier: Notifier;
  appVersion: string;
  migrationsDir: string;
  /** better-sqlite3 built for Electron, for the worker that checks backups. */
  nativeBinding?: string;
  /** The first organisation, where installation-wide news (a failed backup) is told. */
  homeTenantId: () => string | null;
  /** Stops and restarts everything that writes on its own (runtime, schedules, Guardian). */
  pauseServices: () => void;
  resumeServices: () => void;
}

type Operation = EventPayload<'backup.progress'>['operation'];
type Phase = EventPayload<'backup.progress'>['phase'];

interface Running {
  operation: Operation;
  phase: Phase;
  percent: number;
  startedAt: number;
}

export interface RestoreOutcome {
  restored: BackupRow;
  preRestoreBackup: BackupRow;
  migrated: string[];
}

/** Whether a backup holds an organisation (a backup made before setup holds none). */
function holdsData(entry: CatalogEntry): boolean {
  return (entry.manifest?.tables.tenants ?? 0) > 0;
}

function requireUsableFolder(path: string): void {
  const folder = inspectFolder(path);
  if (!folder.ok) throw folderRefusal(folder, 'UNAVAILABLE');
}

/** Backups of the whole installation: create, verify, list, retain, restore, schedule. */
export class BackupService {
  readonly keys: BackupKeys;
  readonly scheduler: BackupScheduler;
  private readonly migrations: Migration[];
  private running: Running | null = null;
  private lastVerifiedAt: number | null = null;
  private lastBackupAt: number | null = null;
  /** What went wrong with the last backup or verification, until one succeeds. */
  private lastProblem: Said | null = null;
  private lastProgressAt = 0;
  private stopped = true;

  constructor(private readonly deps: BackupServiceDeps) {
    this.keys = new BackupKeys(deps.secrets);
    this.migrations = loadMigrations(deps.migrationsDir);
    this.scheduler = new BackupScheduler({
      clock: deps.clock,
      schedule: () => this.settings().schedule,
      lastBackupAt: () => this.lastBackupAt,
      // before setup there is nothing to back up: an empty installation is no backup to fall back on
      ready: () => deps.homeTenantId() !== null,
      run: async () => {
        if (this.running) return false;
        try {
          await this.create('scheduled');
          return true;
        } catch {
          return false;
        }
      },
    });
  }

  private get tempDir(): string {
    return join(this.deps.dataDir, 'tmp');
  }

  private get native(): { nativeBinding?: string } {
    return this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {};
  }

  private get limits() {
    return { schemaVersion: this.migrations.length };
  }

  settings(): BackupSettings {
    const settings = loadBackupSettings(this.deps.dataDir);
    // the default folder lives in the data folder and is made on demand; a chosen one must exist
    if (settings.folder === this.defaults().folder)
      mkdirSync(settings.folder, { recursive: true, mode: 0o700 });
    return settings;
  }

  defaults(): BackupSettings {
    return defaultBackupSettings(this.deps.dataDir);
  }

  folder(): FolderState {
    return inspectFolder(this.settings().folder);
  }

  /** For the Guardian: newest verified backup. */
  lastVerifiedBackupAt(): number | null {
    return this.lastVerifiedAt;
  }

  /** For the Guardian: why backups are not working, or null. */
  problem(): Said | null {
    const folder = this.folder();
    if (!folder.ok) return folderProblem(folder);
    return this.lastProblem;
  }

  runningState(): Running | null {
    return this.running ? { ...this.running } : null;
  }

  nextScheduledAt(): number | null {
    return this.scheduler.nextSlot(this.deps.clock.now());
  }

  async list(): Promise<CatalogEntry[]> {
    const entries = await listBackups(this.settings().folder, this.limits);
    this.remember(entries);
    return entries;
  }

  private remember(entries: CatalogEntry[]): void {
    // a backup of an installation not yet set up holds no organisation: nothing to fall back on
    const verified = entries.filter((e) => e.row.verification.status === 'verified' && holdsData(e));
    this.lastVerifiedAt = verified.length ? Math.max(...verified.map((e) => e.row.createdAt)) : null;
    const made = entries.filter(
      (e) => e.manifest && holdsData(e) && (e.row.kind === 'scheduled' || e.row.kind === 'manual'),
    );
    this.lastBackupAt = made.length ? Math.max(...made.map((e) => e.row.createdAt)) : null;
  }

  private progress(phase: Phase, percent: number): void {
    if (!this.running) return;
    const rounded = Math.max(0, Math.min(100, Math.round(percent)));
    this.running.phase = phase;
    this.running.percent = rounded;
    const now = performance.now();
    // at most ~10 events a second, but always the phase changes and 100 %
    if (now - this.lastProgressAt < 100 && rounded < 100) return;
    this.lastProgressAt = now;
    this.deps.events.emit(
      'backup.progress',
      { operation: this.running.operation, phase, percent: rounded },
      { kind: 'admins', tenantId: null },
    );
  }

  private async exclusive<T>(operation: Operation, work: () => Promise<T>): Promise<T> {
    if (this.running) {
      const restoring = this.running.operation === 'restore';
      throw new AppError(
        'CONFLICT',
        `A ${restoring ? 'restore' : 'backup'} is already running; wait for it to finish.`,
        { reason: restoring ? 'restore_running' : 'backup_running' },
      );
    }
    this.running = {
      operation,
      phase: operation === 'verify' ? 'verifying' : 'copying',
      percent: 0,
      startedAt: this.deps.clock.now(),
    };
    try {
      return await work();
    } finally {
      this.running = null;
    }
  }

  /** Tells the admins how an operation ended; `error`: why it failed, in English and as a message. */
  private finished(
    operation: Operation,
    backup: BackupRow | null,
    error: { text: string; message: Message } | null,
  ): void {
    this.deps.events.emit(
      'backup.finished',
      {
        operation,
        ok: error === null,
        backup,
        error: error?.text ?? null,
        errorMessage: error?.message ?? null,
      },
      { kind: 'admins', tenantId: null },
    );
  }

  private async tell(title: Said, body: Said | null): Promise<void> {
    const tenantId = this.deps.homeTenantId();
    if (!tenantId) return;
    try {
      await this.deps.notifier.notify(tenantId, {
        event: 'health.critical',
        severity: 'SEV2',
        title: title.text,
        body: body?.text ?? '',
        titleMessage: title.message,
        bodyMessages: body ? [body.message] : [],
        link: '#/backups',
      });
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'backup notification failed');
    }
  }

  /**
   * Right after setup: the first backup, of the organisation just made. The running app makes it in
   * the background; a one-shot command (`mindframe setup`) waits for it before it exits. A core that
   * was not started (tests, other commands) leaves it to the schedule.
   */
  async afterSetup(options: { wait: boolean }): Promise<void> {
    if (this.stopped && !options.wait) return;
    const first = this.create('scheduled').then(
      () => undefined,
      // create() has recorded, logged and told the failure; setup itself succeeded
      () => undefined,
    );
    if (options.wait) await first;
  }

  /** Backs up now and verifies the result; a failure is recorded, told and thrown. */
  create(kind: BackupKind): Promise<BackupRow> {
    return this.exclusive('backup', async () => {
      const settings = this.settings();
      try {
        requireUsableFolder(settings.folder);
        const row = await this.writeVerified(kind, settings, {
          onProgress: (phase, percent) => this.progress(phase, percent * 0.8),
          onVerify: (p) => this.progress('verifying', 80 + p * 0.2),
        });
        if (row.verification.status !== 'verified') {
          const code = row.verification.reasonCode;
          throw new AppError(
            'INTERNAL',
            `The new backup failed verification: ${row.verification.reason ?? ''}`,
            code
              ? { reason: 'backup_unverified', params: { problem: code } }
              : { reason: 'backup_unverified_unexplained' },
          );
        }
        this.lastProblem = null;
        // retention lists the folder and remembers what stays; for other kinds list it here
        if (kind === 'scheduled' || kind === 'manual') await this.applyRetention(settings.retention);
        else await this.list();
        this.finished('backup', row, null);
        return row;
      } catch (error) {
        const message =
          error instanceof AppError || error instanceof BackupFileError
            ? error.message
            : `The backup failed: ${(error as Error).message}`;
        this.lastProblem = backupFailure(error, message);
        this.deps.logger.error({ err: error, kind }, 'backup failed');
        this.finished('backup', null, { text: message, message: failureMessage(error) });
        await this.tell(said('notify.backup.failed'), this.lastProblem);
        throw error instanceof AppError
          ? error
          : new AppError(
              'INTERNAL',
              message,
              error instanceof BackupFileError ? unusableBackup(error.code) : { reason: 'backup_failed' },
            );
      }
    });
  }

  /** Writes a backup of the live database (or of sourceFile) and verifies it as written. */
  private async writeVerified(
    kind: BackupKind,
    settings: BackupSettings,
    options: {
      sourceFile?: string;
      now?: number;
      onProgress?: CreateBackupOptions['onProgress'];
      onVerify?: (percent: number) => void;
    } = {},
  ): Promise<BackupRow> {
    const created = await createBackup({
      sourceFile: options.sourceFile ?? this.deps.databaseFile,
      folder: settings.folder,
      tempDir: this.tempDir,
      kind,
      appVersion: this.deps.appVersion,
      migrations: this.migrations,
      ...this.native,
      key: settings.encryption ? this.keys.ensure() : null,
      now: options.now ?? this.deps.clock.now(),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    this.deps.logger.info({ file: created.file, kind, bytes: created.fileBytes }, 'backup written');
    return this.verifyPath(created.path, created.file, options.onVerify, created);
  }

  private async verifyPath(
    path: string,
    file: string,
    onProgress?: (p: number) => void,
    written?: { integrity: string; decoded: CreatedBackup['decoded'] },
  ): Promise<BackupRow> {
    const at = this.deps.clock.now();
    try {
      await verifyBackup(path, {
        key: this.keys.current(),
        tempDir: this.tempDir,
        migrations: this.migrations,
        ...this.native,
        ...(onProgress ? { onProgress } : {}),
        ...(written ? { copyIntegrity: written.integrity, decoded: written.decoded } : {}),
      });
      recordVerification(path, { status: 'verified', at, reason: null, reasonCode: null });
    } catch (error) {
      if (!(error instanceof BackupFileError)) throw error;
      recordVerification(path, { status: 'failed', at, reason: error.message, reasonCode: error.code });
    }
    return (await describeBackup(path, file, this.limits)).row;
  }

  private async entry(file: string): Promise<CatalogEntry> {
    const entries = await this.list();
    const found = entries.find((e) => e.row.file === file);
    if (!found) throw notFound('That backup');
    return found;
  }

  verify(file: string): Promise<BackupRow> {
    return this.exclusive('verify', async () => {
      const found = await this.entry(file);
      const row = await this.verifyPath(found.path, file, (p) => this.progress('verifying', p));
      if (row.verification.status === 'failed') {
        this.lastProblem = verificationFailure(
          file,
          row.verification.reasonCode,
          `Backup ${file} failed verification: ${row.verification.reason ?? ''}`,
        );
        await this.tell(said('notify.backup.verification_failed'), this.lastProblem);
      }
      await this.list();
      this.finished(
        'verify',
        row,
        row.verification.status === 'failed'
          ? {
              text: row.verification.reason ?? '',
              message: verificationMessage(row.verification.reasonCode),
            }
          : null,
      );
      return row;
    });
  }

  previewRetention(policy: RetentionPolicy, entries: CatalogEntry[]): RetentionPlan {
    return planRetention(
      entries
        .filter((e) => e.manifest !== null)
        .map((e) => ({
          file: e.row.file,
          createdAt: e.row.createdAt,
          kind: e.row.kind,
          verified: e.row.verification.status === 'verified',
        })),
      policy,
    );
  }

  /** Deletes what the policy does not keep; returns the deleted file names. */
  async applyRetention(policy: RetentionPolicy): Promise<string[]> {
    const entries = await listBackups(this.settings().folder, this.limits);
    const plan = this.previewRetention(policy, entries);
    const deleted: string[] = [];
    for (const victim of plan.delete) {
      const entry = entries.find((e) => e.row.file === victim.file)!;
      try {
        unlinkSync(entry.path);
        rmSync(`${entry.path}.verify.json`, { force: true });
        deleted.push(victim.file);
      } catch (error) {
        this.deps.logger.warn({ err: error, file: victim.file }, 'retention could not delete a backup');
      }
    }
    if (deleted.length) this.deps.logger.info({ deleted }, 'retention deleted backups');
    this.remember(entries.filter((e) => !deleted.includes(e.row.file)));
    return deleted;
  }

  async saveSettings(next: BackupSettings): Promise<{ settings: BackupSettings; deleted: string[] }> {
    const folder = inspectFolder(next.folder);
    if (!folder.ok) throw folderRefusal(folder, 'VALIDATION');
    if (next.encryption) this.keys.ensure();
    saveBackupSettings(this.deps.dataDir, next);
    // retention waits while a backup or restore runs; either way the folder is read again
    let deleted: string[] = [];
    if (this.running) await this.list();
    else deleted = await this.applyRetention(next.retention);
    return { settings: next, deleted };
  }

  exportKey(): { key: string; keyId: string } {
    const key = this.keys.ensure();
    return { key: key.toString('base64'), keyId: keyIdOf(key) };
  }

  /**
   * Restores a backup into the running app. Nothing changes until the backup is verified (and
   * migrated in a scratch copy); then a pre-restore backup is taken, the runtime pauses, the data
   * is replaced in one transaction and everything starts again.
   */
  restore(file: string): Promise<RestoreOutcome> {
    return this.exclusive('restore', async () => {
      let resumed = true;
      try {
        const found = await this.entry(file);
        if (found.row.notRestorable && found.row.verification.status !== 'failed')
          throw new AppError('VALIDATION', found.row.notRestorable, {
            field: 'file',
            ...unusableBackup(found.row.notRestorableCode, { version: found.row.appVersion }),
          });
        const prepared = await this.prepare(found.path);
        try {
          this.progress('copying', 40);
          const settings = this.settings();
          requireUsableFolder(settings.folder);
          const safetyRow = await this.writeVerified('pre-restore', settings, {
            onProgress: (_phase, percent) => this.progress('copying', 40 + percent * 0.3),
          });
          if (safetyRow.verification.status !== 'verified')
            throw new AppError(
              'INTERNAL',
              `The pre-restore backup failed verification, so nothing was restored: ${safetyRow.verification.reason ?? ''}`,
              { reason: 'restore_safety_unverified' },
            );
          this.progress('restoring', 75);
          this.deps.pauseServices();
          resumed = false;
          await copyIntoLive(this.deps.sqlite, this.deps.databaseFile, prepared);
          this.progress('restarting', 95);
          this.deps.resumeServices();
          resumed = true;
          this.lastProblem = null;
          const restored = (await describeBackup(found.path, file, this.limits)).row;
          await this.list();
          this.deps.logger.info(
            { file, preRestore: safetyRow.file, migrated: prepared.migrated },
            'backup restored',
          );
          this.finished('restore', restored, null);
          return { restored, preRestoreBackup: safetyRow, migrated: prepared.migrated };
        } finally {
          await prepared.discard();
        }
      } catch (error) {
        if (!resumed) this.deps.resumeServices();
        const message =
          error instanceof AppError || error instanceof BackupFileError
            ? error.message
            : `The restore failed and the previous data is still in place: ${(error as Error).message}`;
        this.deps.logger.error({ err: error, file }, 'restore failed');
        this.finished('restore', null, { text: message, message: failureMessage(error) });
        if (error instanceof AppError) throw error;
        if (error instanceof BackupFileError)
          throw new AppError('VALIDATION', message, { field: 'file', ...unusableBackup(error.code) });
        throw new AppError('INTERNAL', message, { reason: 'restore_failed' });
      }
    });
  }

  private async prepare(path: string) {
    return prepareRestore(path, {
      key: this.keys.current(),
      tempDir: this.tempDir,
      migrations: this.migrations,
      migrationsDir: this.deps.migrationsDir,
      carrySessionsFrom: this.deps.databaseFile,
      now: this.deps.clock.now(),
      onProgress: (phase, percent) => this.progress(phase, percent * 0.4),
    });
  }

  /** Newest verified backup, for the Guardian's "restore from backup" healing. */
  async restoreLatest(): Promise<Said> {
    const entries = await this.list();
    const latest = entries.find(
      (e) => e.row.verification.status === 'verified' && e.row.notRestorable === null && holdsData(e),
    );
    if (!latest) throw new SaidError(said('guardian.outcome.no_backup'));
    const outcome = await this.restore(latest.row.file);
    const [file, safety] = [outcome.restored.file, outcome.preRestoreBackup.file];
    return said(
      'guardian.outcome.restored',
      { file, safety },
      `Restored ${file}; the data before it is in ${safety}.`,
    );
  }

  /**
   * The copies migrate() takes before changing the schema are plain database files (it runs before
   * anything else exists); they become verified pre-migration backups here.
   */
  async packPreMigrationCopies(): Promise<string[]> {
    const looseDir = join(this.deps.dataDir, 'backups');
    let loose: string[];
    try {
      loose = readdirSync(looseDir).filter((f) => /^pre-migration-.*\.sqlite$/.test(f));
    } catch {
      return [];
    }
    const packed: string[] = [];
    const settings = this.settings();
    if (!inspectFolder(settings.folder).ok) return [];
    for (const name of loose) {
      const path = join(looseDir, name);
      const stamp = /^pre-migration-(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.sqlite$/.exec(name);
      const createdAt = stamp
        ? Date.parse(`${stamp[1]}T${stamp[2]}:${stamp[3]}:${stamp[4]}.${stamp[5]}Z`)
        : Math.round(statSync(path).mtimeMs);
      try {
        const row = await this.writeVerified('pre-migration', settings, { sourceFile: path, now: createdAt });
        if (row.verification.status === 'verified') {
          rmSync(path, { force: true });
          packed.push(row.file);
        }
      } catch (error) {
        this.deps.logger.warn({ err: error, file: name }, 'could not pack a pre-migration copy');
      }
    }
    return packed;
  }

  /** What a backup cut off by a crash left behind: its scratch copy and its unfinished file. */
  private removeLeftovers(): void {
    rmSync(this.tempDir, { recursive: true, force: true });
    const folder = this.settings().folder;
    try {
      for (const name of readdirSync(folder))
        if (name.startsWith('.') && name.endsWith('.mfbackup.partial'))
          rmSync(join(folder, name), { force: true });
    } catch {
      // the folder is missing: the folder check says so
    }
  }

  start(): void {
    this.stopped = false;
    this.removeLeftovers();
    void this.packPreMigrationCopies()
      .then(() => this.list())
      .then(
        () => {
          if (!this.stopped) this.scheduler.start();
        },
        (error: unknown) => this.deps.logger.warn({ err: error }, 'backup list failed at start'),
      );
  }

  stop(): void {
    this.stopped = true;
    this.scheduler.stop();
  }
}
