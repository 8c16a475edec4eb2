import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds a data folder: what `mindframe.lock` in it says. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** What runs there: "serve", "desktop app", "backup restore", "migrate" ... */
  command: string;
  startedAt: number;
  /** The process's start time as the kernel counts it (Linux), to tell a reused pid apart. */
  processStart: string | null;
}

export const lockFileName = 'mindframe.lock';

/** The data folder is in use by another process; says which, in words a person can act on. */
export class DataDirLockedError extends Error {
  constructor(
    readonly owner: LockOwner,
    readonly lockFile: string,
  ) {
    const elsewhere = owner.hostname !== hostname();
    super(
      owner.pid === 0
        ? 'Another Mindframe process is starting with this data folder; stop it first. Nothing was changed.'
        : `Mindframe is running (pid ${owner.pid}${elsewhere ? ` on ${owner.hostname}` : ''}, ${owner.command}); stop it first. Nothing was changed.` +
            (elsewhere ? ` If it is not running any more, remove ${lockFile}.` : ''),
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Gives the lock up (once; later calls do nothing). */
  release(): void;
}

interface Held {
  count: number;
  owner: LockOwner;
}

/** Locks this process holds, by lock file; a second taker in the same process shares it. */
const held = new Map<string, Held>();
const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let hooksInstalled = false;

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot. */
function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    return {
      pid: value.pid,
      hostname: typeof value.hostname === 'string' ? value.hostname : '',
      command: typeof value.command === 'string' ? value.command.slice(0, 80) : 'Mindframe',
      startedAt: typeof value.startedAt === 'number' ? value.startedAt : 0,
      processStart: typeof value.processStart === 'string' ? value.processStart : null,
    };
  } catch {
    return null;
  }
}

/**
 * Whether the process a lock names still runs. One on another machine (a shared folder) cannot be
 * checked and counts as running. On this machine: the pid must exist and, where the kernel tells
 * (Linux), have started when the lock says, so a pid reused after a crash does not count; a lock
 * naming this very process but not held by it is left over from an earlier process with this pid.
 */
function isRunning(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.processStart !== null) {
    const now = processStartOf(owner.pid);
    if (now !== null && now !== owner.processStart) return false;
  }
  return true;
}

function readLock(file: string): { text: string; owner: LockOwner | null; ageMs: number } | null {
  try {
    const text = readFileSync(file, 'utf8');
    return { text, owner: parseOwner(text), ageMs: Date.now() - statSync(file).mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Removes a stale lock, unless another process got to it first (a takeover folder serialises). */
function removeStale(file: string, staleText: string): void {
  const takeover = `${file}.takeover`;
  try {
    mkdirSync(takeover, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // a process that died while taking over leaves its folder: gone after 10 seconds
    try {
      if (Date.now() - statSync(takeover).mtimeMs > 10_000) rmdirSync(takeover);
    } catch {
      // someone else cleared it
    }
    return;
  }
  try {
    if (readLock(file)?.text === staleText) unlinkSync(file);
  } finally {
    rmdirSync(takeover);
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', releaseAll);
  for (const signal of signals) {
    const onSignal = () => {
      // someone else handles this signal (serve stops gracefully, then releases): leave it to them
      if (process.listenerCount(signal) > 1) return;
      releaseAll();
      process.off(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function releaseAll(): void {
  for (const [file, entry] of held) {
    entry.count = 0;
    removeOwn(file);
  }
  held.clear();
}

function removeOwn(file: string): void {
  try {
    const current = readLock(file);
    if (current?.owner?.pid === process.pid && current.owner.hostname === hostname()) unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * Takes the data folder for this process, with `mindframe.lock` (pid, host, command, start time)
 * created exclusively (O_EXCL). Throws DataDirLockedError, naming the holder, while another running
 * process holds it; a lock left by a process that ended (kill -9, power loss) is taken over. Within
 * one process the lock is shared (released when the last taker releases it). Released on `release`,
 * and at exit or on SIGINT/SIGTERM/SIGHUP when nothing else handles those.
 *
 * Why not proper-lockfile: it decides staleness by the lock's age, so it needs a timer refreshing the
 * lock every few seconds and a crashed app would block its successor until the lock ages out; the
 * pid and its start time say at once and exactly whether the holder still runs on this machine.
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, lockFileName);
  const own = held.get(file);
  if (own) {
    own.count += 1;
    return handleFor(file);
  }
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    command,
    startedAt: Date.now(),
    processStart: processStartOf(process.pid),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readLock(file);
      if (!current) continue;
      if (!current.owner) {
        // being written this instant by a process that is starting; after a while, a torn leftover
        if (current.ageMs < 5_000) throw new DataDirLockedError(unknownOwner(), file);
        removeStale(file, current.text);
        continue;
      }
      if (isRunning(current.owner)) throw new DataDirLockedError(current.owner, file);
      removeStale(file, current.text);
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(owner)}\n`);
    } catch (error) {
      closeSync(fd);
      unlinkSync(file);
      throw error;
    }
    closeSync(fd);
    held.set(file, { count: 1, owner });
    installHooks();
    return handleFor(file);
  }
  const last = readLock(file)?.owner;
  throw new DataDirLockedError(last ?? unknownOwner(), file);
}

function unknownOwner(): LockOwner {
  return { pid: 0, hostname: hostname(), command: 'starting', startedAt: 0, processStart: null };
}

function handleFor(file: string): DataDirLock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      const entry = held.get(file);
      if (!entry) return;
      entry.count -= 1;
      if (entry.count > 0) return;
      held.delete(file);
      removeOwn(file);
    },
  };
}

/** Who holds the data folder now (a running process), or null. */
export function dataDirLockOwner(dataDir: string): LockOwner | null {
  const current = readLock(join(dataDir, lockFileName));
  if (!current?.owner) return null;
  if (held.has(join(dataDir, lockFileName))) return current.owner;
  return isRunning(current.owner) ? current.owner : null;
}
