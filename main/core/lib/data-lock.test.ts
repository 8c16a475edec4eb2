import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, dataDirLockOwner, lockFileName } from './data-lock';

let dir: string | undefined;
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function fresh(): string {
  dir = mkdtempSync(join(tmpdir(), 'mindframe-lock-'));
  return dir;
}

/** Another process that keeps running until killed. */
async function otherProcess(): Promise<ChildProcess> {
  child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise((resolve) => child!.stdout!.once('data', resolve));
  return child;
}

const processStart = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
};

function writeLock(dataDir: string, owner: Record<string, unknown>): string {
  const file = join(dataDir, lockFileName);
  writeFileSync(file, JSON.stringify(owner));
  return file;
}

describe('data folder lock', () => {
  it('is a private file naming this process, shared within it, and gone once released', () => {
    const dataDir = fresh();
    const first = acquireDataDirLock(dataDir, 'serve');
    const file = join(dataDir, lockFileName);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      command: 'serve',
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = acquireDataDirLock(dataDir, 'migrate');
    first.release();
    first.release();
    expect(existsSync(file)).toBe(true);
    second.release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses while another running process holds it, and names that process', async () => {
    const dataDir = fresh();
    const other = await otherProcess();
    writeLock(dataDir, {
      pid: other.pid,
      hostname: hostname(),
      command: 'serve',
      startedAt: Date.now(),
      processStart: processStart(other.pid!),
    });
    expect(() => acquireDataDirLock(dataDir, 'backup restore')).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dataDir, 'backup restore')).toThrow(
      `Mindframe is running (pid ${other.pid}, serve); stop it first. Nothing was changed.`,
    );
    expect(dataDirLockOwner(dataDir)).toMatchObject({ pid: other.pid, command: 'serve' });
  });

  it('takes over a lock left by a process that has ended (kill -9, power loss)', async () => {
    const dataDir = fresh();
    const other = await otherProcess();
    const pid = other.pid!;
    const exited = new Promise((resolve) => other.once('exit', resolve));
    other.kill('SIGKILL');
    await exited;
    writeLock(dataDir, { pid, hostname: hostname(), command: 'serve', startedAt: 1, processStart: null });
    expect(dataDirLockOwner(dataDir)).toBeNull();
    const lock = acquireDataDirLock(dataDir, 'serve');
    expect(JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it.skipIf(!existsSync('/proc/self/stat'))(
    'takes over a lock whose pid now belongs to another process (the pid was reused)',
    async () => {
      const dataDir = fresh();
      const other = await otherProcess();
      writeLock(dataDir, {
        pid: other.pid,
        hostname: hostname(),
        command: 'serve',
        startedAt: 1,
        processStart: '1',
      });
      const lock = acquireDataDirLock(dataDir, 'serve');
      lock.release();
    },
  );

  it('takes over a lock naming this pid that this process does not hold (a container restarted)', () => {
    const dataDir = fresh();
    writeLock(dataDir, {
      pid: process.pid,
      hostname: hostname(),
      command: 'serve',
      startedAt: 1,
      processStart: null,
    });
    acquireDataDirLock(dataDir, 'serve').release();
  });

  it('refuses a lock from another machine (a shared folder), saying how to clear it', () => {
    const dataDir = fresh();
    const file = writeLock(dataDir, {
      pid: 4242,
      hostname: 'office-server',
      command: 'serve',
      startedAt: 1,
      processStart: null,
    });
    expect(() => acquireDataDirLock(dataDir, 'migrate')).toThrow(
      `Mindframe is running (pid 4242 on office-server, serve); stop it first. Nothing was changed. If it is not running any more, remove ${file}.`,
    );
  });

  it('treats a torn lock as being written for a few seconds, then as left over', () => {
    const dataDir = fresh();
    const file = join(dataDir, lockFileName);
    writeFileSync(file, '');
    expect(() => acquireDataDirLock(dataDir, 'serve')).toThrow(/starting/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    acquireDataDirLock(dataDir, 'serve').release();
  });
});
