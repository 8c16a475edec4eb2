import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { constants as zlib, createBrotliCompress } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';
import { mindframeBin, runCommand, type CommandResult } from '../testing/run-command';
import { encodeTrailer, headMagic } from './file-format';
import { backupFormatVersion, type Manifest } from './manifest';

const mib = 1024 * 1024;
/** What the bomb expands to; its file is a few hundred bytes. */
const bombExpandsTo = 256 * mib;

let h: Harness;
afterEach(() => h?.close());

let bombPayload: Buffer;
beforeAll(async () => {
  const zeros = Buffer.alloc(mib);
  let sent = 0;
  const source = new Readable({
    read() {
      this.push(sent++ < bombExpandsTo / mib ? zeros : null);
    },
  });
  bombPayload = await buffer(
    source.pipe(createBrotliCompress({ params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } })),
  );
}, 60_000);

/** A well-framed backup whose manifest says its database is `claimedBytes` long; every checksum of the payload matches. */
function writeBomb(path: string, claimedBytes: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const manifest: Manifest = {
    format: backupFormatVersion,
    appVersion: '0.1.0',
    schemaVersion: 1,
    schemaTag: null,
    createdAt: Date.UTC(2026, 10, 21, 9, 0, 0),
    kind: 'manual',
    databaseSha256: createHash('sha256').update('a small database').digest('hex'),
    databaseBytes: claimedBytes,
    payloadSha256: createHash('sha256').update(bombPayload).digest('hex'),
    payloadBytes: bombPayload.length,
    compression: 'brotli',
    encryption: null,
    tables: { tenants: 1 },
  };
  writeFileSync(path, Buffer.concat([headMagic, bombPayload, encodeTrailer(manifest)]));
}

async function agentNames(owner: SignedIn): Promise<string[]> {
  const { agents } = await expectOk(h.core, 'agents.list', {}, owner.call);
  return agents.map((a) => a.name).sort();
}

/** Files left in the data folder's scratch folder (the decompressed database goes there). */
function scratchFiles(): string[] {
  const dir = join(h.dataDir, 'tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('a backup that expands without end (decompression bomb)', () => {
  it('is tiny on disk yet expands to hundreds of MiB', () => {
    expect(bombPayload.length).toBeLessThan(8 * 1024);
  });

  it('is refused as oversized by verify and restore, leaving no scratch files and the data unchanged', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'agents.create', { name: 'Still here' }, owner.call);
    writeBomb(join(h.dataDir, 'backups', 'mindframe-20261121-090000-000Z-manual.mfbackup'), mib);

    const row = await expectOk(
      h.core,
      'backups.verify',
      { file: 'mindframe-20261121-090000-000Z-manual.mfbackup' },
      owner.call,
    );
    expect(row.verification).toMatchObject({
      status: 'failed',
      reasonCode: 'oversized',
      reason: expect.stringMatching(/expands beyond the 1\.0 MiB its manifest states/),
    });
    expect(scratchFiles()).toEqual([]);

    const restore = await h.core.dispatch(
      'backups.restore',
      { file: 'mindframe-20261121-090000-000Z-manual.mfbackup' },
      owner.call,
    );
    expect(restore).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await agentNames(owner)).toEqual(['Still here']);
    expect(scratchFiles()).toEqual([]);
  });

  it('is refused before decompressing when its manifest claims more than the free disk space', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    // a petabyte: more than any disk this runs on has free
    writeBomb(join(h.dataDir, 'backups', 'mindframe-20261121-090000-000Z-manual.mfbackup'), 2 ** 50);
    const row = await expectOk(
      h.core,
      'backups.verify',
      { file: 'mindframe-20261121-090000-000Z-manual.mfbackup' },
      owner.call,
    );
    expect(row.verification).toMatchObject({
      status: 'failed',
      reasonCode: 'no_space',
      reason: expect.stringMatching(/not enough free disk space/),
    });
    expect(scratchFiles()).toEqual([]);
  });
});

/** Runs `mindframe` with the size of any file it writes limited to `limitBytes` (ulimit -f). */
function cliWithFileSizeLimit(limitBytes: number, args: string[]): Promise<CommandResult> {
  // POSIX sh counts ulimit -f in 512-byte blocks
  return runCommand('/bin/sh', [
    '-c',
    `ulimit -f ${Math.floor(limitBytes / 512)} && exec "$0" "$@"`,
    process.execPath,
    mindframeBin,
    ...args,
  ]);
}

describe('mindframe backup verify of a decompression bomb', () => {
  let dataDir: string;
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops within the claimed size: it works where no file may grow past 16 MiB, and says why', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bomb-'));
    const bomb = join(dataDir, 'tiny.mfbackup');
    writeBomb(bomb, mib);
    expect(statSync(bomb).size).toBeLessThan(8 * 1024);
    const result = await cliWithFileSizeLimit(16 * mib, ['backup', 'verify', bomb, '--data-dir', dataDir]);
    expect(result.stderr).toMatch(/expands beyond the 1\.0 MiB its manifest states/);
    expect(result.stderr).not.toMatch(/EFBIG|file too large/i);
    expect(result.code).toBe(1);
    expect(existsSync(join(dataDir, 'tmp')) ? readdirSync(join(dataDir, 'tmp')) : []).toEqual([]);
  });
});
