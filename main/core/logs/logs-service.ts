import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import { logTapOf, type Logger } from '../lib/logger';
import { ErrorTracker, type ErrorTrackerOptions } from './error-tracker';
import { LiveTail, type LiveTailOptions } from './live-tail';
import { parseLogLine, readHead } from './log-line';
import { LogReader, type LogReaderOptions } from './log-reader';

export interface LogsServiceDeps {
  sqlite: Database.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  appRoot?: string;
  reader?: LogReaderOptions;
  tail?: LiveTailOptions;
  errors?: Omit<ErrorTrackerOptions, 'appRoot'>;
}

/**
 * The log module: reads the log files (`reader`), groups errors (`errors`) and sends new lines to
 * the live tail (`tail`). It listens to the logger's tap, so it sees the lines of loggers made by
 * `createFileLogger` (or `createStreamLogger`); with another logger it still reads the files of
 * `<dataDir>/logs` and records what `installProcessHandlers` hands it.
 */
export class LogsService {
  readonly reader: LogReader;
  readonly errors: ErrorTracker;
  readonly tail: LiveTail;
  private readonly unsubscribe: () => void;
  private sending = false;

  constructor(deps: LogsServiceDeps) {
    const tap = logTapOf(deps.logger);
    this.reader = new LogReader(tap?.logDir ?? join(deps.dataDir, 'logs'), deps.reader);
    this.errors = new ErrorTracker(deps.sqlite, deps.clock, {
      ...deps.errors,
      ...(deps.appRoot ? { appRoot: deps.appRoot } : {}),
    });
    this.tail = new LiveTail(deps.events, deps.tail);
    this.unsubscribe = tap ? tap.subscribe((line) => this.onLine(line)) : () => undefined;
  }

  /** Called inside every logging call: cheap for debug lines (a look at the line's start). */
  private onLine(text: string): void {
    const head = readHead(text);
    if (head && head.level < 30) return;
    const parsed = parseLogLine(text.trimEnd());
    if (!parsed || parsed.levelNumber < 30) return;
    this.errors.noteLine(parsed);
    // a line logged while a line is being delivered (by a subscriber) is not sent: no feedback loops
    if (this.sending) {
      this.tail.drop();
      return;
    }
    this.sending = true;
    try {
      this.tail.push(parsed.line);
    } finally {
      this.sending = false;
    }
  }

  stop(): void {
    this.unsubscribe();
    this.errors.stop();
  }
}
