import {
  chmodSync,
  closeSync,
  fchmodSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { isDiskFull } from './disk-full';

export type { Logger };

/** Keys whose values must never reach a log line. */
export const redactedPaths = [
  'password',
  '*.password',
  'token',
  '*.token',
  'sessionToken',
  '*.sessionToken',
  'csrfToken',
  '*.csrfToken',
  'inviteToken',
  '*.inviteToken',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
];

/**
 * Every line a logger writes, as the final JSON text (redaction already applied), handed to
 * in-process listeners as it is written: the live tail and the error tracker listen here.
 *
 * Module names: a part of the app logs through `logger.child({ module: 'runtime' })`; a line
 * without a `module` field counts as "core".
 */
export interface LogTap {
  /** The folder the logger's files go to, when it writes files. */
  readonly logDir: string | null;
  /** Listeners run synchronously inside the logging call; they must be quick and never log. */
  subscribe(listener: (line: string) => void): () => void;
}

const logTapKey = Symbol.for('mindframe.logTap');

function createTap(logDir: string | null): { tap: LogTap; write: (line: string) => void } {
  const listeners = new Set<(line: string) => void>();
  return {
    tap: {
      logDir,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    write(line) {
      for (const listener of listeners) {
        try {
          listener(line);
        } catch {
          // a listener must never break logging
        }
      }
    },
  };
}

export interface StreamLoggerOptions {
  level?: string;
  /** Where the destination's files are, for readers of the log (null when it writes none). */
  logDir?: string | null;
}

/** A redacting JSON logger on any destination, with a tap (see `logTapOf`). */
export function createStreamLogger(
  destination: DestinationStream,
  options: StreamLoggerOptions = {},
): Logger {
  const { tap, write } = createTap(options.logDir ?? null);
  const logger = pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: { app: 'mindframe' },
      hooks: {
        streamWrite(line) {
          write(line);
          return line;
        },
      },
    },
    destination,
  );
  // child loggers inherit it through their prototype
  Object.defineProperty(logger, logTapKey, { value: tap, enumerable: false });
  return logger;
}

/**
 * What a file logger offers beyond logging: how its file writes fare. A full disk never crashes the
 * process through the log: lines are dropped and counted while it lasts, and one line says how many
 * once writing works again.
 */
export interface LogFileControl {
  readonly logDir: string;
  /** Lines dropped since the last line was written. */
  droppedLines(): number;
  /** Listens for a write that failed because the disk is full. */
  onDiskFull(listener: (error: unknown) => void): () => void;
  /** Drop (and count) lines until `release`: the disk is full and its last room is kept for data. */
  hold(): void;
  /** Write again (first the line that says how many were dropped). */
  release(): void;
  /** Writes what is buffered now. */
  flush(): void;
}

const logFileKey = Symbol.for('mindframe.logFile');
const day = 24 * 60 * 60 * 1000;
/** Lines are written in batches: at the end of the event-loop turn, or at once past this size. */
const batchBytes = 64 * 1024;
/** While the log file cannot be written (and nobody holds it), another try after this long. */
const retryMs = 1_000;
const logFilePattern = /^mindframe\.(\d{4}-\d{2}-\d{2})\.(\d+)\.log$/;

const pad = (n: number) => String(n).padStart(2, '0');
/** The local date, as pino-roll named the files (`yyyy-MM-dd`). */
const localDate = (at: number) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const nextLocalMidnight = (at: number) => {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() || at + day;
};

const liveFiles = new Set<RollingLogFile>();
let exitHookInstalled = false;

/**
 * `<dir>/mindframe.<yyyy-MM-dd>.<n>.log`, appended to in the main thread (0600 files in a 0700
 * folder), a new file each local day, `keep` older files kept. Any write error (a full disk above
 * all) is contained: the lines are dropped and counted, and a try follows a second later, or when
 * the holder (the core's disk watch) releases it.
 */
class RollingLogFile implements LogFileControl {
  private buffer: string[] = [];
  private bufferBytes = 0;
  private scheduled = false;
  private fd: number | null = null;
  private size = 0;
  private fileDate = '';
  private number = 0;
  private nextRollAt = 0;
  private held = false;
  private failure: { code: string; diskFull: boolean } | null = null;
  private retryAt = 0;
  private dropped = 0;
  private readonly diskFullListeners = new Set<(error: unknown) => void>();

  constructor(
    readonly logDir: string,
    private readonly keep: number,
  ) {
    liveFiles.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', () => {
        for (const file of liveFiles) file.flush();
      });
    }
  }

  write(line: string): void {
    this.buffer.push(line);
    this.bufferBytes += line.length;
    if (this.bufferBytes >= batchBytes) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush()).unref();
    }
  }

  droppedLines(): number {
    return this.dropped + (this.dropping() ? this.buffer.length : 0);
  }

  onDiskFull(listener: (error: unknown) => void): () => void {
    this.diskFullListeners.add(listener);
    return () => this.diskFullListeners.delete(listener);
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    this.retryAt = 0;
    this.flush();
  }

  private dropping(): boolean {
    return this.held || (this.failure !== null && Date.now() < this.retryAt);
  }

  /** pino calls this with a callback (`logger.flush(cb)`); the write is synchronous either way. */
  flush(callback?: (error?: Error) => void): void {
    this.scheduled = false;
    this.writeBuffered();
    callback?.();
  }

  private writeBuffered(): void {
    if (this.buffer.length === 0 && this.dropped === 0) return;
    const lines = this.buffer;
    this.buffer = [];
    this.bufferBytes = 0;
    if (this.dropping()) {
      this.dropped += lines.length;
      return;
    }
    const now = Date.now();
    try {
      if (this.fd === null || now >= this.nextRollAt || this.failure) this.open(now);
      const note = this.dropped > 0 ? droppedNote(this.dropped, this.failure, now) : '';
      this.append(note + lines.join(''));
      this.dropped = 0;
      this.failure = null;
    } catch (error) {
      this.dropped += lines.length;
      this.closeFile();
      const first = this.failure === null;
      const diskFull = isDiskFull(error, this.logDir);
      this.failure = { code: (error as NodeJS.ErrnoException).code ?? 'error', diskFull };
      this.retryAt = now + retryMs;
      if (!first) return;
      if (diskFull) {
        for (const listener of this.diskFullListeners) {
          try {
            listener(error);
          } catch {
            // a listener must not break logging
          }
        }
      } else {
        try {
          process.stderr.write(
            `mindframe: the log file in ${this.logDir} cannot be written (${this.failure.code}); log lines are dropped until it can.\n`,
          );
        } catch {
          // nowhere left to tell
        }
      }
    }
  }

  /** Writes all of `text`, or none of it: a partly written batch is cut off again. */
  private append(text: string): void {
    if (text.length === 0) return;
    const bytes = Buffer.from(text);
    const start = this.size;
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(this.fd!, bytes, offset, bytes.length - offset);
      this.size = start + bytes.length;
    } catch (error) {
      if (offset > 0) {
        try {
          ftruncateSync(this.fd!, start);
        } catch {
          // a line may stay cut off; the reader skips what it cannot parse
        }
      }
      throw error;
    }
  }

  private open(now: number): void {
    this.closeFile();
    mkdirSync(this.logDir, { recursive: true, mode: 0o700 });
    chmodSync(this.logDir, 0o700);
    const date = localDate(now);
    if (date !== this.fileDate) {
      const newDay = this.fileDate !== '';
      this.fileDate = date;
      // the first file of a day continues the highest number written that day (as pino-roll did)
      this.number = newDay
        ? 1
        : Math.max(
            1,
            ...this.files()
              .filter((f) => f.date === date)
              .map((f) => f.number),
          );
      this.prune();
    }
    this.nextRollAt = nextLocalMidnight(now);
    const fd = openSync(join(this.logDir, `mindframe.${date}.${this.number}.log`), 'a', 0o600);
    try {
      fchmodSync(fd, 0o600);
      this.size = fstatSync(fd).size;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.fd = fd;
  }

  private files(): { name: string; date: string; number: number }[] {
    let names: string[] = [];
    try {
      names = readdirSync(this.logDir);
    } catch {
      return [];
    }
    return names.flatMap((name) => {
      const match = logFilePattern.exec(name);
      return match ? [{ name, date: match[1]!, number: Number(match[2]) }] : [];
    });
  }

  /** Keeps today's file and the `keep` newest before it. */
  private prune(): void {
    const older = this.files()
      .filter((f) => !(f.date === this.fileDate && f.number === this.number))
      .sort((a, b) => (a.date === b.date ? b.number - a.number : a.date < b.date ? 1 : -1));
    for (const file of older.slice(this.keep)) {
      try {
        unlinkSync(join(this.logDir, file.name));
      } catch {
        // gone already, or not ours to remove
      }
    }
  }

  private closeFile(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = null;
  }
}

/** The line that says how many lines were dropped, as pino would have written it. */
function droppedNote(
  count: number,
  failure: { code: string; diskFull: boolean } | null,
  now: number,
): string {
  const why =
    failure && !failure.diskFull
      ? `the log file could not be written (${failure.code})`
      : 'the disk was full';
  return `${JSON.stringify({
    level: 40,
    time: now,
    app: 'mindframe',
    module: 'logs',
    droppedLines: count,
    msg: `${count} log line${count === 1 ? ' was' : 's were'} dropped while ${why}`,
  })}\n`;
}

/**
 * JSON lines in `<dataDir>/logs/mindframe.<date>.<n>.log`, a new file each day, two weeks kept. The
 * file is written in the main thread, so a full disk is an event the core handles (see
 * `logFileOf`), never an uncaught error from a worker that ends the process.
 */
export function createFileLogger(dataDir: string, level = 'info'): Logger {
  const file = new RollingLogFile(join(dataDir, 'logs'), 14);
  const logger = createStreamLogger(file as unknown as DestinationStream, { level, logDir: file.logDir });
  Object.defineProperty(logger, logFileKey, { value: file, enumerable: false });
  return logger;
}

/** The file control of a logger made by `createFileLogger` (or a child of one); null otherwise. */
export function logFileOf(logger: Logger): LogFileControl | null {
  const file = (logger as unknown as Record<symbol, unknown>)[logFileKey];
  return file instanceof RollingLogFile ? file : null;
}

export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** The tap of a logger made here (or of any child of one); null for other loggers. */
export function logTapOf(logger: Logger): LogTap | null {
  const tap = (logger as unknown as Record<symbol, unknown>)[logTapKey];
  return tap && typeof tap === 'object' ? (tap as LogTap) : null;
}
