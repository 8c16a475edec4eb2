import { servicesOf } from '../testing/services';
import { statfsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness } from '../testing/harness';

/**
 * A full disk by fault injection, so it runs everywhere (the real-tmpfs test in main/cli needs
 * mount): SQLite's own max_page_count makes the database refuse to grow with a genuine
 * SQLITE_FULL ("database or disk is full"), and the free space the core sees is 0. "Freeing space"
 * lifts both. Everything between, from dispatch to the Guardian, is the real core.
 */
let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

const realFree = (dir: string) => {
  const stats = statfsSync(dir);
  return Number(stats.bavail) * Number(stats.bsize);
};

/** ~200 KB of words: more pages than the injected limit leaves. */
const bigBody = Array.from({ length: 20_000 }, (_, i) => `word${i}`)
  .join(' ')
  .slice(0, 199_000);

describe('a full disk', () => {
  it('refuses changes with UNAVAILABLE/disk_full, keeps reads, raises check, incident and notification, and recovers by itself', async () => {
    let full = false;
    h = createHarness({
      disk: {
        reserveBytes: 64 * 1024,
        recoverFreeBytes: 0,
        probeIntervalMs: 50,
        freeBytes: (dir) => (full ? 0 : realFree(dir)),
      },
    });
    const { core } = h;
    const owner = await setupOwner(core);
    core.start();
    await expectOk(
      core,
      'notify.saveRule',
      { name: 'Everything', events: ['incident.opened'], desktop: true },
      owner.call,
    );
    const notifications: { event: string; title: string }[] = [];
    core.events.subscribe(owner.token, (name, payload) => {
      if (name === 'notification') notifications.push(payload as { event: string; title: string });
    });
    const acknowledged: string[] = [];
    for (const title of ['First', 'Second', 'Third']) {
      await expectOk(core, 'knowledge.add', { title, body: `About ${title}` }, owner.call);
      acknowledged.push(title);
    }

    // the disk fills up
    const sqlite = servicesOf(core).sqlite;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages + 40}`);
    full = true;

    const refused = await core.dispatch('knowledge.add', { title: 'Big', body: bigBody }, owner.call);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', reason: 'disk_full' } });
    // while full, a change that would fit is refused too (the last room is kept for the data)
    const small = await core.dispatch('knowledge.add', { title: 'Small', body: 'tiny' }, owner.call);
    expect(small).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', reason: 'disk_full' } });

    // reading still works, and holds everything acknowledged
    const listed = await expectOk(core, 'knowledge.list', {}, owner.call);
    expect(listed.docs.map((d) => d.title).sort()).toEqual([...acknowledged].sort());

    // the Guardian: a critical disk check, an incident, and a notification about it
    await expect
      .poll(async () => {
        const status = await expectOk(core, 'guardian.status', {}, owner.call);
        return status.checks.find((c) => c.id === 'disk')?.status;
      })
      .toBe('critical');
    await expect
      .poll(async () => {
        const { incidents } = await expectOk(core, 'incidents.list', { open: true }, owner.call);
        return incidents.find((i) => i.source === 'guardian' && /disk .*full/i.test(i.title))?.severity;
      })
      .toBe('SEV2');
    await expect
      .poll(() => notifications.find((n) => n.event === 'incident.opened' && /disk .*full/i.test(n.title)))
      .toBeTruthy();
    expect(core.health().checks.find((c) => c.id === 'disk')?.status).toBe('critical');

    // space is freed: the core notices by itself and takes changes again
    sqlite.pragma('max_page_count = 1073741823');
    full = false;
    await expect
      .poll(
        async () => (await core.dispatch('knowledge.add', { title: 'After', body: 'back' }, owner.call)).ok,
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    const after = await expectOk(core, 'knowledge.list', {}, owner.call);
    const titles = after.docs.map((d) => d.title);
    for (const title of acknowledged) expect(titles).toContain(title);
    expect(titles).toContain('After');
    expect(titles).not.toContain('Big');
    expect(titles).not.toContain('Small');
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await expect
      .poll(async () => {
        const status = await expectOk(core, 'guardian.status', {}, owner.call);
        return status.checks.find((c) => c.id === 'disk')?.status;
      })
      .not.toBe('critical');
  });

  it('lets people sign in while the disk is full, so they can see what is wrong', async () => {
    let full = false;
    h = createHarness({
      disk: { reserveBytes: 0, probeIntervalMs: 60_000, freeBytes: (dir) => (full ? 0 : realFree(dir)) },
    });
    await setupOwner(h.core);
    full = true;
    servicesOf(h.core).disk.probe();
    expect(servicesOf(h.core).disk.isFull()).toBe(true);
    const login = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: 'correct horse battery staple' },
      { transport: 'internal', ip: '127.0.0.1' },
    );
    expect(login.ok).toBe(true);
  });
});
