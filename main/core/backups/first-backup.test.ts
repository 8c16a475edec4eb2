import { servicesOf } from '../testing/services';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, expectOk, ownerPassword, setupOwner, type Harness } from '../testing/harness';
import { runMindframe } from '../testing/run-command';
import { readBackupInfo } from './file-format';

let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

function backupFiles(dataDir: string): string[] {
  const folder = join(dataDir, 'backups');
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.mfbackup')) : [];
}

describe('the first automatic backup', () => {
  it('is not taken before setup: an installation without an organisation has nothing to back up', async () => {
    h = createHarness();
    expect((await expectOk(h.core, 'setup.status', {}, { transport: 'internal' })).needsSetup).toBe(true);
    // a scheduled slot has long passed and no backup exists: the schedule would be due
    h.clock.advance(24 * 60 * 60 * 1000);
    expect(await servicesOf(h.core).backups.scheduler.tick()).toBe(false);
    expect(backupFiles(h.dataDir)).toEqual([]);
  });

  it('is taken right after setup by the running app, and the Guardian counts it', async () => {
    h = createHarness({ guardianIntervalMs: 3_600_000, healthIntervalMs: 3_600_000 });
    h.core.start();
    const owner = await setupOwner(h.core);
    const list = await vi.waitFor(
      async () => {
        const now = await expectOk(h!.core, 'backups.list', {}, owner.call);
        expect(now.backups.map((b) => [b.kind, b.verification.status])).toEqual([['scheduled', 'verified']]);
        expect(now.running).toBeNull();
        return now;
      },
      { timeout: 20_000, interval: 50 },
    );
    const { manifest } = await readBackupInfo(join(h.dataDir, 'backups', list.backups[0]!.file));
    expect(manifest.tables.tenants).toBe(1);
    expect(manifest.tables.users).toBe(1);
    expect(list.lastVerifiedAt).toBe(list.backups[0]!.createdAt);
    const status = await expectOk(h.core, 'guardian.runChecks', {}, owner.call);
    expect(status.checks.find((c) => c.id === 'backup_freshness')?.status).toBe('ok');
  });

  it('an earlier backup of the empty installation is not "the latest verified backup", nor restored by the Guardian', async () => {
    h = createHarness();
    // what an earlier version left behind: a backup taken at first start, before setup
    const empty = await servicesOf(h.core).backups.create('scheduled');
    expect(empty.verification.status).toBe('verified');
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'agents.create', { name: 'Kept' }, owner.call);

    const list = await expectOk(h.core, 'backups.list', {}, owner.call);
    expect(list.backups.map((b) => b.file)).toEqual([empty.file]);
    expect(list.lastVerifiedAt).toBeNull();
    const status = await expectOk(h.core, 'guardian.runChecks', {}, owner.call);
    expect(status.checks.find((c) => c.id === 'backup_freshness')).toMatchObject({
      status: 'warn',
      message: { key: 'guardian.backup.none' },
      text: 'There is no verified backup yet.',
    });
    await expect(servicesOf(h.core).backups.restoreLatest()).rejects.toThrow(/No verified backup/);
    const { agents } = await expectOk(h.core, 'agents.list', {}, owner.call);
    expect(agents.map((a) => a.name)).toEqual(['Kept']);
    // and the schedule does not count it: the first slot backs up the organisation
    h.clock.advance(6 * 60 * 60 * 1000);
    expect(await servicesOf(h.core).backups.scheduler.tick()).toBe(true);
  });
});

describe('mindframe setup', () => {
  let dataDir: string;
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('makes a verified backup of the new organisation before it exits', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-setup-backup-'));
    const result = await runMindframe(
      ['setup', '--data-dir', dataDir, '--org', 'Acme', '--email', 'owner@acme.test'],
      `${ownerPassword}\n`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const files = backupFiles(dataDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-scheduled\.mfbackup$/);
    const path = join(dataDir, 'backups', files[0]!);
    expect(JSON.parse(readFileSync(`${path}.verify.json`, 'utf8'))).toMatchObject({ status: 'verified' });
    const { manifest } = await readBackupInfo(path);
    expect(manifest.tables.tenants).toBe(1);
  });
});
