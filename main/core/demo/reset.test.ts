import { afterEach, describe, expect, it } from 'vitest';
import { servicesOf } from '../testing/services';
import { createHarness, expectOk, inviteAndAccept, setupOwner, type Harness } from '../testing/harness';
import { demoInstallation, markDemoInstallation } from './status';
import { keepDemoBackup } from './kept-backup';

let h: Harness;
afterEach(() => h?.close());

const agentNames = async (call: Parameters<typeof expectOk>[3]) =>
  (await expectOk(h.core, 'agents.list', {}, call)).agents.map((a) => a.name).sort();

/** An installation ending as `mindframe demo` ends its build: marked, then its last verified backup named. */
async function endAsDemoBuild(): Promise<string> {
  const { sqlite, backups } = servicesOf(h.core);
  const marker = { seed: 42, days: 180, builtAt: h.clock.now() };
  markDemoInstallation(sqlite, marker);
  const last = await backups.create('scheduled');
  markDemoInstallation(sqlite, { ...marker, backupFile: last.file });
  await keepDemoBackup(servicesOf(h.core).dataDir, backups, last.file);
  return last.file;
}

describe('demo.reset', () => {
  it('is refused on an installation that is not a demo, and nothing changes', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'agents.create', { name: 'Real bot' }, owner.call);
    const answer = await h.core.dispatch('demo.reset', {}, owner.call);
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'not_a_demo' } });
    expect(await agentNames(owner.call)).toEqual(['Real bot']);
    expect((await expectOk(h.core, 'setup.status', {}, owner.call)).demo).toBe(false);
  });

  it('is refused to a viewer of a demo; the owner puts the demo back as it was built', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const viewer = await inviteAndAccept(h.core, owner, 'vera@acme.test', 'viewer');
    await expectOk(h.core, 'agents.create', { name: 'Built bot' }, owner.call);
    const file = await endAsDemoBuild();
    // the prospect plays with the demo
    await expectOk(h.core, 'agents.create', { name: 'Added while exploring' }, owner.call);

    const refused = await h.core.dispatch('demo.reset', {}, viewer.call);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'role_required' } });
    expect(await agentNames(owner.call)).toEqual(['Added while exploring', 'Built bot']);

    const reset = await expectOk(h.core, 'demo.reset', {}, owner.call);
    expect(reset).toMatchObject({ seed: 42, days: 180 });
    expect(await agentNames(owner.call)).toEqual(['Built bot']);
    // still a demo, and resettable again from the same backup
    expect((await expectOk(h.core, 'setup.status', {}, owner.call)).demo).toBe(true);
    expect(demoInstallation(servicesOf(h.core).sqlite)?.backupFile).toBe(file);
    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    expect(audit.entries.map((e) => e.action)).toContain('demo.reset');
    await expectOk(h.core, 'agents.create', { name: 'Second visit' }, owner.call);
    await expectOk(h.core, 'demo.reset', {}, owner.call);
    expect(await agentNames(owner.call)).toEqual(['Built bot']);
  });

  it("is put back after retention deleted the build's backup from the backups folder (the demo keeps its own copy)", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'agents.create', { name: 'Built bot' }, owner.call);
    const file = await endAsDemoBuild();
    const { backups } = servicesOf(h.core);
    // the prospect explores; scheduled backups pile up and retention keeps only the newest
    await expectOk(h.core, 'agents.create', { name: 'Added while exploring' }, owner.call);
    for (let i = 0; i < 2; i++) {
      h.clock.advance(60_000);
      await backups.create('scheduled');
    }
    const deleted = await backups.applyRetention({ keepLast: 1, daily: 0, weekly: 0, monthly: 0 });
    expect(deleted).toContain(file);
    expect((await backups.list()).map((e) => e.row.file)).not.toContain(file);

    const reset = await expectOk(h.core, 'demo.reset', {}, owner.call);
    expect(reset).toMatchObject({ seed: 42, days: 180 });
    expect(await agentNames(owner.call)).toEqual(['Built bot']);
    expect((await backups.list()).map((e) => e.row.file)).toContain(file);
  });

  it('says so when the backup it restores is gone', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    markDemoInstallation(servicesOf(h.core).sqlite, {
      seed: 7,
      days: 30,
      builtAt: h.clock.now(),
      backupFile: 'mindframe-gone.mfbackup',
    });
    const answer = await h.core.dispatch('demo.reset', {}, owner.call);
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'demo_backup_missing' } });
  });
});
