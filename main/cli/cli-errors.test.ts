import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../core/testing/run-command';
import { sentenceFor } from './errors';
import { binPath, runCli, type CliResult } from './testing/run-cli';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** What a person must never see: an errno code, an SQLite code or a stack. */
const raw = /\bE[A-Z]{2,}\b|SQLITE_|\n\s+at |Error:/;

/** The command as an unprivileged user (root reads every file, so "unreadable" needs another user). */
function runAs(uid: number, args: string[]): Promise<CliResult> {
  return runCommand(process.execPath, [binPath, ...args], {
    spawn: { uid, gid: uid, stdio: ['ignore', 'pipe', 'pipe'] },
  });
}

describe('CLI errors are sentences', () => {
  it('says what is wrong with a folder, a missing file and an unreadable file given to backup verify', async () => {
    root = mkdtempSync(join(tmpdir(), 'mindframe-errors-'));
    const dataDir = join(root, 'data');
    const folder = join(root, 'a-folder');
    mkdirSync(folder);

    const onFolder = await runCli(['backup', 'verify', folder, '--data-dir', dataDir]);
    expect(onFolder.code).toBe(1);
    expect(onFolder.stderr.trim()).toBe(`mindframe: ${folder} is a folder, not a file.`);

    const missing = join(root, 'missing.mfbackup');
    const onMissing = await runCli(['backup', 'verify', missing, '--data-dir', dataDir]);
    expect(onMissing.code).toBe(1);
    expect(onMissing.stderr).toMatch(/does not exist\. Nothing was changed\./);

    const unreadable = join(root, 'locked.mfbackup');
    writeFileSync(unreadable, 'MINDFRAME', { mode: 0o600 });
    chmodSync(unreadable, 0o000);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      // nobody may reach the folders, but not read the file
      chownSync(root, 65534, 65534);
      mkdirSync(dataDir, { recursive: true });
      chownSync(dataDir, 65534, 65534);
    }
    const args = ['backup', 'verify', unreadable, '--data-dir', dataDir];
    const onUnreadable = asRoot ? await runAs(65534, args) : await runCli(args);
    expect(onUnreadable.code).toBe(1);
    expect(onUnreadable.stderr.trim()).toBe(
      `mindframe: ${unreadable} cannot be opened: permission denied. Nothing was changed.`,
    );

    for (const result of [onFolder, onMissing, onUnreadable]) {
      expect(result.stderr).not.toMatch(raw);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('puts Node and SQLite error codes in words, and keeps the disk-full case plain', () => {
    const err = (code: string, path?: string) =>
      Object.assign(new Error(`${code}: x, open '${path}'`), { code, path });
    expect(sentenceFor(err('EISDIR', '/srv/backups'))).toBe('/srv/backups is a folder, not a file.');
    expect(sentenceFor(err('ENOENT', '/srv/x'))).toBe('/srv/x does not exist.');
    expect(sentenceFor(err('EACCES', '/srv/x'))).toBe('/srv/x cannot be opened: permission denied.');
    expect(sentenceFor(err('EROFS', '/mnt/cd'))).toBe(
      '/mnt/cd is on a read-only disk: nothing can be written there.',
    );
    expect(sentenceFor(err('ENOSPC'), { dataDir: '/srv/data' })).toBe(
      'Disk full: there is no space left on the disk holding /srv/data. Free some space and try again.',
    );
    expect(
      sentenceFor(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })),
    ).toMatch(/^Disk full:/);
    expect(
      sentenceFor(Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' })),
    ).toMatch(/damaged or is not a Mindframe database/);
    expect(sentenceFor(err('EWHATEVER'))).toBe('X.');
    expect(sentenceFor(new Error('something odd\n    at frame (file.js:1:1)'))).toBe('Something odd.');
    for (const code of ['EISDIR', 'ENOENT', 'EACCES', 'EROFS', 'ENOSPC', 'EPERM', 'EEXIST', 'EIO']) {
      expect(sentenceFor(err(code, '/p'))).not.toMatch(raw);
    }
  });
});
