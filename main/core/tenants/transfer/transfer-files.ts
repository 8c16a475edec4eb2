import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { transferLimits } from './format';

export interface ExportFile {
  id: string;
  tenantId: string;
  userId: string;
  path: string;
  bytes: number;
  expiresAt: number;
}

export interface UploadFile {
  id: string;
  userId: string;
  path: string;
  received: number;
  expiresAt: number;
  /** Being imported right now: no more chunks, no second import. */
  busy: boolean;
}

/** Names of the files this keeps in the transfers folder (anything else there is left alone). */
const ourFile = /^(export|import)-[0-9a-f]{32}(\.mftenant|\.part|\.lines\.tmp)$/;

/**
 * The transfers folder (`<dataDir>/transfers`, owner-only) and what is in it: export files ready
 * for download and uploads in progress, each known by a random id and kept for an hour. The list
 * lives in memory only, so files left by an earlier run are swept once they are an hour old.
 */
export class TransferFiles {
  readonly dir: string;
  private readonly exports = new Map<string, ExportFile>();
  private readonly uploads = new Map<string, UploadFile>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.dir = join(dataDir, 'transfers');
  }

  /** Creates the folder (mode 0700) and starts the periodic sweep; answers the folder. */
  ready(): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    if (!this.timer && !this.stopped) {
      this.timer = setInterval(() => this.sweep(), transferLimits.sweepEveryMs);
      this.timer.unref();
    }
    return this.dir;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  newId(): string {
    return randomBytes(16).toString('hex');
  }

  path(kind: 'export' | 'import', id: string, suffix: '.mftenant' | '.part' | '.lines.tmp'): string {
    return join(this.dir, `${kind}-${id}${suffix}`);
  }

  private expiry(): number {
    return this.clock.now() + transferLimits.lifetimeMs;
  }

  addExport(file: Omit<ExportFile, 'expiresAt'>): ExportFile {
    const entry = { ...file, expiresAt: this.expiry() };
    this.exports.set(file.id, entry);
    return entry;
  }

  /** The export, only for the tenant and person who made it; anything else is "not there". */
  findExport(id: string, tenantId: string, userId: string): ExportFile | null {
    const entry = this.exports.get(id);
    if (!entry || entry.tenantId !== tenantId || entry.userId !== userId) return null;
    if (entry.expiresAt <= this.clock.now()) {
      this.dropExport(entry);
      return null;
    }
    return entry;
  }

  addUpload(file: Omit<UploadFile, 'expiresAt' | 'busy'>): UploadFile {
    const entry = { ...file, busy: false, expiresAt: this.expiry() };
    this.uploads.set(file.id, entry);
    return entry;
  }

  /** The upload, only for the person who started it. */
  findUpload(id: string, userId: string): UploadFile | null {
    const entry = this.uploads.get(id);
    if (!entry || entry.userId !== userId) return null;
    if (entry.expiresAt <= this.clock.now() && !entry.busy) {
      this.dropUpload(entry);
      return null;
    }
    return entry;
  }

  touch(upload: UploadFile): void {
    upload.expiresAt = this.expiry();
  }

  uploadsOf(userId: string): number {
    return [...this.uploads.values()].filter((u) => u.userId === userId).length;
  }

  dropUpload(upload: UploadFile): void {
    this.uploads.delete(upload.id);
    this.remove(upload.path);
  }

  private dropExport(file: ExportFile): void {
    this.exports.delete(file.id);
    this.remove(file.path);
  }

  remove(path: string): void {
    try {
      rmSync(path, { force: true });
    } catch (error) {
      this.logger.warn({ err: error, module: 'transfers' }, 'could not remove a transfer file');
    }
  }

  /** Removes expired exports and uploads, and files of an earlier run once they are an hour old. */
  sweep(): void {
    const now = this.clock.now();
    for (const file of this.exports.values()) if (file.expiresAt <= now) this.dropExport(file);
    for (const upload of this.uploads.values())
      if (upload.expiresAt <= now && !upload.busy) this.dropUpload(upload);
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const known = new Set([
      ...[...this.exports.values()].map((f) => f.path),
      ...[...this.uploads.values()].map((f) => f.path),
    ]);
    for (const name of names) {
      const path = join(this.dir, name);
      if (!ourFile.test(name) || known.has(path)) continue;
      try {
        if (statSync(path).mtimeMs + transferLimits.lifetimeMs <= Date.now()) this.remove(path);
      } catch {
        // gone already
      }
    }
  }

  /** Stops the sweep and removes every file this run made (the list of them ends with the run). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const file of [...this.exports.values()]) this.dropExport(file);
    for (const upload of [...this.uploads.values()]) this.dropUpload(upload);
  }
}
