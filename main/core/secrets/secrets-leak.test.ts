// Provider API keys go to the SecretStore and nowhere else: not the database file or its WAL, not the
// log files, not a backup (raw or decompressed), not a tenant export. Real core, real files.
import { servicesOf } from '../testing/services';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLogger, type Logger } from '../index';
import { readBackupInfo } from '../backups/file-format';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';
import { allowLocal } from '../testing/outbound';

// distinctive enough that any hit is the key itself, and both keys a provider ever had are searched
const firstKey = 'sk-mfleak-FIRST-9c1f4e7a2b6d8c0e3f5a7b9d1c3e5f7a';
const currentKey = 'sk-mfleak-SECOND-4b7e1d9a3c6f0e2b5d8a1c4f7e0b3d6a';
const keys = [firstKey, currentKey];
const providerName = 'Leak Probe Provider';

/** Every form a key could take in a file: as written, base64 (JSON of bytes, chunk data) and UTF-16. */
function forms(key: string): Buffer[] {
  return [
    Buffer.from(key, 'utf8'),
    Buffer.from(Buffer.from(key).toString('base64')),
    Buffer.from(key, 'utf16le'),
  ];
}

function expectNoKey(bytes: Buffer, where: string): void {
  for (const key of keys) {
    for (const form of forms(key)) expect(bytes.includes(form), `${where} holds a provider key`).toBe(false);
  }
  // the tail end of a key is searched too: a truncated or masked copy still leaks most of it
  for (const key of keys)
    expect(bytes.includes(Buffer.from(key.slice(-24))), `${where} holds part of a key`).toBe(false);
}

let h: Harness;
let logger: Logger;
let owner: SignedIn;
let upstream: Server;
let upstreamSawKey = false;

beforeAll(async () => {
  // an OpenAI-compatible endpoint that refuses every key and, worse than real providers, repeats it
  // in full: what it says is stored and logged, so the key must be taken out first
  upstream = createServer((request, response) => {
    if (request.headers.authorization === `Bearer ${currentKey}`) upstreamSawKey = true;
    request.resume();
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: {
          message: `Incorrect API key provided: ${request.headers.authorization?.slice('Bearer '.length) ?? ''}.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      }),
    );
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));

  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-secrets-leak-'));
  logger = createFileLogger(dataDir, 'debug');
  h = createHarness({ dataDir, logger });
  owner = await setupOwner(h.core);

  const { port } = upstream.address() as AddressInfo;
  await allowLocal(h.core, owner, `127.0.0.1:${port}`);
  const saved = await expectOk(
    h.core,
    'providers.save',
    {
      kind: 'compatible',
      name: providerName,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      apiKey: firstKey,
      models: ['probe-model'],
    },
    owner.call,
  );
  // change the key, then use it once (the failed test call is logged and stored)
  await expectOk(
    h.core,
    'providers.save',
    {
      id: saved.id,
      kind: 'compatible',
      name: providerName,
      baseUrl: saved.baseUrl ?? undefined,
      apiKey: currentKey,
      models: ['probe-model'],
    },
    owner.call,
  );
  const tested = await expectOk(h.core, 'providers.test', { providerId: saved.id }, owner.call);
  expect(tested.ok).toBe(false);
  // a failed call with the key in it, as a caller might make by mistake
  await h.core.dispatch(
    'providers.save',
    { kind: 'nonsense', name: 'x', apiKey: currentKey, models: [] },
    owner.call,
  );
}, 30_000);

afterAll(async () => {
  h?.close();
  await new Promise<void>((resolve) => upstream?.close(() => resolve()));
});

describe('provider API keys', () => {
  it('are stored, in the secret store only (and encrypted there)', () => {
    expect(upstreamSawKey, 'the provider received the current key').toBe(true);
    const listed = JSON.stringify(servicesOf(h.core).sqlite.prepare('SELECT * FROM providers').all());
    expect(listed).toContain(providerName);
    expect(listed).toContain('"has_key":1');
    expectNoKey(Buffer.from(listed), 'the providers table');
    const sealed = readFileSync(join(h.dataDir, 'secrets.enc.json'));
    expect(sealed.length).toBeGreaterThan(100);
    expectNoKey(sealed, 'the encrypted secrets file');
  });

  it('never reach the database file or its write-ahead log', () => {
    const database = h.core.databaseFile;
    // before a checkpoint the newest pages are in the WAL only
    expect(existsSync(`${database}-wal`)).toBe(true);
    const wal = readFileSync(`${database}-wal`);
    expect(wal.includes(Buffer.from(providerName)), 'the WAL is readable plain text').toBe(true);
    expectNoKey(wal, 'mindframe.sqlite-wal');
    expectNoKey(readFileSync(database), 'mindframe.sqlite before the checkpoint');

    servicesOf(h.core).sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const checkpointed = readFileSync(database);
    expect(checkpointed.includes(Buffer.from(providerName)), 'the provider row is in the database file').toBe(
      true,
    );
    expectNoKey(checkpointed, 'mindframe.sqlite after the checkpoint');
    expectNoKey(readFileSync(`${database}-wal`), 'mindframe.sqlite-wal after the checkpoint');
  });

  it('never reach the log files', async () => {
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    const logDir = join(h.dataDir, 'logs');
    const read = () =>
      existsSync(logDir)
        ? Buffer.concat(readdirSync(logDir).map((file) => readFileSync(join(logDir, file))))
        : Buffer.alloc(0);
    await expect.poll(() => read().toString('utf8'), { timeout: 5000 }).toContain('providers.save');
    expectNoKey(read(), 'the log files');
  });

  it('never reach a backup, raw or decompressed', async () => {
    const backup = await servicesOf(h.core).backups.create('manual');
    expect(backup.encrypted).toBe(false);
    const path = join(h.dataDir, 'backups', backup.file);
    const raw = readFileSync(path);
    expectNoKey(raw, 'the backup file');
    const info = await readBackupInfo(path);
    const database = brotliDecompressSync(raw.subarray(info.payloadStart, info.payloadEnd));
    expect(database.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(database.includes(Buffer.from(providerName)), 'the backup holds the provider row').toBe(true);
    expectNoKey(database, 'the database inside the backup');
  });

  it('never reach a tenant export', async () => {
    const exported = await expectOk(h.core, 'tenants.export', {}, owner.call);
    const parts: Buffer[] = [];
    for (let offset = 0; ;) {
      const chunk = await expectOk(
        h.core,
        'tenants.exportChunk',
        { exportId: exported.exportId, offset },
        owner.call,
      );
      const bytes = Buffer.from(chunk.data, 'base64');
      parts.push(bytes);
      offset += bytes.length;
      if (chunk.done) break;
    }
    const file = Buffer.concat(parts);
    expect(file.length).toBe(exported.bytes);
    expectNoKey(file, 'the export file');
    const text = gunzipSync(file);
    expect(text.includes(Buffer.from(providerName)), 'the export holds the provider').toBe(true);
    expectNoKey(text, 'the decompressed export');
  });
});
