import type Database from 'better-sqlite3';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { HealthSummary } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { IntegrityMonitor } from '../guardian/integrity';
import type { DiskPressure } from '../lib/disk-full';
import { databaseCheck, diskCheck, eventLoopCheck, memoryCheck, scoreOf, walCheck } from './checks';

/**
 * The installation's health: a few checks, a score and a periodic `health.updated` event. The
 * Guardian builds on this with more checks, history and healing.
 */
export class HealthService {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private timer: NodeJS.Timeout | undefined;
  private latest: HealthSummary | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly databaseFile: string,
    private readonly dataDir: string,
    private readonly clock: Clock,
    private readonly events: EventBus,
    /** Shared with the Guardian, so the database is read through once per schedule, not twice. */
    private readonly integrity: IntegrityMonitor,
    /** Whether the disk is full (and a look at its free space now); none: free space only. */
    private readonly disk?: Pick<DiskPressure, 'probe'>,
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
    const integrity = this.integrity.runDue().result;
    const checks = [
      databaseCheck(this.sqlite, integrity),
      diskCheck(this.dataDir, this.disk?.probe() ?? false),
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
