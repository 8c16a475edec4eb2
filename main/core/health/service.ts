import type { HealthSummary } from '../../contract';
import type { InstallationMonitor } from '../guardian/installation-monitor';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
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
 * providers, security), its history and healing; its cycle owns the event-loop window.
 */
export class HealthService {
  private timer: NodeJS.Timeout | undefined;
  private latest: HealthSummary | undefined;

  constructor(private readonly deps: HealthServiceDeps) {}

  start(intervalMs = 15_000): void {
    this.timer = setInterval(() => this.publish(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The latest summary, computed now if none is recent. */
  summary(): HealthSummary {
    if (this.latest && this.deps.clock.now() - this.latest.checkedAt < 5_000) return this.latest;
    return this.compute();
  }

  publish(): HealthSummary {
    const summary = this.compute();
    this.deps.events.emit('health.updated', summary, { kind: 'installation' });
    return summary;
  }

  private compute(): HealthSummary {
    const now = this.deps.clock.now();
    this.latest = healthSummaryOf(this.deps.installation.machineChecks(), now);
    return this.latest;
  }
}
