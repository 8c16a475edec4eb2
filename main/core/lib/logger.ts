import { join } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';

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

/** JSON lines in `<dataDir>/logs/mindframe.<date>.<n>.log`, a new file each day, two weeks kept. */
export function createFileLogger(dataDir: string, level = 'info'): Logger {
  const logDir = join(dataDir, 'logs');
  const transport = pino.transport({
    target: 'pino-roll',
    options: {
      file: join(logDir, 'mindframe'),
      frequency: 'daily',
      dateFormat: 'yyyy-MM-dd',
      mkdir: true,
      limit: { count: 14 },
    },
  });
  return createStreamLogger(transport, { level, logDir });
}

export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** The tap of a logger made here (or of any child of one); null for other loggers. */
export function logTapOf(logger: Logger): LogTap | null {
  const tap = (logger as unknown as Record<symbol, unknown>)[logTapKey];
  return tap && typeof tap === 'object' ? (tap as LogTap) : null;
}
