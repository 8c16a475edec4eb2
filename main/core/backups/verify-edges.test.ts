import Database from 'better-sqlite3';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupFileError, encodeTrailer, headMagic } from './file-format';
import { keyIdOf } from './keys';
import { backupFormatVersion, type Manifest } from './manifest';
import { freeSpaceReserveBytes, verifyBackup, type VerifyOptions } from './verify-backup';

/**
 * verifyBackup against small hand-made backups (a database of one table, no migrations), each
 * wrong in one way, so every refusal is checked for its reason code and for what it leaves behind.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mindframe-verify-'));
  dirs.push(dir);
  return dir;
}

/** A small SQLite database file with `rows` rows in table `notes`; its bytes. */
function tinyDatabase(dir: string, rows = 3, padding = 0): Buffer {
  const path = join(dir, `source-${randomBytes(4).toString('hex')}.sqlite`);
  const db = new Database(path);
  db.pragma('journal_mode = DELETE');
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) insert.run(`note ${i}${' '.repeat(padding)}`);
  })();
  db.close();
  const bytes = readFileSync(path);
  rmSync(path);
  return bytes;
}

interface PackOptions {
  key?: Buffer;
  /** Bytes written as the payload instead of the compressed (and encrypted) database. */
  payload?: (payload: Buffer) => Buffer;
  manifest?: Partial<Manifest>;
}

/** Writes `database` as a backup file the way the writer frames it; the manifest matches unless told. */
function pack(path: string, database: Buffer, options: PackOptions = {}): Manifest {
  let payload: Buffer = brotliCompressSync(database);
  let encryption: Manifest['encryption'] = null;
  if (options.key) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', options.key, iv);
    payload = Buffer.concat([cipher.update(payload), cipher.final()]);
    encryption = {
      algorithm: 'aes-256-gcm',
      keyId: keyIdOf(options.key),
      iv: iv.toString('hex'),
      tag: cipher.getAuthTag().toString('hex'),
    };
  }
  if (options.payload) payload = options.payload(payload);
  const manifest: Manifest = {
    format: backupFormatVersion,
    appVersion: '0.1.0',
    schemaVersion: 0,
    schemaTag: null,
    createdAt: Date.UTC(2026, 10, 22, 9, 0, 0),
    kind: 'manual',
    databaseSha256: createHash('sha256').update(database).digest('hex'),
    databaseBytes: database.length,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
    payloadBytes: payload.length,
    compression: 'brotli',
    encryption,
    tables: { notes: 3 },
    ...options.manifest,
  };
  writeFileSync(path, Buffer.concat([headMagic, payload, encodeTrailer(manifest)]));
  return manifest;
}

function setup(packOptions: PackOptions = {}, rows = 3) {
  const dir = workDir();
  const database = tinyDatabase(dir, rows);
  const path = join(dir, 'tiny.mfbackup');
  const manifest = pack(path, database, packOptions);
  const tempDir = join(dir, 'tmp');
  const options: VerifyOptions = { key: packOptions.key ?? null, tempDir, migrations: [] };
  return { dir, database, path, manifest, tempDir, options };
}

/** The BackupFileError code verifyBackup refuses with, or 'verified'. */
async function outcome(path: string, options: VerifyOptions): Promise<string> {
  try {
    await verifyBackup(path, options);
    return 'verified';
  } catch (error) {
    // every refusal also says in words what is wrong
    if (error instanceof BackupFileError) return error.message.length > 20 ? error.code : 'no message';
    throw error;
  }
}

const leftovers = (tempDir: string) => (existsSync(tempDir) ? readdirSync(tempDir) : []);

describe('verifying a backup', () => {
  it('checks a sound one, reports progress up to 100 and leaves no decrypted copy behind', async () => {
    const key = randomBytes(32);
    const { path, tempDir, options } = setup({ key });
    const progress: number[] = [];
    const verified = await verifyBackup(path, { ...options, onProgress: (p) => progress.push(p) });
    expect(verified).toMatchObject({ databasePath: null, schema: { version: 0, tag: null, unknown: 0 } });
    expect(verified.info.manifest.tables).toEqual({ notes: 3 });
    expect(leftovers(tempDir)).toEqual([]);
    // the scratch folder holds decrypted data: only this user may enter it
    expect(statSync(tempDir).mode & 0o777).toBe(0o700);
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.every((p) => p >= 0 && p <= 100)).toBe(true);
    // reading the payload is the first 60 %, then the checks
    expect(progress).toContain(60);
    expect(progress).toEqual(expect.arrayContaining([70, 90]));
  });

  it('keeps the checked database for a restore when asked, readable by this user only', async () => {
    const { path, tempDir, options, database } = setup();
    const verified = await verifyBackup(path, { ...options, keepDatabase: true });
    expect(verified.databasePath).not.toBeNull();
    expect(verified.databasePath!.startsWith(tempDir)).toBe(true);
    expect(readFileSync(verified.databasePath!).equals(database)).toBe(true);
    expect(statSync(verified.databasePath!).mode & 0o777).toBe(0o600);
    expect(leftovers(tempDir)).toHaveLength(1);
  });

  it('asks for the key of an encrypted backup, and refuses a different key before reading it', async () => {
    const key = randomBytes(32);
    const { path, tempDir, options } = setup({ key });
    expect(await outcome(path, { ...options, key: null })).toBe('no_key');
    const other = randomBytes(32);
    const refused = await verifyBackup(path, { ...options, key: other }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'wrong_key' });
    // it names both key ids so the person knows which key to look for, never the key itself
    expect((refused as Error).message).toContain(keyIdOf(key));
    expect((refused as Error).message).toContain(keyIdOf(other));
    expect((refused as Error).message).not.toContain(key.toString('base64'));
    expect(leftovers(tempDir)).toEqual([]);
    expect(await outcome(path, options)).toBe('verified');
    // a backup made before encryption was switched on still verifies where there is a key now
    const plain = setup();
    expect(await outcome(plain.path, { ...plain.options, key })).toBe('verified');
  });

  it('says decrypt_failed when the key id matches but the data fails its authentication', async () => {
    const key = randomBytes(32);
    const { path, database, tempDir } = setup();
    // same key, a tag that does not belong to this payload; every other checksum matches
    pack(path, database, { key });
    const bytes = readFileSync(path);
    const tagAt = bytes.lastIndexOf(Buffer.from('"tag":"'));
    const tagText = bytes.subarray(tagAt + 7, tagAt + 7 + 32).toString();
    const forged = (tagText[0] === '0' ? '1' : '0') + tagText.slice(1);
    bytes.write(forged, tagAt + 7, 'ascii');
    writeFileSync(path, bytes);
    expect(await outcome(path, { key, tempDir, migrations: [] })).toBe('decrypt_failed');
    expect(leftovers(tempDir)).toEqual([]);
  });

  it('says damaged when an unencrypted payload does not decompress', async () => {
    const { path, tempDir, options } = setup({ payload: () => Buffer.from('this is not brotli at all') });
    const refused = await verifyBackup(path, options).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'damaged' });
    expect((refused as Error).message).toMatch(/does not decompress/);
    expect(leftovers(tempDir)).toEqual([]);
  });

  it('says damaged when the payload differs from its checksum, encrypted or not', async () => {
    for (const key of [undefined, randomBytes(32)]) {
      const dir = workDir();
      const database = tinyDatabase(dir);
      const path = join(dir, 'flipped.mfbackup');
      const manifest = pack(path, database, key ? { key } : {});
      // one changed byte in the payload: the manifest's payload checksum no longer matches
      const bytes = readFileSync(path);
      bytes[headMagic.length + Math.floor(manifest.payloadBytes / 2)]! ^= 0x40;
      writeFileSync(path, bytes);
      const tempDir = join(dir, 'tmp');
      const refused = await verifyBackup(path, { key: key ?? null, tempDir, migrations: [] }).catch(
        (e: unknown) => e,
      );
      expect(refused, key ? 'encrypted' : 'plain').toMatchObject({ code: 'damaged' });
      expect((refused as Error).message).toMatch(/changed after it was written/);
      expect(leftovers(tempDir)).toEqual([]);
    }
  });

  it('says damaged, not unreadable, when a payload of several MiB stops decoding in its first chunk', async () => {
    const dir = workDir();
    const tempDir = join(dir, 'tmp');
    // written that way: every checksum matches, the bytes are no brotli stream
    const undecodable = join(dir, 'undecodable.mfbackup');
    pack(undecodable, Buffer.from('database'), { payload: () => Buffer.alloc(3 * 1024 * 1024, 0xff) });
    const refused = await verifyBackup(undecodable, { key: null, tempDir, migrations: [] }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: 'damaged' });
    expect((refused as Error).message).toMatch(/does not decompress/);
    // bit rot early in a large encrypted backup: decryption turns it into garbage brotli refuses
    const key = randomBytes(32);
    const rotten = join(dir, 'rotten.mfbackup');
    pack(rotten, randomBytes(3 * 1024 * 1024), { key });
    const bytes = readFileSync(rotten);
    bytes[headMagic.length + 3]! ^= 0x10;
    writeFileSync(rotten, bytes);
    const damaged = await verifyBackup(rotten, { key, tempDir, migrations: [] }).catch((e: unknown) => e);
    expect(damaged).toMatchObject({ code: 'damaged' });
    expect((damaged as Error).message).toMatch(/changed after it was written/);
    expect(leftovers(tempDir)).toEqual([]);
  });

  it('says damaged when only the payload checksum in the manifest is wrong', async () => {
    const { path, tempDir, options } = setup({ manifest: { payloadSha256: 'a'.repeat(64) } });
    const refused = await verifyBackup(path, options).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'damaged' });
    expect((refused as Error).message).toMatch(/changed after it was written/);
    expect(leftovers(tempDir)).toEqual([]);
  });

  it('says damaged when the database inside does not match the manifest', async () => {
    const { path, tempDir, options } = setup({ manifest: { databaseSha256: 'b'.repeat(64) } });
    const refused = await verifyBackup(path, options).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'damaged' });
    expect((refused as Error).message).toMatch(/database inside does not match/);
    expect(leftovers(tempDir)).toEqual([]);
  });

  it('says integrity when the bytes inside are not a database at all', async () => {
    const dir = workDir();
    const path = join(dir, 'text.mfbackup');
    pack(path, Buffer.from('plain text, not SQLite '.repeat(200)));
    const tempDir = join(dir, 'tmp');
    const refused = await verifyBackup(path, { key: null, tempDir, migrations: [] }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'integrity' });
    expect((refused as Error).message).toMatch(/cannot be checked/);
    expect(leftovers(tempDir)).toEqual([]);
  });

  it('says mismatch when a row count or the schema version differs from the manifest', async () => {
    const manifests: Partial<Manifest>[] = [
      { tables: { notes: 4 } },
      { tables: { notes: 2 } },
      { tables: { notes: 3, gone: 0 } },
      { schemaVersion: 1 },
    ];
    for (const manifest of manifests) {
      const { path, tempDir, options } = setup({ manifest });
      const refused = await verifyBackup(path, { ...options, keepDatabase: true }).catch((e: unknown) => e);
      expect(refused, JSON.stringify(manifest)).toMatchObject({ code: 'mismatch' });
      // a refused backup leaves nothing behind, even when its database was to be kept
      expect(leftovers(tempDir)).toEqual([]);
    }
    // the same database with a manifest that matches it verifies
    const { path, options } = setup({ manifest: { tables: { notes: 3 } } });
    expect(await outcome(path, options)).toBe('verified');
  });

  it('says oversized when the data expands past the size its manifest states', async () => {
    const dir = workDir();
    const database = tinyDatabase(dir, 1000, 100);
    const path = join(dir, 'understated.mfbackup');
    // the claim is far below the real size, beyond the margin for the last chunk
    pack(path, database, { manifest: { databaseBytes: 1024 } });
    expect(database.length).toBeGreaterThan(1024 + 64 * 1024);
    const tempDir = join(dir, 'tmp');
    expect(await outcome(path, { key: null, tempDir, migrations: [] })).toBe('oversized');
    expect(leftovers(tempDir)).toEqual([]);
    // one byte short of the truth, within the margin: the bytes decompress, only the checks decide
    pack(path, database, { manifest: { databaseBytes: database.length - 1, tables: { notes: 1000 } } });
    expect(await outcome(path, { key: null, tempDir, migrations: [] })).toBe('verified');
  });

  it('says no_space when the claimed database and the reserve do not fit on the disk', async () => {
    const { path, database, tempDir, options } = setup();
    const fs = await statfs(tmpdir());
    const free = Number(fs.bavail) * Number(fs.bsize);
    // the database itself would fit, not with the reserve kept free besides it
    const claim = free - Math.floor(freeSpaceReserveBytes / 2);
    pack(path, database, { manifest: { databaseBytes: claim } });
    const refused = await verifyBackup(path, options).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'no_space' });
    expect(leftovers(tempDir)).toEqual([]);
  });

  it('needs no disk space for the database when it is only hashed on its way (right after a backup)', async () => {
    const { path, database, tempDir, options } = setup();
    pack(path, database, { manifest: { databaseBytes: 2 ** 50 } });
    expect(await outcome(path, options)).toBe('no_space');
    expect(await outcome(path, { ...options, copyIntegrity: 'ok' })).toBe('verified');
    expect(leftovers(tempDir)).toEqual([]);
  });
});

describe('verifying right after a backup was written', () => {
  const decodedOf = (path: string, manifest: Manifest) => {
    const bytes = readFileSync(path);
    return {
      ok: true as const,
      payloadSha256: createHash('sha256')
        .update(bytes.subarray(headMagic.length, headMagic.length + manifest.payloadBytes))
        .digest('hex'),
      manifest,
    };
  };

  it('verifies from the file bytes alone, without writing the database out', async () => {
    const { path, manifest, tempDir, options } = setup();
    const { ok, payloadSha256 } = decodedOf(path, manifest);
    const progress: number[] = [];
    const verified = await verifyBackup(path, {
      ...options,
      copyIntegrity: 'ok',
      decoded: { ok, payloadSha256 },
      onProgress: (p) => progress.push(p),
    });
    expect(verified).toMatchObject({ databasePath: null, schema: null });
    expect(progress).toEqual([100]);
    expect(leftovers(tempDir)).toEqual([]);
  });

  it('says damaged when the payload did not decode back, or the file changed after it was written', async () => {
    const { path, manifest, options } = setup();
    const { payloadSha256 } = decodedOf(path, manifest);
    const refused = await verifyBackup(path, {
      ...options,
      copyIntegrity: 'ok',
      decoded: { ok: false, reason: 'the payload decodes to different bytes' },
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'damaged' });
    expect((refused as Error).message).toMatch(/does not decode back/);

    // what was decoded is not what is on disk now
    const other = await verifyBackup(path, {
      ...options,
      copyIntegrity: 'ok',
      decoded: { ok: true, payloadSha256: 'c'.repeat(64) },
    }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: 'damaged' });

    // a byte of the file changed after writing; the decoder had seen the original
    const bytes = readFileSync(path);
    bytes[headMagic.length + 1]! ^= 0x01;
    writeFileSync(path, bytes);
    const changed = await verifyBackup(path, {
      ...options,
      copyIntegrity: 'ok',
      decoded: { ok: true, payloadSha256 },
    }).catch((e: unknown) => e);
    expect(changed).toMatchObject({ code: 'damaged' });
    expect((changed as Error).message).toMatch(/changed after it was written/);
  });

  it('says integrity, not damaged, when the copy it was written from failed its check', async () => {
    const { path, manifest, options } = setup();
    const { payloadSha256 } = decodedOf(path, manifest);
    const refused = await verifyBackup(path, {
      ...options,
      copyIntegrity: 'row 1 missing from index notes_body',
      decoded: { ok: true, payloadSha256 },
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'integrity' });
    expect((refused as Error).message).toContain('row 1 missing from index notes_body');
  });
});
