import type Database from 'better-sqlite3';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { HealthSummary } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import { databaseCheck, diskCheck, eventLoopCheck, memoryCheck, scoreOf, walCheck } from './checks';

const integrityEveryMs = 10 * 60 * 1000;

/**
 * The installation's health: a few checks, a score and a periodic `health.updated` event. The
 * Guardian builds on this with more checks, history and healing.
 */
export class HealthService {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private integrity = 'ok';
  private integrityCheckedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private latest: HealthSummary | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly databaseFile: string,
    private readonly dataDir: string,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  start(intervalMs = 15_000): void {
    this.histogram.enable();
    this.timer = setInterval(() => this.publish(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.histogram.disable();
  }

  /** The latest summary, computed now if none is recent. */
  summary(): HealthSummary {
    if (this.latest && this.clock.now() - this.latest.checkedAt < 5_000) return this.latest;
    return this.compute();
  }

  publish(): HealthSummary {
    const summary = this.compute();
    this.events.emit('health.updated', summary, { kind: 'installation' });
    return summary;
  }

  private compute(): HealthSummary {
    const now = this.clock.now();
    if (now - this.integrityCheckedAt >= integrityEveryMs || this.integrityCheckedAt === 0) {
      this.integrityCheckedAt = now;
      try {
        const rows = this.sqlite.pragma('quick_check') as { quick_check: string }[];
        this.integrity = rows.map((r) => r.quick_check).join('; ');
      } catch (error) {
        this.integrity = (error as Error).message;
      }
      if (this.integrity !== 'ok')
        this.logger.error({ integrity: this.integrity }, 'database integrity check failed');
    }
    const checks = [
      databaseCheck(this.sqlite, this.integrity),
      diskCheck(this.dataDir),
      walCheck(this.databaseFile),
      eventLoopCheck(this.histogram),
      memoryCheck(),
    ];
    const score = scoreOf(checks);
    const databaseOk = checks[0]!.status !== 'critical';
    this.latest = {
      status: !databaseOk ? 'unhealthy' : score >= 85 ? 'healthy' : score >= 60 ? 'degraded' : 'unhealthy',
      database: databaseOk ? 'connected' : 'error',
      score,
      checks,
      checkedAt: now,
    };
    return this.latest;
  }
}
