import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, rmSync, statSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Refusal } from './errors';

/** Node's codes for "no room left": the disk is full, or the user's quota on it is. */
const fullDiskErrnos = new Set(['ENOSPC', 'EDQUOT']);

/** Below this much free space an SQLite I/O error is taken to be the full disk it most likely is. */
const nearlyFullBytes = 1024 * 1024;

function freeBytesOf(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null;
  }
}

/**
 * Whether an error means "the disk is full": SQLite's SQLITE_FULL (better-sqlite3's SqliteError,
 * "database or disk is full"), Node's ENOSPC and EDQUOT (also when only the message carries it, as
 * for an error relayed from a worker thread), and errors wrapping one of those (`cause`).
 *
 * SQLite reports ENOSPC as SQLITE_FULL when a write fails, but as an I/O error (SQLITE_IOERR_*,
 * "disk I/O error") when growing its shared-memory index or a file by truncation fails. Its errors
 * carry no errno, so an SQLITE_IOERR counts when `dataDir` is given and the disk holding it has
 * (nearly) no free space left.
 */
export function isDiskFull(error: unknown, dataDir?: string): boolean {
  let current = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (code === 'SQLITE_FULL' || fullDiskErrnos.has(code)) return true;
      if (code.startsWith('SQLITE_IOERR') && dataDir !== undefined) {
        const free = freeBytesOf(dataDir);
        if (free !== null && free < nearlyFullBytes) return true;
      }
    }
    if (typeof message === 'string' && /\b(ENOSPC|EDQUOT)\b|no space left on device/i.test(message))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export interface DiskPressureOptions {
  /** The data folder: its disk is the one watched, and the reserve file lives in it. */
  dataDir: string;
  /**
   * Bytes kept in a reserve file while there is room, and released the moment the disk is found
   * full, so the incident, notification and audit entries about it can still be written. 0: none.
   */
  reserveBytes?: number;
  /** Free bytes, beyond the reserve, that make the disk count as usable again. */
  recoverFreeBytes?: number;
  /** How often a full disk is looked at again. */
  probeIntervalMs?: number;
  /** Time source for `since` (ms). */
  now?: () => number;
  /** Free bytes on the data folder's disk (default: statfs); tests inject a full disk here. */
  freeBytes?: (dataDir: string) => number | null;
  /** Told about a full disk and its recovery (for the log; must not throw). */
  onLog?: (event: 'full' | 'recovered' | 'reserve_unavailable', details: Record<string, unknown>) => void;
}

export interface DiskPressureState {
  full: boolean;
  /** When the disk was found full (ms), or null. */
  since: number | null;
  freeBytes: number | null;
  /** Whether the reserve file is in place. */
  reserved: boolean;
}

export const reserveFileName = 'mindframe.reserve';
const mib = 1024 * 1024;

/**
 * Whether the disk holding the data is full, for the whole core: dispatch refuses changes while it is
 * (typed UNAVAILABLE / disk_full, reads go on), the Guardian's disk check turns critical, and a probe
 * every few seconds finds out by itself when space has been freed.
 *
 * The disk is noted full by whoever runs into it (a failed database write, the log writer, a check
 * that finds no free space left). Noting it releases the reserve file, so the few writes that tell
 * people about it (incident, notification, audit) still fit; the disk counts as usable again once
 * there is room for the reserve plus `recoverFreeBytes` and the reserve could be written back.
 */
export class DiskPressure {
  readonly reserveFile: string;
  private readonly reserveBytes: number;
  private readonly recoverFreeBytes: number;
  private readonly probeIntervalMs: number;
  private readonly now: () => number;
  private readonly free: () => number | null;
  private readonly listeners = new Set<(full: boolean) => void>();
  private full = false;
  private fullSince: number | null = null;
  private reserved = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: DiskPressureOptions) {
    this.reserveFile = join(options.dataDir, reserveFileName);
    this.reserveBytes = options.reserveBytes ?? 4 * mib;
    this.recoverFreeBytes = options.recoverFreeBytes ?? 8 * mib;
    this.probeIntervalMs = options.probeIntervalMs ?? 2_000;
    this.now = options.now ?? Date.now;
    const freeBytes = options.freeBytes ?? freeBytesOf;
    this.free = () => freeBytes(options.dataDir);
  }

  /** True while the disk is full: changes are refused until the probe finds room again. */
  isFull(): boolean {
    return this.full;
  }

  state(): DiskPressureState {
    return {
      full: this.full,
      since: this.fullSince,
      freeBytes: this.free(),
      reserved: this.reserved,
    };
  }

  freeBytes(): number | null {
    return this.free();
  }

  /** Listens for the disk becoming full (true) and usable again (false). */
  onChange(listener: (full: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * If `error` means the disk is full (see `isDiskFull`), notes it and answers true: the caller
   * answers UNAVAILABLE with reason disk_full.
   */
  noteIfFull(error: unknown): boolean {
    if (!isDiskFull(error, this.options.dataDir)) return false;
    this.noteFull(error);
    return true;
  }

  /** The disk is full: release the reserve, tell the listeners once, and start probing for room. */
  noteFull(cause?: unknown): void {
    if (this.full) return;
    this.full = true;
    this.fullSince = this.now();
    this.releaseReserve();
    this.log('full', {
      freeBytes: this.free(),
      cause: cause instanceof Error ? cause.message : cause === undefined ? null : String(cause),
    });
    if (!this.stopped) this.startProbing();
    this.emit(true);
  }

  /**
   * Looks at the free space now: a disk with (almost) nothing left counts as full even before a
   * write failed; a full one counts as usable again once there is room (see the class). Answers
   * whether the disk is full after looking.
   */
  probe(): boolean {
    const free = this.free();
    if (!this.full) {
      if (free !== null && free < nearlyFullBytes) this.noteFull('no free space left');
      return this.full;
    }
    if (free === null || free < this.reserveBytes + this.recoverFreeBytes) return true;
    if (this.reserveBytes > 0 && !this.writeReserve()) return true;
    this.full = false;
    const since = this.fullSince;
    this.fullSince = null;
    this.stopProbing();
    this.log('recovered', { freeBytes: free, fullForMs: since === null ? null : this.now() - since });
    this.emit(false);
    return false;
  }

  /** Puts the reserve file in place when there is room for it (the long-running app calls this). */
  start(): void {
    this.stopped = false;
    if (this.full) {
      this.startProbing();
      return;
    }
    if (this.reserveBytes === 0) return;
    try {
      if (statSync(this.reserveFile).size === this.reserveBytes) {
        this.reserved = true;
        return;
      }
    } catch {
      // none yet
    }
    const free = this.free();
    if (free !== null && free < this.reserveBytes * 2 + this.recoverFreeBytes) {
      this.log('reserve_unavailable', { freeBytes: free, reserveBytes: this.reserveBytes });
      return;
    }
    this.writeReserve();
  }

  stop(): void {
    this.stopped = true;
    this.stopProbing();
  }

  private startProbing(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.probe(), this.probeIntervalMs);
    this.timer.unref();
  }

  private stopProbing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private emit(full: boolean): void {
    for (const listener of this.listeners) {
      try {
        listener(full);
      } catch {
        // a listener must not stop the others, nor the write that found the disk full
      }
    }
  }

  private log(event: 'full' | 'recovered' | 'reserve_unavailable', details: Record<string, unknown>): void {
    try {
      this.options.onLog?.(event, details);
    } catch {
      // logging is best effort here
    }
  }

  private releaseReserve(): void {
    try {
      rmSync(this.reserveFile, { force: true });
    } catch {
      // nothing to release
    }
    this.reserved = false;
  }

  /** Writes the whole reserve (real bytes, so a compressing file system stores them too). */
  private writeReserve(): boolean {
    let fd: number | null = null;
    try {
      fd = openSync(this.reserveFile, 'w', 0o600);
      fchmodSync(fd, 0o600);
      const chunk = randomBytes(Math.min(mib, this.reserveBytes));
      for (let written = 0; written < this.reserveBytes;) {
        const length = Math.min(chunk.length, this.reserveBytes - written);
        written += writeSync(fd, chunk, 0, length);
      }
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      this.reserved = true;
      return true;
    } catch {
      if (fd !== null) {
        try {
          closeSync(fd);
        } catch {
          // already gone
        }
      }
      this.releaseReserve();
      return false;
    }
  }
}

/** What dispatch answers while the disk is full (the UI says it from `errors.reasons.disk_full`). */
export const diskFullMessage =
  'The disk holding your data is full: changes are refused until space is freed. Reading still works.';

export function diskFullError(): Refusal {
  return { code: 'UNAVAILABLE', message: diskFullMessage, reason: 'disk_full' };
}

/**
 * Changes still accepted while the disk is full: signing in and out, so people can see what is
 * wrong (their few bytes come out of the released reserve).
 */
export const changesAllowedWhileDiskFull: ReadonlySet<string> = new Set(['auth.login', 'auth.logout']);
