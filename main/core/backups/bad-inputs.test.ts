import { servicesOf } from '../testing/services';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../contract';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';

let h: Harness;
afterEach(() => h?.close());

async function agentNames(owner: SignedIn): Promise<string[]> {
  const { agents } = await expectOk(h.core, 'agents.list', {}, owner.call);
  return agents.map((a) => a.name).sort();
}

/** Expects a refusal and that neither the data nor the backup folder changed. */
async function refusedWithoutChange(
  owner: SignedIn,
  method: MethodName,
  input: unknown,
  reason: RegExp,
): Promise<void> {
  const agentsBefore = await agentNames(owner);
  const folder = join(h.dataDir, 'backups');
  const filesBefore = readdirSync(folder).sort();
  const result = await h.core.dispatch(method, input, owner.call);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.message).toMatch(reason);
  expect(await agentNames(owner)).toEqual(agentsBefore);
  const filesAfter = readdirSync(folder)
    .filter((f) => !f.endsWith('.verify.json'))
    .sort();
  expect(filesAfter).toEqual(filesBefore.filter((f) => !f.endsWith('.verify.json')));
}

async function setup() {
  h = createHarness();
  const owner = await setupOwner(h.core);
  await expectOk(h.core, 'agents.create', { name: 'In the backup' }, owner.call);
  const backup = await expectOk(h.core, 'backups.create', {}, owner.call);
  await expectOk(h.core, 'agents.create', { name: 'After the backup' }, owner.call);
  const path = join(h.dataDir, 'backups', backup.file);
  return { owner, backup, path };
}

/** Writes a damaged copy of a backup under a new name and returns that name. */
function damagedCopy(path: string, name: string, damage: (bytes: Buffer) => Buffer): string {
  writeFileSync(join(h.dataDir, 'backups', name), damage(readFileSync(path)));
  return name;
}

describe('bad backups change nothing and say why', () => {
  it('refuses a truncated backup', async () => {
    const { owner, path } = await setup();
    const file = damagedCopy(path, 'truncated-manual.mfbackup', (b) =>
      b.subarray(0, Math.floor(b.length * 0.6)),
    );
    await refusedWithoutChange(owner, 'backups.restore', { file }, /truncated/);
    const row = await expectOk(h.core, 'backups.verify', { file }, owner.call);
    expect(row.verification).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/truncated/),
      reasonCode: 'truncated',
    });
  });

  it('refuses a backup with one flipped byte in its data', async () => {
    const { owner, path } = await setup();
    const file = damagedCopy(path, 'flipped-manual.mfbackup', (b) => {
      const copy = Buffer.from(b);
      copy[Math.floor(copy.length / 3)]! ^= 0x01;
      return copy;
    });
    await refusedWithoutChange(owner, 'backups.restore', { file }, /damaged/);
    const row = await expectOk(h.core, 'backups.verify', { file }, owner.call);
    expect(row.verification.status).toBe('failed');
    expect(row.notRestorable).toMatch(/damaged/);
    expect(row.notRestorableCode).toBe('damaged');
  });

  it('refuses an encrypted backup when the key is not the one it was made with', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { settings } = await expectOk(h.core, 'backups.settings', {}, owner.call);
    await expectOk(h.core, 'backups.saveSettings', { ...settings, encryption: true }, owner.call);
    const backup = await expectOk(h.core, 'backups.create', {}, owner.call);
    expect(backup.encrypted).toBe(true);
    expect(backup.verification.status).toBe('verified');
    // the payload does not contain the data in the clear
    const bytes = readFileSync(join(h.dataDir, 'backups', backup.file));
    expect(bytes.includes(Buffer.from('owner@acme.test'))).toBe(false);
    servicesOf(h.core).secrets.set('backups.encryption-key', Buffer.alloc(32, 7).toString('base64'));
    await refusedWithoutChange(owner, 'backups.restore', { file: backup.file }, /different key/);
  });

  it('refuses a backup made by a newer version of the app', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { sqlite } = servicesOf(h.core);
    sqlite
      .prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)')
      .run('f'.repeat(64), 4_102_444_800_000);
    const future = await expectOk(h.core, 'backups.create', {}, owner.call);
    sqlite.prepare('DELETE FROM "__drizzle_migrations" WHERE hash = ?').run('f'.repeat(64));
    expect(future.verification.status).toBe('verified');
    expect(future.notRestorable).toMatch(/newer version/);
    expect(future.notRestorableCode).toBe('newer_version');
    await expectOk(h.core, 'agents.create', { name: 'Made today' }, owner.call);
    await refusedWithoutChange(owner, 'backups.restore', { file: future.file }, /newer version/);
  });

  it('refuses a file that is not a backup at all', async () => {
    const { owner } = await setup();
    writeFileSync(join(h.dataDir, 'backups', 'holiday-photo.mfbackup'), Buffer.from('\x89PNG not a backup'));
    await refusedWithoutChange(
      owner,
      'backups.restore',
      { file: 'holiday-photo.mfbackup' },
      /not a Mindframe backup/,
    );
    await refusedWithoutChange(owner, 'backups.restore', { file: 'no-such-file.mfbackup' }, /not found/);
  });

  it('fails loudly when the backup folder is missing', async () => {
    const { owner } = await setup();
    const { settings } = await expectOk(h.core, 'backups.settings', {}, owner.call);
    const missing = join(h.dataDir, 'unplugged-disk', 'backups');
    const refused = await h.core.dispatch(
      'backups.saveSettings',
      { ...settings, folder: missing },
      owner.call,
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'VALIDATION', field: 'folder' });

    // the disk goes away after it was chosen
    writeFileSync(join(h.dataDir, 'backup-settings.json'), JSON.stringify({ ...settings, folder: missing }));
    await expectOk(h.core, 'notify.saveRule', { name: 'Ops desk', events: ['health.critical'] }, owner.call);
    const told: string[] = [];
    h.core.events.subscribe(owner.token, (name, payload) => {
      if (name === 'notification') told.push((payload as { title: string }).title);
    });
    const failed = await h.core.dispatch('backups.create', {}, owner.call);
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.message).toMatch(/does not exist/);
    if (!failed.ok)
      expect(failed.error).toMatchObject({
        reason: 'backup_folder_unusable',
        params: { problem: 'missing' },
      });
    const list = await expectOk(h.core, 'backups.list', {}, owner.call);
    expect(list.folder).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/does not exist/),
      problemCode: 'missing',
    });
    const status = await expectOk(h.core, 'guardian.runChecks', {}, owner.call);
    const check = status.checks.find((c) => c.id === 'backup_freshness')!;
    expect(check.status).toBe('critical');
    expect(check.text).toMatch(/does not exist/);
    expect(check.message).toEqual({
      key: 'backups.folder_unusable',
      params: { problem: 'missing', path: list.folder.path },
    });
    expect(told).toContain('Backup failed');
  });
});

describe('a backup cut off by a crash', () => {
  it('leaves nothing behind that is listed, and its leftovers go at the next start', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const folder = join(h.dataDir, 'backups');
    await expectOk(h.core, 'backups.list', {}, owner.call);
    writeFileSync(join(folder, '.mindframe-20261122-090000-000Z-manual.mfbackup.partial'), 'half a backup');
    mkdirSync(join(h.dataDir, 'tmp'), { recursive: true });
    writeFileSync(join(h.dataDir, 'tmp', 'snapshot-abc.sqlite'), 'half a copy');
    expect((await expectOk(h.core, 'backups.list', {}, owner.call)).backups).toEqual([]);
    servicesOf(h.core).backups.start();
    servicesOf(h.core).backups.stop();
    expect(readdirSync(folder).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(existsSync(join(h.dataDir, 'tmp'))).toBe(false);
  });
});
