import type Database from 'better-sqlite3';
import { appendFileSync, closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { loadMigrations, schemaState, type AppDb, type DbHandle } from '../../../../db';
import { orgNameSchema, type TenantAdminRow } from '../../../contract';
import type { Clock } from '../../lib/clock';
import { AppError, conflict, notFound } from '../../lib/errors';
import { validationReason } from '../../lib/validation-reasons';
import type { EventBus } from '../../lib/events';
import type { Logger } from '../../lib/logger';
import { gzipExport, writeExportLines } from './export-writer';
import {
  exportFileName,
  transferFormat,
  transferFormatVersion,
  transferLimits,
  type TransferHeader,
} from './format';
import { checkImportFile } from './import-checker';
import { writeImport } from './import-writer';
import { referenceEdges } from './references';
import { buildTransferPlan, type TransferPlan } from './table-plan';
import { TransferFiles, type UploadFile } from './transfer-files';

export interface TenantTransferDeps {
  sqlite: Database.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  appVersion: string;
  /** Directory of the app's migrations (for the schema version of this app). */
  migrationsDir: string;
  /** What the other domains give a new organisation (an imported one too: defaults it did not bring). */
  lifecycle?: { created(tenantId: string): void };
  /**
   * The plan an imported organisation is on: the export's plan when this installation has it (the
   * billing domain), else the default plan. Without it: the export's plan as it is.
   */
  planOnImport?: (exported: string) => string;
}

export interface ExportSummary {
  exportId: string;
  fileName: string;
  bytes: number;
  sha256: string;
  counts: Record<string, number>;
}

export interface ImportOutcome {
  tenant: TenantAdminRow;
  counts: Record<string, number>;
  header: TransferHeader;
  /** Members who have no password in this installation and need a new invitation. */
  invitedAgain: number;
}

type Phase = 'reading' | 'writing' | 'checking' | 'done';

/** Progress of one transfer, sent to the session that asked for it (at most every 10%). */
class Progress {
  private last: { phase: Phase; percent: number } | null = null;
  constructor(
    private readonly events: EventBus,
    private readonly sessionId: string,
    private readonly direction: 'export' | 'import',
  ) {}

  report(phase: Phase, fraction: number): void {
    const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (this.last && this.last.phase === phase && percent < 100 && percent - this.last.percent < 10) return;
    if (this.last && this.last.phase === phase && percent === this.last.percent) return;
    this.last = { phase, percent };
    this.events.emit(
      'tenant.transfer',
      { direction: this.direction, phase, percent },
      { kind: 'session', sessionId: this.sessionId },
    );
  }
}

/** Tenant export files and uploads in progress; export/import of one tenant's data. */
export class TenantTransferService {
  private readonly files: TransferFiles;
  private readonly logger: Logger;

  constructor(readonly deps: TenantTransferDeps) {
    this.logger = deps.logger.child({ module: 'transfers' });
    this.files = new TransferFiles(deps.dataDir, deps.clock, this.logger);
  }

  /** Migrations applied to this database and shipped with this app (the file's schemaVersion). */
  private schemaVersions(): { database: number; app: number } {
    // schemaState only reads through the connection
    const state = schemaState(
      { sqlite: this.deps.sqlite } as DbHandle,
      loadMigrations(this.deps.migrationsDir),
    );
    return { database: state.databaseVersion, app: state.appVersion };
  }

  /** What a tenant export holds, from this installation's schema. */
  plan(): TransferPlan {
    const plan = buildTransferPlan(this.deps.sqlite, referenceEdges());
    if (plan.unclassified.length > 0)
      this.logger.warn({ tables: plan.unclassified }, 'tables not covered by tenant export');
    return plan;
  }

  /** Writes the tenant's export file; it can be downloaded by the same person for an hour. */
  async exportTenant(input: {
    tenantId: string;
    userId: string;
    sessionId: string;
    auditChainVerified: boolean;
  }): Promise<ExportSummary> {
    const { sqlite, clock } = this.deps;
    const tenant = sqlite
      .prepare('SELECT id, name, slug, plan, status, created_at FROM tenants WHERE id = ?')
      .get(input.tenantId) as
      | { id: string; name: string; slug: string; plan: string; status: string; created_at: number }
      | undefined;
    if (!tenant) throw notFound('That organisation');
    const progress = new Progress(this.deps.events, input.sessionId, 'export');
    this.files.ready();
    const id = this.files.newId();
    const linesPath = this.files.path('export', id, '.lines.tmp');
    const filePath = this.files.path('export', id, '.mftenant');
    const exportedAt = clock.now();
    const header = {
      format: transferFormat,
      version: transferFormatVersion,
      exportedAt,
      appVersion: this.deps.appVersion,
      schemaVersion: this.schemaVersions().database,
      tenant: {
        id: tenant.id,
        name: tenant.name,
        slug: tenant.slug,
        plan: tenant.plan,
        status: tenant.status,
        createdAt: tenant.created_at,
      },
      auditChainVerified: input.auditChainVerified,
    } as TransferHeader;
    try {
      progress.report('reading', 0);
      const written = writeExportLines(sqlite, this.plan(), tenant.id, header, linesPath, (done, total) =>
        progress.report('reading', done / total),
      );
      const packed = await gzipExport(linesPath, filePath, (fraction) =>
        progress.report('writing', fraction),
      );
      if (this.files.isStopped)
        throw new AppError('UNAVAILABLE', 'Mindframe is shutting down.', { reason: 'shutting_down' });
      this.files.addExport({
        id,
        tenantId: tenant.id,
        userId: input.userId,
        path: filePath,
        bytes: packed.bytes,
      });
      this.logger.info(
        { tenantId: tenant.id, bytes: packed.bytes, clearedReferences: written.cleared },
        'tenant exported',
      );
      progress.report('done', 1);
      return {
        exportId: id,
        fileName: exportFileName(tenant.slug, exportedAt),
        bytes: packed.bytes,
        sha256: packed.sha256,
        counts: written.counts,
      };
    } catch (error) {
      this.files.remove(filePath);
      throw error;
    } finally {
      this.files.remove(linesPath);
    }
  }

  /** One chunk of an export file; only for the tenant and person who made it. */
  exportChunk(input: { tenantId: string; userId: string; exportId: string; offset: number }): {
    data: string;
    offset: number;
    bytes: number;
    done: boolean;
  } {
    const file = this.files.findExport(input.exportId, input.tenantId, input.userId);
    if (!file) throw notFound('That export');
    if (input.offset > file.bytes)
      throw new AppError('VALIDATION', `offset: the file has ${file.bytes} bytes.`, {
        field: 'offset',
        reason: 'offset_beyond_end',
        params: { bytes: file.bytes },
      });
    const length = Math.min(transferLimits.chunkBytes, file.bytes - input.offset);
    const buffer = Buffer.alloc(length);
    const fd = openSync(file.path, 'r');
    try {
      let read = 0;
      while (read < length) {
        const n = readSync(fd, buffer, read, length - read, input.offset + read);
        if (n === 0) break;
        read += n;
      }
      if (read !== length) throw new Error('export file shorter than recorded');
    } finally {
      closeSync(fd);
    }
    return {
      data: buffer.toString('base64'),
      offset: input.offset,
      bytes: length,
      done: input.offset + length >= file.bytes,
    };
  }

  /** Appends one chunk to an upload (starting one when no id is given). */
  receiveChunk(input: { userId: string; importId?: string | undefined; offset: number; data: string }): {
    importId: string;
    received: number;
    started: boolean;
  } {
    if (input.data.length % 4 !== 0)
      throw new AppError('VALIDATION', 'data: Must be base64', { field: 'data', reason: 'not_base64' });
    const bytes = Buffer.from(input.data, 'base64');
    let upload = input.importId ? this.files.findUpload(input.importId, input.userId) : null;
    const started = !input.importId;
    if (input.importId) {
      if (!upload) throw notFound('That upload');
      if (upload.busy)
        throw new AppError('CONFLICT', 'This upload is being imported; it takes no more data.', {
          reason: 'import_busy',
        });
      if (input.offset !== upload.received)
        throw conflict(
          `This upload has ${upload.received} bytes so far: the next chunk starts at offset ${upload.received}, not ${input.offset}.`,
          'upload_offset_mismatch',
          { received: upload.received, offset: input.offset },
        );
    } else {
      if (input.offset !== 0)
        throw conflict(`A new upload starts at offset 0, not ${input.offset}.`, 'upload_starts_at_zero', {
          offset: input.offset,
        });
      if (this.files.uploadsOf(input.userId) >= transferLimits.uploadsPerUser)
        throw new AppError(
          'CONFLICT',
          'You have too many uploads in progress. Import them, or wait an hour for them to expire.',
          { reason: 'too_many_uploads' },
        );
    }
    const received = (upload?.received ?? 0) + bytes.length;
    if (received > transferLimits.maxUploadBytes) {
      if (upload) this.files.dropUpload(upload);
      throw new AppError(
        'VALIDATION',
        `The file is larger than ${transferLimits.maxUploadBytes / 1024 / 1024} MiB, the most an import takes.`,
        {
          field: 'data',
          reason: 'import_too_large',
          params: { mib: transferLimits.maxUploadBytes / 1024 / 1024 },
        },
      );
    }
    if (!upload) {
      this.files.ready();
      const id = this.files.newId();
      const path = this.files.path('import', id, '.part');
      writeFileSync(path, bytes, { flag: 'wx', mode: 0o600 });
      upload = this.files.addUpload({ id, userId: input.userId, path, received: 0 });
    } else {
      appendFileSync(upload.path, bytes);
    }
    upload.received = received;
    this.files.touch(upload);
    return { importId: upload.id, received, started };
  }

  /**
   * Checks an uploaded export completely, then creates a new tenant from it in one transaction.
   * Any problem is a VALIDATION error saying what is wrong, with nothing changed.
   */
  async importUpload(input: {
    userId: string;
    sessionId: string;
    importId: string;
    name?: string | undefined;
    db: AppDb;
  }): Promise<ImportOutcome> {
    const upload = this.files.findUpload(input.importId, input.userId);
    if (!upload) throw notFound('That upload');
    if (upload.busy)
      throw new AppError('CONFLICT', 'This upload is being imported already.', { reason: 'import_busy' });
    upload.busy = true;
    const progress = new Progress(this.deps.events, input.sessionId, 'import');
    const unpackedPath = this.files.path('import', upload.id, '.lines.tmp');
    try {
      const plan = this.plan();
      progress.report('checking', 0);
      const checked = await this.refusingFile(upload, () =>
        checkImportFile({
          file: upload.path,
          unpackedPath,
          plan,
          appSchemaVersion: this.schemaVersions().app,
          now: this.deps.clock.now(),
          onProgress: (fraction) => progress.report('checking', fraction),
        }),
      );
      // a name the file brings may not fit; the upload is kept so it can be imported with another
      const proposed = input.name ?? checked.header.tenant.name;
      const name = orgNameSchema.safeParse(proposed);
      if (!name.success)
        throw new AppError('VALIDATION', 'name: Give the new organisation a name of 2 to 100 characters.', {
          field: 'name',
          ...validationReason(name.error.issues[0]!, proposed),
        });
      progress.report('writing', 0);
      const result = await this.refusingFile(upload, async () =>
        writeImport({
          sqlite: this.deps.sqlite,
          db: input.db,
          plan,
          checked,
          unpackedPath,
          name: name.data,
          now: this.deps.clock.now(),
          onProgress: (fraction) => progress.report('writing', fraction),
          ...(this.deps.planOnImport ? { planOnImport: this.deps.planOnImport } : {}),
        }),
      );
      this.files.dropUpload(upload);
      this.deps.lifecycle?.created(result.tenant.id);
      progress.report('done', 1);
      this.logger.info(
        { tenantId: result.tenant.id, rows: checked.rowLines, invitedAgain: result.invitedAgain },
        'tenant imported',
      );
      return { ...result, counts: checked.counts, header: checked.header };
    } finally {
      upload.busy = false;
      this.files.remove(unpackedPath);
    }
  }

  /** Runs a step on the upload's content; when it refuses the file, the upload is dropped (it cannot improve). */
  private async refusingFile<T>(upload: UploadFile, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION') {
        this.files.dropUpload(upload);
        if (error.cause) this.logger.warn({ err: error.cause }, 'tenant import refused by the database');
        this.logger.info({ reason: error.message }, 'tenant import refused');
      }
      throw error;
    }
  }

  /** Removes expired export files and abandoned uploads. */
  sweep(): void {
    this.files.sweep();
  }

  /** Stops the sweep and removes this run's export files and uploads. */
  stop(): void {
    this.files.stop();
  }
}
