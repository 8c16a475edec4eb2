import { Cron } from 'croner';
import type { BackupSettings } from '../../contract';
import type { Clock } from '../lib/clock';

const retryAfterFailureMs = 15 * 60 * 1000;
const tickMs = 60 * 1000;

export function schedulePatterns(schedule: BackupSettings['schedule']): string[] {
  if (!schedule.enabled) return [];
  const patterns: string[] = [];
  if (schedule.everyHours > 0) patterns.push(`0 */${schedule.everyHours} * * *`);
  if (schedule.dailyAt) {
    const [hours, minutes] = schedule.dailyAt.split(':').map(Number);
    patterns.push(`${minutes} ${hours} * * *`);
  }
  return patterns;
}

/**
 * Decides when scheduled backups are due. It does not keep a timer per slot: a one-minute tick asks
 * whether a slot has passed since the last backup, which also catches up after the computer slept
 * or the app was closed.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private lastAttemptAt: number | null = null;

  constructor(
    private readonly deps: {
      clock: Clock;
      schedule: () => BackupSettings['schedule'];
      /** Newest backup that counts as a scheduled run (scheduled or manual, made successfully). */
      lastBackupAt: () => number | null;
      /** Whether there is anything to back up yet (false before setup). */
      ready?: () => boolean;
      run: () => Promise<boolean>;
    },
  ) {}

  private jobs(): Cron[] {
    return schedulePatterns(this.deps.schedule()).map((pattern) => new Cron(pattern, { paused: true }));
  }

  previousSlot(now: number): number | null {
    const times = this.jobs()
      .map((job) => job.previousRuns(1, new Date(now))[0]?.getTime())
      .filter((t): t is number => typeof t === 'number');
    return times.length ? Math.max(...times) : null;
  }

  nextSlot(now: number): number | null {
    const times = this.jobs()
      .map((job) => job.nextRun(new Date(now))?.getTime())
      .filter((t): t is number => typeof t === 'number');
    return times.length ? Math.min(...times) : null;
  }

  due(now: number): boolean {
    const slot = this.previousSlot(now);
    if (slot === null) return false;
    if ((this.deps.lastBackupAt() ?? 0) >= slot) return false;
    return (
      this.lastAttemptAt === null ||
      now - this.lastAttemptAt >= retryAfterFailureMs ||
      this.lastAttemptAt < slot
    );
  }

  /** Runs a due backup; true when one ran. */
  async tick(): Promise<boolean> {
    const now = this.deps.clock.now();
    if (this.deps.ready && !this.deps.ready()) return false;
    if (!this.due(now)) return false;
    this.lastAttemptAt = now;
    return this.deps.run();
  }

  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
