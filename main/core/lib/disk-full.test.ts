import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskPressure, isDiskFull } from './disk-full';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
function fresh(): string {
  dir = mkdtempSync(join(tmpdir(), 'mindframe-disk-'));
  return dir;
}

/** The error SQLite really raises when a write finds no room (max_page_count caps the file). */
function realSqliteFull(): unknown {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x BLOB)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  try {
    db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(100_000));
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
}

/** The error the kernel really gives for a write to a full disk (/dev/full always is one). */
function realEnospc(): unknown {
  const fd = openSync('/dev/full', 'w');
  try {
    writeSync(fd, 'x');
    return null;
  } catch (error) {
    return error;
  } finally {
    closeSync(fd);
  }
}

describe('isDiskFull', () => {
  it("recognises SQLite's SQLITE_FULL, Node's ENOSPC and an error wrapping one, and nothing else", () => {
    const sqliteFull = realSqliteFull();
    expect(sqliteFull).toMatchObject({ code: 'SQLITE_FULL' });
    expect(isDiskFull(sqliteFull)).toBe(true);
    const enospc = realEnospc();
    expect(enospc).toMatchObject({ code: 'ENOSPC' });
    expect(isDiskFull(enospc)).toBe(true);
    expect(isDiskFull(new Error('backup failed', { cause: enospc }))).toBe(true);
    // relayed from a worker thread, only the message is left
    expect(isDiskFull(new Error('ENOSPC: no space left on device, write'))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('quota'), { code: 'EDQUOT' }))).toBe(true);

    expect(isDiskFull(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(false);
    expect(isDiskFull(new Error('UNIQUE constraint failed'))).toBe(false);
    expect(isDiskFull(null)).toBe(false);
    expect(isDiskFull('disk')).toBe(false);
  });

  it('counts an SQLite I/O error only when the data folder has no free space left', () => {
    const dir = fresh();
    const ioError = new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_SHMSIZE');
    expect(isDiskFull(ioError)).toBe(false);
    // a temp folder has room: the I/O error is something else (a failing disk) and is not called full
    expect(isDiskFull(ioError, dir)).toBe(false);
  });
});

describe('DiskPressure', () => {
  it('keeps a private reserve, releases it the moment the disk is full, and takes it back once there is room', () => {
    const dir = fresh();
    let free = 1024 * 1024 * 1024;
    const pressure = new DiskPressure({
      dataDir: dir,
      reserveBytes: 256 * 1024,
      recoverFreeBytes: 1024 * 1024,
      probeIntervalMs: 60_000,
      freeBytes: () => free,
    });
    const changes: boolean[] = [];
    pressure.onChange((full) => changes.push(full));
    pressure.start();
    expect(statSync(pressure.reserveFile).size).toBe(256 * 1024);
    expect(statSync(pressure.reserveFile).mode & 0o777).toBe(0o600);

    expect(pressure.noteIfFull(new Error('UNIQUE constraint failed'))).toBe(false);
    expect(pressure.isFull()).toBe(false);
    expect(pressure.noteIfFull(realSqliteFull())).toBe(true);
    expect(pressure.isFull()).toBe(true);
    expect(existsSync(pressure.reserveFile)).toBe(false);
    pressure.noteFull(new Error('again'));
    expect(changes).toEqual([true]);

    // still too little room: stays full
    free = 512 * 1024;
    expect(pressure.probe()).toBe(true);
    free = 1024 * 1024 * 1024;
    expect(pressure.probe()).toBe(false);
    expect(pressure.isFull()).toBe(false);
    expect(statSync(pressure.reserveFile).size).toBe(256 * 1024);
    expect(changes).toEqual([true, false]);
    pressure.stop();
  });

  it('notices a disk with no free space left before any write failed', () => {
    const dir = fresh();
    let free = 100 * 1024 * 1024;
    const pressure = new DiskPressure({ dataDir: dir, reserveBytes: 0, freeBytes: () => free });
    expect(pressure.probe()).toBe(false);
    free = 10 * 1024;
    expect(pressure.probe()).toBe(true);
    expect(pressure.state()).toMatchObject({ full: true, freeBytes: 10 * 1024 });
    pressure.stop();
  });

  it('probes by itself while full and recovers without anyone calling it', async () => {
    const dir = fresh();
    let free = 0;
    const pressure = new DiskPressure({
      dataDir: dir,
      reserveBytes: 4096,
      recoverFreeBytes: 0,
      probeIntervalMs: 20,
      freeBytes: () => free,
    });
    pressure.noteFull(new Error('ENOSPC'));
    free = 100 * 1024 * 1024;
    await expect.poll(() => pressure.isFull(), { timeout: 5_000 }).toBe(false);
    expect(existsSync(pressure.reserveFile)).toBe(true);
    pressure.stop();
  });
});
