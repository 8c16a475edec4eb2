import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { callApi, login, runCli, serve, setupAcme, stop, type Served } from './testing/run-cli';

/**
 * The probe's scenario on a real small disk: the data folder on a 32 MiB tmpfs, filled up while
 * `mindframe serve` takes changes. Mounting needs root; where it is impossible the test says so and
 * skips (main/core/health/disk-full.test.ts covers the same path by fault injection everywhere).
 */
const mountPoint = mkdtempSync(join(tmpdir(), 'mindframe-tmpfs-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m,mode=0755', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (error) {
  console.warn(
    `Skipping the real full-disk test: cannot mount a tmpfs here (${String((error as Error).message).split('\n')[0]}). The fault-injection test covers the same path.`,
  );
}

afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
  rmSync(mountPoint, { recursive: true, force: true });
});

const password = 'correct horse battery staple';

/** Writes `file` until the disk refuses: the disk is then full to the last block. */
function fill(file: string): void {
  const fd = openSync(file, 'a');
  try {
    for (const size of [1024 * 1024, 4096, 512]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Every file under a folder, relative to it (what a command may have left behind). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  // SQLite's own companions come and go with every open; they are not ours to count
  return out.filter((f) => !/mindframe\.sqlite-(wal|shm)$/.test(f)).sort();
}

describe.skipIf(!mounted)('a full disk under `mindframe serve` (real tmpfs)', () => {
  let served: Served | undefined;
  afterAll(async () => {
    if (served) await stop(served, 'SIGKILL');
  });

  it('stays up, answers UNAVAILABLE/disk_full, keeps reads and acknowledged writes, raises it, and recovers', async () => {
    const dataDir = join(mountPoint, 'data');
    expect((await setupAcme(dataDir, password)).code).toBe(0);
    served = await serve(dataDir);
    const url = served.url;
    let output = '';
    served.child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const session = await login(url, 'owner@acme.test', password);
    expect(
      (
        await callApi(url, session, 'notify.saveRule', {
          name: 'Everything',
          events: ['incident.opened'],
          desktop: true,
        })
      ).status,
    ).toBe(200);
    const notifications: { event: string; title: string }[] = [];
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/events`, {
      headers: { cookie: session.cookie, origin: url },
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        event: string;
        payload: { event: string; title: string };
      };
      if (message.event === 'notification') notifications.push(message.payload);
    });
    await new Promise((resolve) => socket.on('open', resolve));

    const acknowledged: string[] = [];
    for (const title of ['Opening hours', 'Returns']) {
      expect((await callApi(url, session, 'knowledge.add', { title, body: `About ${title}` })).status).toBe(
        200,
      );
      acknowledged.push(title);
    }

    const filler = join(mountPoint, 'filler');
    fill(filler);
    const statuses: number[] = [];
    let refusal: ApiError | undefined;
    for (let i = 0; i < 60 && !refusal; i++) {
      const title = `Doc ${i}`;
      const answer = await callApi(url, session, 'knowledge.add', {
        title,
        body: `${title} `.repeat(20_000),
      });
      statuses.push(answer.status);
      if (answer.status === 200) acknowledged.push(title);
      else refusal = answer.body.error;
    }
    expect(statuses).not.toContain(500);
    expect(refusal).toMatchObject({ code: 'UNAVAILABLE', reason: 'disk_full' });
    // refused again while full, even a change that would fit
    const again = await callApi(url, session, 'knowledge.add', { title: 'Tiny', body: 'x' });
    expect(again).toMatchObject({
      status: 503,
      body: { error: { code: 'UNAVAILABLE', reason: 'disk_full' } },
    });

    // still up, still reading, everything acknowledged there
    expect(served.child.exitCode).toBeNull();
    const listed = await callApi(url, session, 'knowledge.list', { limit: 200 });
    expect(listed.status).toBe(200);
    const titles = (listed.body.data as { docs: { title: string }[] }).docs.map((d) => d.title);
    expect(titles.sort()).toEqual([...acknowledged].sort());

    // the Guardian check, an incident and a notification
    await expect
      .poll(async () => {
        const status = (await callApi(url, session, 'guardian.status')).body.data as {
          checks: { id: string; status: string }[];
        };
        return status.checks.find((c) => c.id === 'disk')?.status;
      })
      .toBe('critical');
    await expect
      .poll(async () => {
        const { incidents } = (await callApi(url, session, 'incidents.list', { open: true })).body.data as {
          incidents: { title: string; source: string }[];
        };
        return incidents.some((i) => i.source === 'guardian' && /disk .*full/i.test(i.title));
      })
      .toBe(true);
    await expect.poll(() => notifications.some((n) => n.event === 'incident.opened')).toBe(true);

    // space is freed: it notices by itself
    rmSync(filler);
    await expect
      .poll(
        async () => (await callApi(url, session, 'knowledge.add', { title: 'After', body: 'back' })).status,
        {
          timeout: 15_000,
          interval: 250,
        },
      )
      .toBe(200);
    acknowledged.push('After');
    const after = await callApi(url, session, 'knowledge.list', { limit: 200 });
    const afterTitles = (after.body.data as { docs: { title: string }[] }).docs.map((d) => d.title);
    for (const title of acknowledged) expect(afterTitles).toContain(title);
    expect(served.child.exitCode).toBeNull();
    socket.close();
    expect(output).toMatch(/Disk full: there is no space left/);
    expect(output).toMatch(/The disk has room again/);
    expect(output).not.toMatch(/uncaught|ENOSPC|I\/O error/i);
    await stop(served);
    served = undefined;

    // the whole disk full, the app stopped: each command says so in words, and leaves nothing behind
    fill(filler);
    const before = filesUnder(dataDir);
    const doctor = await runCli(['doctor', '--data-dir', dataDir]);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toMatch(/disk full/i);
    const backup = await runCli(['backup', 'create', '--data-dir', dataDir]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(/disk full/i);
    const start = await runCli(['serve', '--data-dir', dataDir, '--port', '0']);
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/disk full/i);
    for (const result of [doctor, backup, start]) {
      expect(result.stderr).not.toMatch(/I\/O error|ENOSPC|SQLITE_|\n\s+at /);
    }
    expect(filesUnder(dataDir)).toEqual(before);

    // and once there is room, everything acknowledged is there after a restart
    rmSync(filler);
    served = await serve(dataDir);
    const again2 = await login(served.url, 'owner@acme.test', password);
    const final = await callApi(served.url, again2, 'knowledge.list', { limit: 200 });
    const finalTitles = (final.body.data as { docs: { title: string }[] }).docs.map((d) => d.title);
    for (const title of acknowledged) expect(finalTitles).toContain(title);
  }, 90_000);
});

type ApiError = NonNullable<Awaited<ReturnType<typeof callApi>>['body']['error']>;
