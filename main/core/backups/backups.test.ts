import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';

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
    const unsubscribe = h.core.subscribe(owner.token, (name, payload) => {
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
    h.core.services.sqlite.prepare('VACUUM INTO ?').run(loose);
    const packed = await h.core.services.backups.packPreMigrationCopies();
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
