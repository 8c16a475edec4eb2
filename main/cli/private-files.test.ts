import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, login, runCli, serve, setupAcme, stop, type Served } from './testing/run-cli';

let root: string;
let served: Served | undefined;
const umask = process.umask();
afterEach(async () => {
  if (served) await stop(served);
  served = undefined;
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

const password = 'correct horse battery staple';

/** Entries under the folder (and the folder itself as ".") whose mode is not 0600 / 0700. */
function notPrivate(dir: string): string[] {
  const out: string[] = [];
  const check = (path: string, isDir: boolean) => {
    const mode = lstatSync(path).mode & 0o777;
    if (mode !== (isDir ? 0o700 : 0o600)) out.push(`${relative(dir, path) || '.'} ${mode.toString(8)}`);
  };
  const walk = (folder: string) => {
    check(folder, true);
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (lstatSync(path).isDirectory()) walk(path);
      else check(path, false);
    }
  };
  walk(dir);
  return out;
}

describe('the data of a served installation', () => {
  it('is readable by its owner only (folders 0700, files 0600) from creation on, whatever the umask', async () => {
    // the commands inherit a permissive umask, as from a login shell
    process.umask(0o022);
    root = mkdtempSync(join(tmpdir(), 'mindframe-private-'));
    const dataDir = join(root, 'data');
    expect((await setupAcme(dataDir, password)).code).toBe(0);
    expect(notPrivate(dataDir)).toEqual([]);
    served = await serve(dataDir);
    const session = await login(served.url, 'owner@acme.test', password);
    expect(
      (await callApi(served.url, session, 'knowledge.add', { title: 'Hours', body: '9-5' })).status,
    ).toBe(200);
    await expect.poll(async () => (await callApi(served!.url, session, 'backups.create')).status).toBe(200);
    const entries = readdirSync(dataDir);
    expect(entries).toEqual(expect.arrayContaining(['mindframe.sqlite', 'mindframe.sqlite-wal', 'logs']));
    expect(notPrivate(dataDir)).toEqual([]);
    expect((await runCli(['backup', 'create', '--data-dir', dataDir])).code).toBe(0);
    expect(notPrivate(dataDir)).toEqual([]);
  });
});
