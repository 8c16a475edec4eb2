import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants as zlib, createBrotliCompress } from 'node:zlib';
import type { Migration } from '../../../db';
import type { BackupKind } from '../../contract';
import { encodeTrailer, headMagic } from './file-format';
import { InlineDecoder } from './inline-decoder';
import { hashingStream } from './hashing-stream';
import { keyIdOf } from './keys';
import { syncedFileSink } from './synced-file';
import { backupFormatVersion, type Manifest } from './manifest';
import { inspectDatabase, schemaFacts } from './inspect-database';

export interface CreateBackupOptions {
  /** The database file to back up (the live one: it is read through its own connection). */
  sourceFile: string;
  folder: string;
  tempDir: string;
  kind: BackupKind;
  appVersion: string;
  migrations: Migration[];
  key: Buffer | null;
  now: number;
  onProgress?: (phase: 'copying' | 'compressing', percent: number) => void;
  nativeBinding?: string;
}

export interface CreatedBackup {
  path: string;
  file: string;
  manifest: Manifest;
  fileBytes: number;
  /** PRAGMA integrity_check of the copy ('ok'), whose SHA-256 is the manifest's databaseSha256. */
  integrity: string;
  /** Whether the payload, as written, decrypted and decompressed back to the copy. */
  decoded: { ok: true; payloadSha256: string } | { ok: false; reason: string };
}

export function backupFileName(createdAt: number, kind: BackupKind): string {
  const stamp = new Date(createdAt).toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-');
  return `mindframe-${stamp}-${kind}.mfbackup`;
}

/**
 * Copies the live database in a worker thread (its own connection, one read transaction: writers
 * carry on), then compresses (and encrypts) the copy into one file
 * with its manifest, while another worker runs the copy's integrity check.
 */
export async function createBackup(options: CreateBackupOptions): Promise<CreatedBackup> {
  await mkdir(options.tempDir, { recursive: true, mode: 0o700 });
  const snapshot = join(options.tempDir, `snapshot-${randomBytes(6).toString('hex')}.sqlite`);
  const file = backupFileName(options.now, options.kind);
  const finalPath = join(options.folder, file);
  const partial = join(options.folder, `.${file}.partial`);
  let handle: FileHandle | null = null;
  try {
    options.onProgress?.('copying', 0);
    // one self-contained file (no -wal/-shm needed to open it later), copied and counted off the main thread
    const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
    const inspection = await inspectDatabase(options.sourceFile, {
      copyTo: snapshot,
      journalDelete: true,
      ...native,
    });
    options.onProgress?.('copying', 30);
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

    const decoder = new InlineDecoder(options.key ? { key: options.key, iv } : null);
    handle = await open(partial, 'w', 0o600);
    await handle.write(headMagic);
    const out = syncedFileSink(handle);
    const stages: NodeJS.ReadWriteStream[] = [
      hashingStream(databaseHash, (n) => {
        read += n;
        options.onProgress?.('compressing', 30 + (70 * read) / Math.max(1, databaseBytes));
      }),
      createBrotliCompress({
        chunkSize: 1 << 20,
        params: { [zlib.BROTLI_PARAM_QUALITY]: 1, [zlib.BROTLI_PARAM_SIZE_HINT]: databaseBytes },
      }),
      ...(cipher ? [cipher] : []),
      hashingStream(payloadHash, (n) => (payloadBytes += n)),
      decoder.tap(),
    ];
    // the integrity check of the copy runs in a worker while the main thread compresses it
    const [checked] = await Promise.all([
      inspectDatabase(snapshot, { integrity: true, counts: false, ...native }),
      pipeline([createReadStream(snapshot, { highWaterMark: 1 << 20 }), ...stages, out]),
    ]);

    const decoded = await decoder.result(cipher ? cipher.getAuthTag() : null);
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
      compression: 'brotli',
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
    await handle.write(encodeTrailer(manifest));
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(partial, finalPath);
    await syncFolder(options.folder);
    return {
      path: finalPath,
      file,
      manifest,
      fileBytes: (await stat(finalPath)).size,
      integrity: checked.integrity ?? 'not checked',
      decoded:
        'error' in decoded
          ? { ok: false, reason: decoded.error }
          : decoded.databaseSha256 === manifest.databaseSha256
            ? { ok: true, payloadSha256: manifest.payloadSha256 }
            : { ok: false, reason: 'the payload decodes to different bytes' },
    };
  } catch (error) {
    await handle?.close().catch(() => undefined);
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
