import type Database from 'better-sqlite3';
import type { ErrorGroup } from '../../contract';
import type { Clock } from '../lib/clock';
import { fingerprintOf, scrubSecrets, trimStack } from './fingerprint';
import type { ParsedLine } from './log-line';

export interface ErrorContext {
  /** What wrote it ("dispatch", "runtime", "process" ...). */
  module: string;
  tenantId: string | null;
}

export interface ErrorTrackerOptions {
  /** Makes stack paths relative (and fingerprints the same on every machine). */
  appRoot?: string;
  /** Occurrences are written in one transaction at most this long after they happen. */
  flushDelayMs?: number;
  /** The table keeps the groups seen most recently, at most this many. */
  maxGroups?: number;
}

interface Described {
  name: string;
  message: string;
  stack: string | null;
}

interface Pending extends Described {
  module: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

interface Bucket {
  second: number;
  tenantId: string | null;
  count: number;
}

interface GroupRow {
  fingerprint: string;
  name: string;
  message: string;
  module: string;
  count: number;
  first_seen: number;
  last_seen: number;
  stack: string | null;
}

const bucketHorizonSeconds = 24 * 60 * 60;
const maxBuckets = 100_000;

/** An Error, pino's serialised form of one (`{ type, message, stack }`), or anything thrown. */
export function describeError(value: unknown): Described {
  if (value instanceof Error) {
    const ctorName = (value.constructor as { name?: unknown } | undefined)?.name;
    return {
      name: typeof ctorName === 'string' && ctorName && ctorName !== 'Object' ? ctorName : value.name,
      message: value.message,
      stack: value.stack ?? null,
    };
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const name =
      typeof record.type === 'string' ? record.type : typeof record.name === 'string' ? record.name : 'Error';
    return {
      name,
      message: typeof record.message === 'string' ? record.message : '',
      stack: typeof record.stack === 'string' ? record.stack : null,
    };
  }
  return { name: 'NonError', message: typeof value === 'string' ? value : String(value), stack: null };
}

/**
 * Errors grouped by fingerprint in `error_groups` (installation-wide), and a count of error lines
 * over the last day for the Guardian's error-rate check.
 */
export class ErrorTracker {
  private readonly pending = new Map<string, Pending>();
  private readonly buckets: Bucket[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly upsert;
  private readonly prune;
  private readonly selectGroups;
  private readonly flushDelayMs: number;
  private readonly maxGroups: number;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly options: ErrorTrackerOptions = {},
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 1000;
    this.maxGroups = options.maxGroups ?? 1000;
    this.upsert = sqlite.prepare(
      `INSERT INTO error_groups (fingerprint, name, message, module, count, first_seen, last_seen, stack)
       VALUES (@fingerprint, @name, @message, @module, @count, @firstSeen, @lastSeen, @stack)
       ON CONFLICT (fingerprint) DO UPDATE SET
         count = count + excluded.count,
         first_seen = min(first_seen, excluded.first_seen),
         last_seen = max(last_seen, excluded.last_seen),
         name = excluded.name,
         message = excluded.message,
         module = excluded.module,
         stack = coalesce(excluded.stack, stack)`,
    );
    this.prune = sqlite.prepare(
      `DELETE FROM error_groups WHERE fingerprint IN
         (SELECT fingerprint FROM error_groups ORDER BY last_seen DESC LIMIT -1 OFFSET ?)`,
    );
    this.selectGroups = sqlite.prepare<[number], GroupRow>(
      'SELECT * FROM error_groups ORDER BY last_seen DESC, count DESC LIMIT ?',
    );
  }

  /** A line the logger wrote: error-level lines are counted, and grouped when they carry an `err`. */
  noteLine(parsed: ParsedLine): void {
    // a line with an errorGroup was recorded (and counted) by whoever logged it (installProcessHandlers)
    if (parsed.levelNumber < 50 || typeof parsed.fields.errorGroup === 'string') return;
    this.count(parsed.line.tenantId);
    const err = parsed.fields.err;
    if (err === undefined || err === null) return;
    this.group(describeError(err), { module: parsed.line.module, tenantId: parsed.line.tenantId });
  }

  /**
   * Records one error that is not (or not yet) a log line: counted and grouped. `now` writes it
   * before returning (the process may be about to end). Answers the fingerprint.
   */
  record(error: unknown, context: ErrorContext, options: { now?: boolean } = {}): string {
    this.count(context.tenantId);
    const fingerprint = this.group(describeError(error), context);
    if (options.now) this.flush();
    return fingerprint;
  }

  /** Error lines (error and fatal) counted since `sinceMs` (by the core's clock, to the second). */
  errorCount(sinceMs: number, tenantId?: string): number {
    const since = Math.floor(sinceMs / 1000);
    let total = 0;
    for (let index = this.buckets.length - 1; index >= 0; index--) {
      const bucket = this.buckets[index]!;
      if (bucket.second < since) break;
      if (tenantId === undefined || bucket.tenantId === tenantId) total += bucket.count;
    }
    return total;
  }

  /** Error lines per minute over the last `windowMs` (default five minutes). */
  errorLinesPerMinute(windowMs = 5 * 60 * 1000, tenantId?: string): number {
    const window = Math.max(1000, windowMs);
    return (this.errorCount(this.clock.now() - window, tenantId) * 60_000) / window;
  }

  /** The groups, most recently seen first. */
  list(limit = 500): ErrorGroup[] {
    this.flush();
    return this.selectGroups.all(limit).map((row) => ({
      fingerprint: row.fingerprint,
      name: row.name,
      message: row.message,
      module: row.module,
      count: row.count,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      stack: row.stack,
    }));
  }

  /** Writes what is pending; never throws (the database may be closing). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.size === 0 || this.stopped) return;
    const rows = [...this.pending.entries()];
    this.pending.clear();
    try {
      this.sqlite.transaction(() => {
        for (const [fingerprint, row] of rows) this.upsert.run({ fingerprint, ...row });
        this.prune.run(this.maxGroups);
      })();
    } catch (error) {
      process.stderr.write(`mindframe: error groups not saved: ${String(error)}\n`);
    }
  }

  stop(): void {
    this.flush();
    this.stopped = true;
  }

  private count(tenantId: string | null): void {
    const second = Math.floor(this.clock.now() / 1000);
    for (let index = this.buckets.length - 1; index >= 0 && index >= this.buckets.length - 8; index--) {
      const bucket = this.buckets[index]!;
      if (bucket.second !== second) break;
      if (bucket.tenantId === tenantId) {
        bucket.count += 1;
        return;
      }
    }
    this.buckets.push({ second, tenantId, count: 1 });
    let expired = 0;
    while (
      expired < this.buckets.length &&
      (this.buckets[expired]!.second < second - bucketHorizonSeconds ||
        this.buckets.length - expired > maxBuckets)
    )
      expired++;
    if (expired > 0) this.buckets.splice(0, expired);
  }

  private group(error: Described, context: ErrorContext): string {
    const appRoot = this.options.appRoot;
    const fingerprint = fingerprintOf(error.name, error.message, error.stack, appRoot);
    if (this.stopped) return fingerprint;
    const now = this.clock.now();
    const sample = {
      name: error.name.slice(0, 200),
      message: scrubSecrets(error.message).slice(0, 1000),
      stack: error.stack ? trimStack(error.stack, appRoot) : null,
      module: context.module,
    };
    const known = this.pending.get(fingerprint);
    if (known) {
      Object.assign(known, sample, { count: known.count + 1, lastSeen: now });
    } else {
      this.pending.set(fingerprint, { ...sample, count: 1, firstSeen: now, lastSeen: now });
    }
    if (this.pending.size >= 500) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushDelayMs);
      this.timer.unref();
    }
    return fingerprint;
  }
}
