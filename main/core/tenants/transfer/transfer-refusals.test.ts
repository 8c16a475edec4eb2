import { servicesOf } from '../../testing/services';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../../testing/harness';
import { twoTenants, type TwoTenants } from '../../testing/tenants-fixture';
import {
  appSchemaVersion,
  databaseCounts,
  download,
  linesOf,
  pack,
  rowsOf,
  seedTenantA,
  upload,
} from '../../testing/transfer-test-kit';

let one: Harness;
let two: Harness;
let t: TwoTenants;
let root: SignedIn;
let exportId: string;
let file: Buffer;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  one = createHarness();
  t = await twoTenants(one.core);
  await seedTenantA(one, t);
  exportId = (await expectOk(one.core, 'tenants.export', {}, t.alice.call)).exportId;
  file = await download(one.core, t.alice.call, exportId);
  lines = linesOf(file);
  two = createHarness();
  root = await setupOwner(two.core, 'Second Site', 'root@second.test');
});
afterAll(() => {
  one?.close();
  two?.close();
});

const nowhere = '01a20125-33c1-7000-8000-00000000beef';

/** The file's lines with one line changed (found by a predicate) by the given function. */
function changed(
  match: (line: Record<string, unknown>) => boolean,
  change: (line: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown>[] {
  const copy = structuredClone(lines);
  const index = copy.findIndex(match);
  expect(index, 'line to change').toBeGreaterThanOrEqual(0);
  copy[index] = change(copy[index]!);
  return copy;
}

/** Uploads the bytes to the fresh installation, imports, and expects a refusal that changed nothing. */
async function expectRefused(bytes: Buffer, message: RegExp): Promise<void> {
  const importId = await upload(two.core, root.call, bytes);
  const before = databaseCounts(two.core);
  const result = await two.core.dispatch('tenants.import', { importId }, root.call);
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  if (!result.ok) expect(result.error.message).toMatch(message);
  // and why, for the UI to say in the user's language (errors.reasons.import_*)
  if (!result.ok) expect(result.error.reason).toMatch(/^import_/);
  expect(databaseCounts(two.core)).toEqual(before);
}

describe('tenant import refuses a file it cannot trust, changing nothing', () => {
  it('refuses a file from a newer export format', async () => {
    const newer = changed(
      (line) => line.format !== undefined,
      (header) => ({ ...header, version: 2, novelty: 'something new' }),
    );
    await expectRefused(pack(newer), /newer version of Mindframe \(export format 2/);
  });

  it('refuses a file from a newer database schema', async () => {
    const newer = changed(
      (line) => line.format !== undefined,
      (header) => ({ ...header, schemaVersion: 99 }),
    );
    await expectRefused(
      pack(newer),
      new RegExp(`newer version of Mindframe \\(database schema 99; this version has ${appSchemaVersion}\\)`),
    );
  });

  it('refuses a file without its end line, and a gzip stream cut short', async () => {
    await expectRefused(pack(lines.slice(0, -1)), /incomplete: it ends before its end line/);
    await expectRefused(file.subarray(0, Math.floor(file.length * 0.6)), /damaged.*unexpected end of file/);
  });

  it('refuses a file with a flipped byte in its compressed data', async () => {
    const flipped = Buffer.from(file);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x5a;
    await expectRefused(flipped, /damaged: its compressed data does not check out/);
  });

  it('refuses a file that is not gzip at all', async () => {
    const plain = Buffer.from(lines.map((line) => JSON.stringify(line)).join('\n'));
    await expectRefused(plain, /not a Mindframe tenant export: the file is not gzip-compressed/);
  });

  it('refuses rows pointing at ids that are not in the file', async () => {
    const version = changed(
      (line) => line.t === 'agent_versions',
      (line) => ({ ...line, r: { ...(line.r as object), agent_id: nowhere } }),
    );
    await expectRefused(pack(version), /^Line \d+ \(agent_versions\): agent_id points to a row of agents/);
    // a reference SQLite does not know about: the Guardian action's incident
    const action = changed(
      (line) => line.t === 'guardian_actions',
      (line) => ({ ...line, r: { ...(line.r as object), incident_id: nowhere } }),
    );
    await expectRefused(pack(action), /\(guardian_actions\): incident_id points to a row of incidents/);
    // a run of a version the agent never had
    const run = changed(
      (line) => line.t === 'agent_runs' && (line.r as { version_number: unknown }).version_number !== null,
      (line) => ({ ...line, r: { ...(line.r as object), version_number: 42 } }),
    );
    await expectRefused(
      pack(run),
      /\(agent_runs\): agent_id, version_number point to a row of agent_versions/,
    );
  });

  it('refuses unknown tables and columns, a smuggled password hash, and counts that do not add up', async () => {
    const hash = changed(
      (line) => line.t === 'users',
      (line) => ({
        ...line,
        r: { ...(line.r as object), password_hash: '$argon2id$v=19$m=1$c2FsdA$aGFzaA' },
      }),
    );
    await expectRefused(pack(hash), /\(users\): the column "password_hash" is not known/);
    const proto = changed(
      (line) => line.t === 'agents',
      (line) => ({ ...line, r: { ...(line.r as object), ['__proto__']: 'x' } }),
    );
    await expectRefused(pack(proto), /\(agents\): the column "__proto__" is not known/);
    const table = [...lines.slice(0, -1), { t: 'secret_stuff', r: {} }, lines.at(-1)];
    await expectRefused(pack(table), /the table "secret_stuff" is not known/);
    const stepIndex = lines.findIndex((line) => line.t === 'run_steps');
    const fewer = lines.filter((_, index) => index !== stepIndex);
    await expectRefused(pack(fewer), /end line counts \d+ rows of run_steps, but it holds \d+/);
    const stranger = [
      lines[0],
      { t: 'users', r: { id: nowhere, email: 'stranger@else.test', name: 'Stranger', created_at: 1 } },
      ...lines.slice(1, -1),
      {
        end: true,
        counts: { ...(lines.at(-1)!.counts as object), users: rowsOf(lines, 'users').length + 1 },
      },
    ];
    await expectRefused(pack(stranger), /a user who is not a member/);
    const bogus = changed(
      (line) => line.t === 'agents',
      (line) => ({ ...line, r: { ...(line.r as object), status: 'exploding' } }),
    );
    await expectRefused(pack(bogus), /\(agents\): status has a value this version does not know/);
    const flow = changed(
      (line) => line.t === 'agent_versions',
      (line) => ({ ...line, r: { ...(line.r as object), flow: '{"nodes":"everything"}' } }),
    );
    await expectRefused(pack(flow), /\(agent_versions\): flow does not have the expected shape/);
  });

  it('changes nothing when the database refuses a row halfway through the import', async () => {
    const { sqlite } = servicesOf(two.core);
    sqlite.exec(
      "CREATE TRIGGER refuse_docs BEFORE INSERT ON knowledge_docs BEGIN SELECT RAISE(ABORT, 'no documents today'); END",
    );
    try {
      await expectRefused(file, /could not be imported \(a row of knowledge_docs\): the database refused it/);
    } finally {
      sqlite.exec('DROP TRIGGER refuse_docs');
    }
  });

  it('refuses a chunk at the wrong offset, saying where the upload stands', async () => {
    const first = await expectOk(
      two.core,
      'tenants.importChunk',
      { offset: 0, data: file.subarray(0, 1000).toString('base64') },
      root.call,
    );
    const wrong = await two.core.dispatch(
      'tenants.importChunk',
      { importId: first.importId, offset: 2000, data: file.subarray(1000).toString('base64') },
      root.call,
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/next chunk starts at offset 1000, not 2000/),
      },
    });
    const fresh = await two.core.dispatch('tenants.importChunk', { offset: 5, data: 'AAAA' }, root.call);
    expect(fresh).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // the right offset goes on where the upload stands, and the file imports
    await expectOk(
      two.core,
      'tenants.importChunk',
      { importId: first.importId, offset: 1000, data: file.subarray(1000).toString('base64') },
      root.call,
    );
    const imported = await expectOk(
      two.core,
      'tenants.import',
      { importId: first.importId, name: 'Alpha Again' },
      root.call,
    );
    expect(imported.tenant.name).toBe('Alpha Again');
    // an upload is used once
    const again = await two.core.dispatch('tenants.import', { importId: first.importId }, root.call);
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('export files and uploads belong to whoever made them', () => {
  it("answers NOT_FOUND for another tenant's export, exactly as for an unknown id", async () => {
    const ofA = await one.core.dispatch('tenants.exportChunk', { exportId, offset: 0 }, t.bob.call);
    const unknown = await one.core.dispatch(
      'tenants.exportChunk',
      { exportId: 'f'.repeat(32), offset: 0 },
      t.bob.call,
    );
    expect(ofA).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(ofA).toEqual(unknown);
    // the platform admin, even bound to tenant A, did not make it
    await expectOk(one.core, 'tenants.switch', { tenantId: t.tenantA }, t.platformAdmin.call);
    const byAdmin = await one.core.dispatch(
      'tenants.exportChunk',
      { exportId, offset: 0 },
      t.platformAdmin.call,
    );
    expect(byAdmin).toEqual(unknown);
  });

  it("answers NOT_FOUND for another platform admin's upload", async () => {
    const importId = await upload(one.core, t.platformAdmin.call, file.subarray(0, 100));
    servicesOf(one.core)
      .sqlite.prepare('UPDATE users SET is_platform_admin = 1 WHERE email = ?')
      .run('bob@beta.test');
    try {
      const chunk = await one.core.dispatch(
        'tenants.importChunk',
        { importId, offset: 100, data: file.subarray(100, 200).toString('base64') },
        t.bob.call,
      );
      expect(chunk).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const imported = await one.core.dispatch('tenants.import', { importId }, t.bob.call);
      expect(imported).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      servicesOf(one.core)
        .sqlite.prepare('UPDATE users SET is_platform_admin = 0 WHERE email = ?')
        .run('bob@beta.test');
    }
  });

  it('forgets an export after an hour and removes its file', async () => {
    const fresh = await expectOk(one.core, 'tenants.export', {}, t.alice.call);
    const dir = join(one.dataDir, 'transfers');
    const path = join(dir, `export-${fresh.exportId}.mftenant`);
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(dir).some((name) => name.endsWith('.tmp'))).toBe(false);
    one.clock.advance(61 * 60 * 1000);
    servicesOf(one.core).transfers.sweep();
    expect(existsSync(path)).toBe(false);
    // (a session idles out in that hour too: Alice signs in again)
    const login = await one.core.dispatch(
      'auth.login',
      { email: 'alice@alpha.test', password: 'another long password' },
      { transport: 'internal' },
    );
    const token = login.ok && login.sessionChange?.type === 'set' ? login.sessionChange.token : null;
    const late = await one.core.dispatch(
      'tenants.exportChunk',
      { exportId: fresh.exportId, offset: 0 },
      { transport: 'internal', sessionToken: token },
    );
    expect(late).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

it('has rows of every kind in the file the refusals are made from', () => {
  for (const table of ['users', 'agent_versions', 'agent_runs', 'run_steps', 'guardian_actions'])
    expect(rowsOf(lines, table).length, table).toBeGreaterThan(0);
});
