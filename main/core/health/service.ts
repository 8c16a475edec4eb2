import type Database from 'better-sqlite3';
import type { HealthSummary } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { DiskPressure } from '../lib/disk-full';
import { InstallationMonitor } from '../guardian/installation-monitor';
import type { IntegrityMonitor } from '../guardian/integrity';
import { healthSummaryOf } from './summary';

export interface HealthServiceDeps {
  /** The Guardian's installation checks (GuardianService.installation): the one source of health. */
  installation: Pick<InstallationMonitor, 'machineChecks'>;
  clock: Clock;
  events: EventBus;
}

/**
 * The installation's health summary: the Guardian's checks of the machine and the database file,
 * a score and a periodic `health.updated` event. The Guardian adds the rest (backups, agents,
 * providers, security), its history and healing.
 */
export class HealthService {
  private readonly installation: Pick<InstallationMonitor, 'machineChecks'>;
  private readonly clock: Clock;
  private readonly events: EventBus;
  /** Set when the service measures with a monitor of its own (the positional constructor). */
  private readonly own: InstallationMonitor | null = null;
  private timer: NodeJS.Timeout | undefined;
  private latest: HealthSummary | undefined;

  constructor(deps: HealthServiceDeps);
  /**
   * @deprecated Wiring of before the Guardian became the source: measures with an installation
   * monitor of its own (same checks, its own event-loop histogram). Pass `{ installation:
   * guardian.installation, clock, events }` instead.
   */
  constructor(
    sqlite: Database.Database,
    databaseFile: string,
    dataDir: string,
    clock: Clock,
    events: EventBus,
    integrity: IntegrityMonitor,
    disk?: Pick<DiskPressure, 'probe'>,
  );
  constructor(
    first: HealthServiceDeps | Database.Database,
    databaseFile?: string,
    dataDir?: string,
    clock?: Clock,
    events?: EventBus,
    integrity?: IntegrityMonitor,
    disk?: Pick<DiskPressure, 'probe'>,
  ) {
    if ('installation' in first) {
      this.installation = first.installation;
      this.clock = first.clock;
      this.events = first.events;
      return;
    }
    this.own = new InstallationMonitor({
      sqlite: first,
      clock: clock!,
      databaseFile: databaseFile!,
      dataDir: dataDir!,
      integrity: integrity!,
      ...(disk ? { disk } : {}),
    });
    this.installation = this.own;
    this.clock = clock!;
    this.events = events!;
  }

  start(intervalMs = 15_000): void {
    this.own?.start();
    this.timer = setInterval(() => this.publish(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.own?.stop();
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
    // the Guardian's cycle owns the event-loop window; a monitor of its own starts it over each time
    this.latest = healthSummaryOf(this.installation.machineChecks(this.own !== null), now);
    return this.latest;
  }
}
