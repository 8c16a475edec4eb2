import type Database from 'better-sqlite3';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { GuardianCheck } from '../../contract';
import type { Clock } from '../lib/clock';
import {
  databaseChecks,
  diskCheck,
  eventLoopCheck,
  installationChecks,
  memoryCheck,
  walCheck,
} from './checks/installation';
import type { IntegrityMonitor } from './integrity';
import type { Said } from '../lib/message';

export interface InstallationMonitorDeps {
  sqlite: Database.Database;
  clock: Clock;
  databaseFile: string;
  dataDir: string;
  /** SQLite's integrity checks on their schedule (the only checks that read the whole file). */
  integrity: IntegrityMonitor;
  /** Hooks to modules that arrive later (backups) or live elsewhere (logs); none: not checked. */
  lastVerifiedBackupAt?: () => number | null;
  /** Why backups are not working (folder gone, last backup or verification failed), or null. */
  backupProblem?: () => Said | null;
  errorLinesPerMinute?: () => number;
  /** Whether the disk holding the data is full (`probe` also looks at its free space now). */
  disk?: { probe(): boolean };
}

/**
 * The installation's health, measured one way for everyone: the Guardian's installation checks
 * (database, integrity, file sizes, disk, backups, event loop, memory, drift, logged errors), with
 * one event-loop histogram. The Guardian's cycle reads them all; the health summary (health.summary,
 * /api/v1/health) reads the few about the machine and the database file.
 */
export class InstallationMonitor {
  private readonly eventLoop: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });

  constructor(private readonly deps: InstallationMonitorDeps) {}

  /** Starts measuring the event-loop delay. */
  start(): void {
    this.eventLoop.enable();
  }

  stop(): void {
    this.eventLoop.disable();
  }

  /**
   * Every installation check (the Guardian's cycle): the integrity check runs when one is due, and
   * the event-loop histogram starts over, so each cycle sees the delay since the last one.
   */
  checks(schedulerDriftMs: number): GuardianCheck[] {
    const { deps } = this;
    deps.integrity.runDue();
    return installationChecks({
      sqlite: deps.sqlite,
      databaseFile: deps.databaseFile,
      dataDir: deps.dataDir,
      now: deps.clock.now(),
      integrity: deps.integrity.current(),
      eventLoop: this.eventLoop,
      schedulerDriftMs,
      lastVerifiedBackupAt: deps.lastVerifiedBackupAt?.() ?? null,
      backupProblem: deps.backupProblem?.() ?? null,
      errorLinesPerMinute: deps.errorLinesPerMinute?.() ?? 0,
      diskFull: deps.disk?.probe() ?? false,
    });
  }

  /**
   * The machine and the database file only: database, integrity, disk, write-ahead log, event loop
   * and memory, in that order (the integrity check runs when one is due). The event-loop delay is
   * the one since the histogram last started over; `resetEventLoop` starts it over.
   */
  machineChecks(resetEventLoop = false): GuardianCheck[] {
    const { deps } = this;
    const integrity = deps.integrity.runDue();
    return [
      ...databaseChecks(deps.sqlite, integrity),
      diskCheck(deps.dataDir, deps.disk?.probe() ?? false),
      walCheck(deps.databaseFile),
      eventLoopCheck(this.eventLoop, resetEventLoop),
      memoryCheck(),
    ];
  }
}
