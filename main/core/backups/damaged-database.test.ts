import { servicesOf } from '../testing/services';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../../db';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';
import { createBackup } from './create-backup';
import { BackupFileError, encodeTrailer, headMagic } from './file-format';
import { inspectDatabase, schemaFacts } from './inspect-database';
import { backupFormatVersion, type Manifest } from './manifest';
import { verifyBackup } from './verify-backup';

let h: Harness;
afterEach(() => h?.close());

const migrationsDir = join(__dirname, '..', '..', '..', 'db', 'migrations');

async function agentNames(owner: SignedIn): Promise<string[]> {
  const { agents } = await expectOk(h.core, 'agents.list', {}, owner.call);
  return agents.map((a) => a.name).sort();
}

/**
 * A copy of the live database with one entry of the users' e-mail index changed on disk: the file
 * opens and reads, but PRAGMA integrity_check reports the index entry missing.
 */
function damagedCopyOfLive(path: string): void {
  servicesOf(h.core).sqlite.prepare('VACUUM INTO ?').run(path);
  const db = new Database(path);
  const { rootpage } = db
    .prepare("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name = 'users_email_unique'")
    .get() as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(path);
  const page = bytes.subarray((rootpage - 1) * pageSize, rootpage * pageSize);
  const at = page.indexOf(Buffer.from('owner@acme.test'));
  expect(at).toBeGreaterThan(0);
  page[at] = 'O'.charCodeAt(0);
  writeFileSync(path, bytes);
}

/**
 * Packs a database file as a backup the way the writer does (brotli, manifest last), with a
 * manifest that matches it in every checksum, row count and schema version.
 */
async function packAsBackup(databaseFile: string, backupPath: string): Promise<void> {
  const database = readFileSync(databaseFile);
  const payload = brotliCompressSync(database);
  const inspection = await inspectDatabase(databaseFile);
  const facts = schemaFacts(inspection.migrationHashes, loadMigrations(migrationsDir));
  const manifest: Manifest = {
    format: backupFormatVersion,
    appVersion: h.core.appVersion,
    schemaVersion: facts.version,
    schemaTag: facts.tag,
    createdAt: h.clock.now() - 60_000,
    kind: 'manual',
    databaseSha256: createHash('sha256').update(database).digest('hex'),
    databaseBytes: database.length,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
    payloadBytes: payload.length,
    compression: 'brotli',
    encryption: null,
    tables: inspection.tables,
  };
  writeFileSync(backupPath, Buffer.concat([headMagic, payload, encodeTrailer(manifest)]));
}

describe('a backup of a damaged database', () => {
  it('is reported not verified (integrity), and is not restored', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'agents.create', { name: 'Live bot' }, owner.call);
    await expectOk(h.core, 'backups.list', {}, owner.call);
    const damaged = join(h.dataDir, 'damaged.sqlite');
    damagedCopyOfLive(damaged);
    const check = new Database(damaged, { readonly: true });
    const found = (check.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    check.close();
    expect(found).toMatch(/missing from index users_email_unique/);

    const file = 'mindframe-20261122-085900-000Z-manual.mfbackup';
    await packAsBackup(damaged, join(h.dataDir, 'backups', file));
    rmSync(damaged);

    const row = await expectOk(h.core, 'backups.verify', { file }, owner.call);
    expect(row.verification).toMatchObject({
      status: 'failed',
      reasonCode: 'integrity',
      reason: expect.stringMatching(/damaged: .*missing from index users_email_unique/),
    });
    const list = await expectOk(h.core, 'backups.list', {}, owner.call);
    expect(list.lastVerifiedAt).toBeNull();
    expect(list.backups.find((b) => b.file === file)?.notRestorableCode).toBe('integrity');

    const restore = await h.core.dispatch('backups.restore', { file }, owner.call);
    expect(restore.ok).toBe(false);
    await expectOk(h.core, 'agents.create', { name: 'Made after' }, owner.call);
    expect(await agentNames(owner)).toEqual(['Live bot', 'Made after']);
  });

  it('is reported not verified when the check of the copy it was written from found damage', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    // the backup folder is made on first use
    await expectOk(h.core, 'backups.list', {}, owner.call);
    const migrations = loadMigrations(migrationsDir);
    const created = await createBackup({
      sourceFile: h.core.databaseFile,
      folder: join(h.dataDir, 'backups'),
      tempDir: join(h.dataDir, 'tmp'),
      kind: 'manual',
      appVersion: h.core.appVersion,
      migrations,
      key: null,
      now: h.clock.now(),
    });
    expect(created.integrity).toBe('ok');
    expect(created.decoded.ok).toBe(true);
    const options = { key: null, tempDir: join(h.dataDir, 'tmp'), migrations };
    // as written it verifies; had the check of its copy found anything but 'ok', it must not
    await expect(
      verifyBackup(created.path, { ...options, copyIntegrity: 'ok', decoded: created.decoded }),
    ).resolves.toMatchObject({ info: expect.anything() });
    for (const decoded of [created.decoded, undefined]) {
      const refused = await verifyBackup(created.path, {
        ...options,
        copyIntegrity: 'row 1 missing from index users_email_unique',
        ...(decoded ? { decoded } : {}),
      }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(BackupFileError);
      expect((refused as BackupFileError).code).toBe('integrity');
    }
  });
});
