import { servicesOf } from '../testing/services';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHarness,
  expectOk,
  ownerPassword,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';

let h: Harness;
afterEach(() => h?.close());

async function agentNames(owner: SignedIn): Promise<string[]> {
  const { agents } = await expectOk(h.core, 'agents.list', {}, owner.call);
  return agents.map((a) => a.name).sort();
}

async function seed(owner: SignedIn, docs = 40): Promise<void> {
  const body = 'Flour, water, salt and time. '.repeat(400);
  for (let i = 0; i < docs; i++)
    await expectOk(h.core, 'knowledge.add', { title: `Recipe ${i}`, body: `${body} #${i}` }, owner.call);
}

async function backupNow(owner: SignedIn) {
  return expectOk(h.core, 'backups.create', {}, owner.call);
}

describe('backups', () => {
  it('backs up while writes keep succeeding, verifies, and restores the data of that moment', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await seed(owner);
    await expectOk(h.core, 'agents.create', { name: 'Before backup' }, owner.call);

    const progress: number[] = [];
    const unsubscribe = h.core.events.subscribe(owner.token, (name, payload) => {
      if (name === 'backup.progress') progress.push((payload as { percent: number }).percent);
    });
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const result = await h.core.dispatch('agents.create', { name: `During ${written}` }, owner.call);
        expect(result.ok).toBe(true);
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backup = await backupNow(owner);
    writing = false;
    await writer;
    unsubscribe?.();

    expect(written).toBeGreaterThan(0);
    expect(backup.verification.status).toBe('verified');
    expect(backup.kind).toBe('manual');
    expect(backup.notRestorable).toBeNull();
    expect(progress.at(-1)).toBe(100);
    const atBackup = await agentNames(owner);

    await expectOk(h.core, 'agents.create', { name: 'After backup' }, owner.call);
    const restored = await expectOk(h.core, 'backups.restore', { file: backup.file }, owner.call);

    expect(restored.preRestoreBackup.kind).toBe('pre-restore');
    expect(restored.preRestoreBackup.verification.status).toBe('verified');
    const names = await agentNames(owner);
    expect(names).toContain('Before backup');
    expect(names).not.toContain('After backup');
    // the backup holds every write acknowledged before it finished copying, and nothing after
    expect(atBackup.filter((n) => !names.includes(n)).every((n) => n.startsWith('During'))).toBe(true);
    expect(names.every((n) => atBackup.includes(n))).toBe(true);

    const list = await expectOk(h.core, 'backups.list', {}, owner.call);
    expect(list.backups.map((b) => b.file)).toEqual(
      expect.arrayContaining([backup.file, restored.preRestoreBackup.file]),
    );
    expect(list.lastVerifiedAt).not.toBeNull();
    const search = await expectOk(h.core, 'knowledge.search', { q: 'Recipe 7' }, owner.call);
    expect(search.hits.length).toBeGreaterThan(0);
    const chain = await expectOk(h.core, 'audit.verify', {}, owner.call);
    expect(chain.ok).toBe(true);
    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    expect(audit.entries.map((e) => e.action)).toContain('backups.restore');

    // the pre-restore backup brings the newer data back
    await expectOk(h.core, 'backups.restore', { file: restored.preRestoreBackup.file }, owner.call);
    expect(await agentNames(owner)).toContain('After backup');
  });
});

describe('pre-migration copies', () => {
  it('become verified pre-migration backups', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    mkdirSync(join(h.dataDir, 'backups'), { recursive: true });
    const loose = join(h.dataDir, 'backups', 'pre-migration-2026-11-20T08-00-00-000Z.sqlite');
    servicesOf(h.core).sqlite.prepare('VACUUM INTO ?').run(loose);
    const packed = await servicesOf(h.core).backups.packPreMigrationCopies();
    expect(packed).toHaveLength(1);
    expect(existsSync(loose)).toBe(false);
    const list = await expectOk(h.core, 'backups.list', {}, owner.call);
    expect(list.backups[0]).toMatchObject({
      kind: 'pre-migration',
      createdAt: Date.UTC(2026, 10, 20, 8, 0, 0),
      verification: { status: 'verified' },
    });
  });
});

describe('encryption, schedule and healing', () => {
  it('restores an encrypted backup, and exports its key only after the password', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { settings } = await expectOk(h.core, 'backups.settings', {}, owner.call);
    await expectOk(h.core, 'backups.saveSettings', { ...settings, encryption: true }, owner.call);
    await expectOk(h.core, 'agents.create', { name: 'Secret recipe bot' }, owner.call);
    const backup = await expectOk(h.core, 'backups.create', {}, owner.call);
    await expectOk(h.core, 'agents.create', { name: 'Later bot' }, owner.call);
    await expectOk(h.core, 'backups.restore', { file: backup.file }, owner.call);
    expect(await agentNames(owner)).toEqual(['Secret recipe bot']);

    const wrong = await h.core.dispatch('backups.exportKey', { password: 'not the password' }, owner.call);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatchObject({ code: 'VALIDATION', field: 'password' });
    const key = await expectOk(h.core, 'backups.exportKey', { password: ownerPassword }, owner.call);
    expect(Buffer.from(key.key, 'base64')).toHaveLength(32);
    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['backups.exportKey', 'backups.exportKey.denied']),
    );
    expect(JSON.stringify(audit.entries)).not.toContain(key.key);
  });

  it('a due scheduled backup runs, is verified and retention applies', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { settings } = await expectOk(h.core, 'backups.settings', {}, owner.call);
    await expectOk(
      h.core,
      'backups.saveSettings',
      { ...settings, retention: { keepLast: 2, daily: 0, weekly: 0, monthly: 0 } },
      owner.call,
    );
    for (let i = 0; i < 3; i++) {
      h.clock.advance(6 * 60 * 60 * 1000);
      expect(await servicesOf(h.core).backups.scheduler.tick()).toBe(true);
      expect(await servicesOf(h.core).backups.scheduler.tick()).toBe(false);
    }
    // hours passed: sign in again
    const login = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal', ip: '127.0.0.1' },
    );
    if (!login.ok || login.sessionChange?.type !== 'set') throw new Error('login failed');
    const call = { transport: 'internal' as const, sessionToken: login.sessionChange.token, ip: '127.0.0.1' };
    const list = await expectOk(h.core, 'backups.list', {}, call);
    expect(list.backups.map((b) => [b.kind, b.verification.status])).toEqual([
      ['scheduled', 'verified'],
      ['scheduled', 'verified'],
    ]);
    expect(list.nextScheduledAt).toBeGreaterThan(h.clock.now());
    const preview = await expectOk(
      h.core,
      'backups.previewRetention',
      { retention: { keepLast: 1, daily: 0, weekly: 0, monthly: 0 } },
      call,
    );
    expect(preview.delete.map((d) => d.file)).toEqual([list.backups[1]!.file]);
  });

  it("the Guardian's restore-from-backup healing puts the last verified backup back", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'agents.create', { name: 'Healthy bot' }, owner.call);
    await expectOk(h.core, 'backups.create', {}, owner.call);
    await expectOk(h.core, 'agents.create', { name: 'Bot of the bad day' }, owner.call);
    const outcome = await servicesOf(h.core).backups.restoreLatest();
    expect(outcome.text).toMatch(/^Restored mindframe-.*pre-restore/);
    expect(outcome.message).toEqual({
      key: 'guardian.outcome.restored',
      params: { file: expect.stringMatching(/^mindframe-/), safety: expect.stringMatching(/pre-restore/) },
    });
    expect(await agentNames(owner)).toEqual(['Healthy bot']);
  });
});

describe('restoring a backup older than the one who restores it', () => {
  it('works, and the installation is back to its first run', async () => {
    h = createHarness();
    const before = await servicesOf(h.core).backups.create('scheduled');
    const owner = await setupOwner(h.core);
    const restored = await h.core.dispatch('backups.restore', { file: before.file }, owner.call);
    expect(restored.ok).toBe(true);
    const status = await expectOk(h.core, 'setup.status', {}, { transport: 'internal' });
    expect(status.needsSetup).toBe(true);
    // the pre-restore backup holds the organisation, and brings it back
    if (!restored.ok) return;
    const data = restored.data as { preRestoreBackup: { file: string } };
    const again = await servicesOf(h.core).backups.restore(data.preRestoreBackup.file);
    expect(again.restored.kind).toBe('pre-restore');
    expect((await expectOk(h.core, 'setup.status', {}, { transport: 'internal' })).needsSetup).toBe(false);
  });
});
