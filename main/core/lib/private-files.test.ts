import { servicesOf } from '../testing/services';
import { chmodSync, lstatSync, readdirSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, createFileLogger, type Core } from '../index';
import { expectOk, setupOwner } from '../testing/harness';

let dataDir: string | undefined;
let core: Core | undefined;
const umask = process.umask();
afterEach(() => {
  core?.stop();
  core = undefined;
  process.umask(umask);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** path → octal mode of every entry under the folder (the folder itself as "."). */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': (lstatSync(dir).mode & 0o777).toString(8) };
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stats = lstatSync(path);
      out[relative(dir, path)] = (stats.mode & 0o777).toString(8);
      if (stats.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out;
}

const onlyPrivate = (entries: Record<string, string>) =>
  Object.entries(entries).filter(([, mode]) => mode !== '600' && mode !== '700');

async function populate(dir: string): Promise<Core> {
  const running = createCore({ dataDir: dir, secrets: 'file', logger: createFileLogger(dir) });
  running.start();
  const owner = await setupOwner(running);
  await expectOk(running, 'knowledge.add', { title: 'Hours', body: 'Open 9-5' }, owner.call);
  // a backup (one may be under way already: the first after setup)
  await servicesOf(running)
    .backups.create('manual')
    .catch(() => undefined);
  await expect
    .poll(() => readdirSync(join(dir, 'backups')).filter((name) => name.endsWith('.verify.json')).length)
    .toBeGreaterThan(0);
  servicesOf(running).logger.info('a line for the log file');
  servicesOf(running).logger.flush();
  return running;
}

describe('data folder permissions', () => {
  it('creates the folder 0700 and every file of a new installation 0600, whatever the umask', async () => {
    process.umask(0o022);
    dataDir = join(mkdtempSync(join(tmpdir(), 'mindframe-modes-')), 'data');
    core = await populate(dataDir);
    const entries = modes(dataDir);
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining([
        'mindframe.sqlite',
        'mindframe.sqlite-wal',
        'mindframe.sqlite-shm',
        'mindframe.lock',
        'logs',
        'backups',
      ]),
    );
    expect(Object.keys(entries).some((path) => path.startsWith('logs/mindframe.'))).toBe(true);
    expect(Object.keys(entries).some((path) => path.endsWith('.mfbackup'))).toBe(true);
    // what the app writes while running is fixed at the latest when it starts again
    core.stop();
    core = createCore({ dataDir, secrets: 'file' });
    expect(onlyPrivate(modes(dataDir))).toEqual([]);
  });

  it('makes an existing installation private when it starts, and leaves what is not its own alone', async () => {
    process.umask(0o022);
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-modes-'));
    core = await populate(dataDir);
    core.stop();
    core = undefined;
    // as an earlier version left it: world-readable
    const loosen = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (lstatSync(path).isDirectory()) {
          chmodSync(path, 0o755);
          loosen(path);
        } else chmodSync(path, 0o644);
      }
    };
    loosen(dataDir);
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'notes.txt'), 'mine', { mode: 0o644 });
    chmodSync(join(dataDir, 'notes.txt'), 0o644);
    expect(onlyPrivate(modes(dataDir)).length).toBeGreaterThan(5);

    core = createCore({ dataDir, secrets: 'file' });
    const entries = modes(dataDir);
    expect(onlyPrivate(entries)).toEqual([['notes.txt', '644']]);
    expect(entries['.']).toBe('700');
  });
});
