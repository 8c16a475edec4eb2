import type Database from 'better-sqlite3';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';

const quickEveryMs = 10 * 60 * 1000;
const fullEveryMs = 24 * 60 * 60 * 1000;

export interface IntegrityState {
  result: string;
  kind: 'quick' | 'full' | null;
  checkedAt: number | null;
}

/**
 * SQLite's own integrity checks on a schedule: `quick_check` every ten minutes, the full
 * `integrity_check` once a day. They are the only checks that read the whole file, so they do not
 * run on every Guardian cycle.
 */
export class IntegrityMonitor {
  private state: IntegrityState = { result: 'ok', kind: null, checkedAt: null };
  private lastFull = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  current(): IntegrityState {
    return this.state;
  }

  /** Runs what is due; `force` runs a quick check now. */
  runDue(force = false): IntegrityState {
    const now = this.clock.now();
    const full = now - this.lastFull >= fullEveryMs;
    if (!force && !full && this.state.checkedAt !== null && now - this.state.checkedAt < quickEveryMs)
      return this.state;
    const pragma = full ? 'integrity_check' : 'quick_check';
    let result: string;
    try {
      const rows = this.sqlite.pragma(pragma) as Record<string, string>[];
      result = rows.map((r) => Object.values(r)[0]).join('; ');
    } catch (error) {
      result = (error as Error).message;
    }
    if (full) this.lastFull = now;
    this.state = { result, kind: full ? 'full' : 'quick', checkedAt: now };
    if (result !== 'ok')
      this.logger.error(
        { module: 'guardian', integrity: result.slice(0, 500) },
        'database integrity check failed',
      );
    return this.state;
  }
}
