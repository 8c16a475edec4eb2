import type Database from 'better-sqlite3';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Migration } from '../../../db';
import type { BackupKind } from '../../contract';
import { encodeTrailer, headMagic } from './file-format';
import { keyIdOf } from './keys';
import { backupFormatVersion, type Manifest } from './manifest';
import { inspectDatabase, schemaFacts } from './inspect-database';

export interface CreateBackupOptions {
  /** The live connection: writes through it during the backup are carried into it. */
  source: Database.Database;
  folder: string;
  tempDir: string;
  kind: BackupKind;
  appVersion: string;
  migrations: Migration[];
  key: Buffer | null;
  now: number;
  onProgress?: (phase: 'copying' | 'compressing', percent: number) => void;
  nativeBinding?: string;
  /** How long one copy step may hold the database (the longest pause a writer sees). */
  stepBudgetMs?: number;
}

export interface CreatedBackup {
  path: string;
  file: string;
  manifest: Manifest;
  fileBytes: number;
}

export function backupFileName(createdAt: number, kind: BackupKind): string {
  const stamp = new Date(createdAt).toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-');
  return `mindframe-${stamp}-${kind}.mfbackup`;
}

/** Passes bytes through while hashing and counting them. */
function hashing(hash: ReturnType<typeof createHash>, onBytes?: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
}

/**
 * Copies the live database with SQLite's online backup API in small steps, so writers wait at most
 * one step, then compresses (and encrypts) the copy into one file with its manifest.
 */
export async function createBackup(options: CreateBackupOptions): Promise<CreatedBackup> {
  await mkdir(options.tempDir, { recursive: true });
  const snapshot = join(options.tempDir, `snapshot-${randomBytes(6).toString('hex')}.sqlite`);
  const file = backupFileName(options.now, options.kind);
  const finalPath = join(options.folder, file);
  const partial = join(options.folder, `.${file}.partial`);
  const budget = options.stepBudgetMs ?? 4;
  try {
    let pages = 64;
    let last = performance.now();
    await options.source.backup(snapshot, {
      progress: ({ totalPages, remainingPages }) => {
        const now = performance.now();
        const took = now - last;
        // the time between calls bounds a step from above: shrink fast, grow slowly
        if (took > budget) pages = Math.max(16, Math.floor(pages * 0.5));
        else if (took < budget / 2) pages = Math.min(8192, Math.floor(pages * 1.5));
        options.onProgress?.('copying', totalPages ? (50 * (totalPages - remainingPages)) / totalPages : 50);
        last = performance.now();
        return pages;
      },
    });

    // one self-contained file (no -wal/-shm needed to open it later); counted off the main thread
    const inspection = await inspectDatabase(snapshot, {
      journalDelete: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const facts = {
      schema: schemaFacts(inspection.migrationHashes, options.migrations),
      tables: inspection.tables,
    };

    const databaseBytes = (await stat(snapshot)).size;
    const databaseHash = createHash('sha256');
    const payloadHash = createHash('sha256');
    let payloadBytes = 0;
    let read = 0;
    const iv = randomBytes(12);
    const cipher = options.key ? createCipheriv('aes-256-gcm', options.key, iv) : null;

    const out = createWriteStream(partial, { mode: 0o600 });
    out.write(headMagic);
    const stages: NodeJS.ReadWriteStream[] = [
      hashing(databaseHash, (n) => {
        read += n;
        options.onProgress?.('compressing', 50 + (50 * read) / Math.max(1, databaseBytes));
      }),
      createGzip({ level: 1 }),
      ...(cipher ? [cipher] : []),
      hashing(payloadHash, (n) => (payloadBytes += n)),
    ];
    await pipeline([createReadStream(snapshot, { highWaterMark: 1 << 20 }), ...stages, out]);

    const manifest: Manifest = {
      format: backupFormatVersion,
      appVersion: options.appVersion,
      schemaVersion: facts.schema.version,
      schemaTag: facts.schema.tag,
      createdAt: options.now,
      kind: options.kind,
      databaseSha256: databaseHash.digest('hex'),
      databaseBytes,
      payloadSha256: payloadHash.digest('hex'),
      payloadBytes,
      compression: 'gzip',
      encryption:
        cipher && options.key
          ? {
              algorithm: 'aes-256-gcm',
              keyId: keyIdOf(options.key),
              iv: iv.toString('hex'),
              tag: cipher.getAuthTag().toString('hex'),
            }
          : null,
      tables: facts.tables,
    };
    const handle = await open(partial, 'a');
    try {
      await handle.write(encodeTrailer(manifest));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, finalPath);
    await syncFolder(options.folder);
    return { path: finalPath, file, manifest, fileBytes: (await stat(finalPath)).size };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(snapshot, { force: true });
    await rm(`${snapshot}-journal`, { force: true });
  }
}

/** Makes a rename durable: the folder entry itself is flushed. */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const dir = await open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // some filesystems (and Windows) cannot fsync a directory; the file itself was synced
  }
}
