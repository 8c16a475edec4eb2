import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import type { Migration } from '../../../db';
import { BackupFileError, readBackupInfo, type BackupFileInfo } from './file-format';
import { hashingStream } from './hashing-stream';
import { keyIdOf } from './keys';
import { inspectDatabase, InspectError, schemaFacts, type SchemaFacts } from './inspect-database';

/**
 * How far decompression may run past the database size the manifest claims. Any byte beyond the
 * claim already fails the SHA-256 comparison; the margin only lets the last chunk arrive whole.
 */
export const decompressionMarginBytes = 64 * 1024;

/** Space left free on the disk after a database is decompressed there for checking. */
export const freeSpaceReserveBytes = 16 * 1024 * 1024;

class OversizedError extends Error {}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Passes decompressed bytes on until more than `limit` have come out, then fails: a small file
 * that expands without end (a decompression bomb) stops here instead of filling the disk.
 */
function sizeLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new OversizedError(`more than ${limit} bytes`));
      else done(null, chunk);
    },
  });
}

/** Free bytes on the disk holding `dir`, or null when the system cannot say. */
async function freeBytes(dir: string): Promise<number | null> {
  try {
    const fs = await statfs(dir);
    return Number(fs.bavail) * Number(fs.bsize);
  } catch {
    return null;
  }
}

/** Hashes bytes [start, end) of the file; stops quietly where they cannot be read. */
async function hashRest(
  path: string,
  start: number,
  end: number,
  hash: ReturnType<typeof createHash>,
  onBytes: (n: number) => void,
): Promise<void> {
  try {
    await pipeline([
      createReadStream(path, { start, end: end - 1 }),
      hashingStream(hash, onBytes),
      new Writable({ write: (_chunk, _encoding, next) => next() }),
    ]);
  } catch {
    // what was hashed is counted; the caller says unreadable when it falls short
  }
}

export interface VerifyOptions {
  key: Buffer | null;
  tempDir: string;
  migrations: Migration[];
  nativeBinding?: string;
  /**
   * Right after a backup: the integrity_check result of the copy it was made from. The backup is
   * then decrypted and decompressed without writing it out; its SHA-256 equal to the copy's proves
   * the bytes are the ones that were checked.
   */
  copyIntegrity?: string;
  /**
   * With copyIntegrity: the payload was decrypted and decompressed back to the copy as it was
   * written; only the file's bytes are then hashed from disk and compared.
   */
  decoded?: { ok: true; payloadSha256: string } | { ok: false; reason: string };
  /** Keep the checked database (for a restore); the caller deletes it. */
  keepDatabase?: boolean;
  onProgress?: (percent: number) => void;
}

export interface VerifiedBackup {
  info: BackupFileInfo;
  /** The decompressed database, when keepDatabase was asked for. */
  databasePath: string | null;
  /** The migrations found in the database, when it was decompressed and opened. */
  schema: SchemaFacts | null;
}

/**
 * Decrypts and decompresses a backup to a temporary file, opens it read-only and checks it: the
 * bytes against the manifest's SHA-256, PRAGMA integrity_check, schema version and row counts.
 * Throws BackupFileError saying what is wrong.
 */
export async function verifyBackup(path: string, options: VerifyOptions): Promise<VerifiedBackup> {
  const info = await readBackupInfo(path);
  const { manifest } = info;
  const encryption = manifest.encryption;
  if (encryption) {
    if (!options.key)
      throw new BackupFileError(
        'no_key',
        `This backup is encrypted (key ${encryption.keyId}) and this installation has no backup key. Provide the exported key to use it.`,
      );
    if (keyIdOf(options.key) !== encryption.keyId)
      throw new BackupFileError(
        'wrong_key',
        `This backup was encrypted with a different key (key ${encryption.keyId}; this installation has ${keyIdOf(options.key)}). Provide the key exported from the installation that made it.`,
      );
  }
  if (options.copyIntegrity !== undefined && options.decoded) {
    if (!options.decoded.ok)
      throw new BackupFileError(
        'damaged',
        `The backup does not decode back to the database: ${options.decoded.reason}`,
      );
    if (options.copyIntegrity !== 'ok')
      throw new BackupFileError(
        'integrity',
        `The database in the backup is damaged: ${options.copyIntegrity.slice(0, 300)}`,
      );
    const onDisk = createHash('sha256');
    await pipeline([
      createReadStream(path, { start: info.payloadStart, end: info.payloadEnd - 1, highWaterMark: 1 << 20 }),
      new Writable({
        write: (chunk: Buffer, _encoding, next) => {
          onDisk.update(chunk);
          next();
        },
      }),
    ]);
    const digest = onDisk.digest('hex');
    if (digest !== manifest.payloadSha256 || digest !== options.decoded.payloadSha256)
      throw new BackupFileError(
        'damaged',
        'The backup is damaged: its contents changed after it was written.',
      );
    options.onProgress?.(100);
    return { info, databasePath: null, schema: null };
  }
  await mkdir(options.tempDir, { recursive: true, mode: 0o700 });
  const writesDatabase = options.copyIntegrity === undefined;
  if (writesDatabase) {
    // refused before a byte is decompressed: the claimed database must fit, with room to spare
    const free = await freeBytes(options.tempDir);
    if (free !== null && manifest.databaseBytes + freeSpaceReserveBytes > free)
      throw new BackupFileError(
        'no_space',
        `There is not enough free disk space to check this backup: its database needs ${mib(manifest.databaseBytes)} and the disk holding ${options.tempDir} has ${mib(free)} free.`,
      );
  }
  const databasePath = join(options.tempDir, `verify-${randomBytes(6).toString('hex')}.sqlite`);
  const payloadHash = createHash('sha256');
  const databaseHash = createHash('sha256');
  let done = 0;
  const total = Math.max(1, info.payloadEnd - info.payloadStart);
  try {
    const decipher =
      encryption && options.key
        ? createDecipheriv('aes-256-gcm', options.key, Buffer.from(encryption.iv, 'hex')).setAuthTag(
            Buffer.from(encryption.tag, 'hex'),
          )
        : null;
    try {
      await pipeline([
        createReadStream(path, {
          start: info.payloadStart,
          end: info.payloadEnd - 1,
          highWaterMark: 1 << 20,
        }),
        hashingStream(payloadHash, (n) => {
          done += n;
          options.onProgress?.((60 * done) / total);
        }),
        ...(decipher ? [decipher] : []),
        createBrotliDecompress(),
        sizeLimit(manifest.databaseBytes + decompressionMarginBytes),
        hashingStream(databaseHash),
        writesDatabase
          ? createWriteStream(databasePath, { mode: 0o600 })
          : new Writable({ write: (_chunk, _encoding, next) => next() }),
      ]);
    } catch (error) {
      if (error instanceof OversizedError)
        throw new BackupFileError(
          'oversized',
          `The backup is damaged or hostile: its data expands beyond the ${mib(manifest.databaseBytes)} its manifest states, so decompressing it was stopped.`,
        );
      // a layer that refused an early chunk stopped the reading: hash the rest of the payload, so a
      // changed byte is called damage and only a file that cannot be read is called unreadable
      if (done < total)
        await hashRest(path, info.payloadStart + done, info.payloadEnd, payloadHash, (n) => (done += n));
      // a changed byte shows in the payload hash first; otherwise say which layer refused
      if (done === total && payloadHash.digest('hex') !== manifest.payloadSha256)
        throw new BackupFileError(
          'damaged',
          'The backup is damaged: its contents changed after it was written.',
        );
      if (done < total)
        throw new BackupFileError('unreadable', 'The backup file could not be read to the end.');
      throw new BackupFileError(
        decipher && /auth|decrypt/i.test((error as Error).message) ? 'decrypt_failed' : 'damaged',
        decipher && /auth|decrypt/i.test((error as Error).message)
          ? 'The backup is damaged or the key is wrong: decryption failed its integrity check.'
          : 'The backup is damaged: it does not decompress.',
      );
    }
    if (payloadHash.digest('hex') !== manifest.payloadSha256)
      throw new BackupFileError(
        'damaged',
        'The backup is damaged: its contents changed after it was written.',
      );
    if (databaseHash.digest('hex') !== manifest.databaseSha256)
      throw new BackupFileError(
        'damaged',
        'The backup is damaged: the database inside does not match its manifest.',
      );
    options.onProgress?.(70);
    if (options.copyIntegrity !== undefined) {
      if (options.copyIntegrity !== 'ok')
        throw new BackupFileError(
          'integrity',
          `The database in the backup is damaged: ${options.copyIntegrity.slice(0, 300)}`,
        );
      options.onProgress?.(100);
      return { info, databasePath: null, schema: null };
    }

    let inspection;
    try {
      inspection = await inspectDatabase(databasePath, {
        integrity: true,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
    } catch (error) {
      if (error instanceof InspectError)
        throw new BackupFileError(
          'integrity',
          `The database in the backup cannot be checked: ${error.message}`,
        );
      throw error;
    }
    if (inspection.integrity !== 'ok')
      throw new BackupFileError(
        'integrity',
        `The database in the backup is damaged: ${(inspection.integrity ?? '').slice(0, 300)}`,
      );
    options.onProgress?.(90);
    const facts = schemaFacts(inspection.migrationHashes, options.migrations);
    if (facts.version !== manifest.schemaVersion)
      throw new BackupFileError(
        'mismatch',
        `The backup's schema version (${facts.version}) differs from its manifest (${manifest.schemaVersion}).`,
      );
    for (const [table, expected] of Object.entries(manifest.tables)) {
      if (inspection.tables[table] !== expected)
        throw new BackupFileError(
          'mismatch',
          `The backup's table ${table} has ${inspection.tables[table] ?? 0} rows; its manifest says ${expected}.`,
        );
    }
    options.onProgress?.(100);
    const keep = options.keepDatabase === true;
    if (!keep) await rm(databasePath, { force: true });
    return { info, databasePath: keep ? databasePath : null, schema: facts };
  } catch (error) {
    await rm(databasePath, { force: true });
    throw error;
  }
}
