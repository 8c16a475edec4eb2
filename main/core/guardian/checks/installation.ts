import type Database from 'better-sqlite3';
import { statSync, statfsSync } from 'node:fs';
import type { IntervalHistogram } from 'node:perf_hooks';
import type { GuardianCheck } from '../../../contract';
import type { Said } from '../../lib/message';
import { message } from '../../lib/message';
import type { IntegrityState } from '../integrity';
import { check, grade } from './grade';

const mib = 1024 * 1024;
const hour = 60 * 60 * 1000;

export interface InstallationProbe {
  sqlite: Database.Database;
  databaseFile: string;
  dataDir: string;
  now: number;
  integrity: IntegrityState;
  eventLoop: IntervalHistogram;
  /** How late the Guardian's own timer fired last time, in ms. */
  schedulerDriftMs: number;
  lastVerifiedBackupAt: number | null;
  backupProblem?: Said | null;
  errorLinesPerMinute: number;
  /** The disk holding the data is full: changes are refused until space is freed. */
  diskFull?: boolean;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
/** Sizes in MiB to the kilobyte: a new shop's database of 40 kB is 0.039 MiB, not "0 MB". */
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The database answers a query, and SQLite's own integrity check found no damage. */
export function databaseChecks(sqlite: Database.Database, integrity: IntegrityState): GuardianCheck[] {
  const checks: GuardianCheck[] = [];
  try {
    sqlite.prepare('SELECT 1').get();
    checks.push(check('database', 'ok', message('guardian.database.ok'), 'The database answers.'));
  } catch (error) {
    const detail = (error as Error).message;
    checks.push(
      check(
        'database',
        'critical',
        message('guardian.database.failed'),
        `The database does not answer: ${detail}`,
      ),
    );
  }

  const integrityOk = integrity.result === 'ok';
  const kind = integrity.kind === 'full' ? 'full' : 'quick';
  const [found, text] = integrityOk
    ? integrity.checkedAt === null
      ? [message('guardian.integrity.not_run'), 'No integrity check has run yet.']
      : [message(`guardian.integrity.passed_${kind}`), `The ${kind} integrity check passed.`]
    : [
        message('guardian.integrity.damaged'),
        `The integrity check found damage: ${integrity.result.slice(0, 200)}`,
      ];
  checks.push(
    check('integrity', integrityOk ? 'ok' : 'critical', found, text, { strategy: 'restore_backup' }),
  );
  return checks;
}

export function databaseSizeCheck(databaseFile: string): GuardianCheck {
  const dbMiB = round3(sizeOf(databaseFile) / mib);
  return check(
    'database_size',
    grade(dbMiB, 2048, 8192),
    message('guardian.database_size', { mib: dbMiB }),
    `The database file is ${dbMiB} MiB.`,
    { value: dbMiB, unit: 'MiB', strategy: 'database_maintenance' },
  );
}

export function walCheck(databaseFile: string): GuardianCheck {
  const walMiB = round3(sizeOf(`${databaseFile}-wal`) / mib);
  return check(
    'wal',
    grade(walMiB, 64, 512),
    message('guardian.wal', { mib: walMiB }),
    `The write-ahead log is ${walMiB} MiB.`,
    { value: walMiB, unit: 'MiB', strategy: 'database_maintenance' },
  );
}

/** Free space where the data is kept; critical while the disk is full (changes are refused then). */
export function diskCheck(dataDir: string, diskFull = false): GuardianCheck {
  try {
    const fs = statfsSync(dataDir);
    const freeMiB = Math.round((Number(fs.bavail) * Number(fs.bsize)) / mib);
    return diskFull
      ? check(
          'disk',
          'critical',
          message('guardian.disk.full', { mib: freeMiB }),
          `The disk holding the data is full (${freeMiB} MiB free): changes are refused until space is freed.`,
          { value: freeMiB, unit: 'MiB' },
        )
      : check(
          'disk',
          grade(freeMiB, 2048, 512, true),
          message('guardian.disk.free', { mib: freeMiB }),
          `${freeMiB} MiB free where the data is kept.`,
          { value: freeMiB, unit: 'MiB' },
        );
  } catch (error) {
    const detail = (error as Error).message;
    return check('disk', 'warn', message('guardian.disk.unknown'), `Free space is unknown: ${detail}`);
  }
}

export function backupCheck(
  now: number,
  lastVerifiedBackupAt: number | null,
  backupProblem: Said | null | undefined,
): GuardianCheck {
  if (backupProblem) {
    // the backups' own message says why (the check's name says it is about backups)
    return check(
      'backup_freshness',
      'critical',
      backupProblem.message,
      `Backups are failing: ${backupProblem.text.slice(0, 300)}`,
    );
  } else if (lastVerifiedBackupAt === null) {
    return check(
      'backup_freshness',
      'warn',
      message('guardian.backup.none'),
      'There is no verified backup yet.',
    );
  }
  const hours = round1((now - lastVerifiedBackupAt) / hour);
  return check(
    'backup_freshness',
    grade(hours, 26, 72),
    message('guardian.backup.age', { hours }),
    `The last verified backup is ${hours} hours old.`,
    { value: hours, unit: 'h' },
  );
}

/** p99 of the event-loop delay since the histogram last started over; `reset` starts it over. */
export function eventLoopCheck(eventLoop: IntervalHistogram, reset = true): GuardianCheck {
  const p99 = eventLoop.count > 0 ? round1(eventLoop.percentile(99) / 1e6) : 0;
  if (reset) eventLoop.reset();
  return check(
    'event_loop',
    grade(p99, 100, 500),
    message('guardian.event_loop', { ms: p99 }),
    `Event-loop delay p99 is ${p99} ms.`,
    { value: p99, unit: 'ms' },
  );
}

export function memoryCheck(): GuardianCheck {
  const rss = Math.round(process.memoryUsage().rss / mib);
  return check(
    'memory',
    grade(rss, 1536, 3072),
    message('guardian.memory', { mib: rss }),
    `The app uses ${rss} MiB of memory.`,
    { value: rss, unit: 'MiB' },
  );
}

/** The checks that are the same for every tenant: the machine, the process and the database file. */
export function installationChecks(p: InstallationProbe): GuardianCheck[] {
  const drift = Math.round(p.schedulerDriftMs);
  const errors = round1(p.errorLinesPerMinute);
  return [
    ...databaseChecks(p.sqlite, p.integrity),
    databaseSizeCheck(p.databaseFile),
    walCheck(p.databaseFile),
    diskCheck(p.dataDir, p.diskFull),
    backupCheck(p.now, p.lastVerifiedBackupAt, p.backupProblem),
    eventLoopCheck(p.eventLoop),
    memoryCheck(),
    check(
      'scheduler_drift',
      grade(drift, 5_000, 30_000),
      message('guardian.scheduler_drift', { ms: drift }),
      `Scheduled work ran ${drift} ms late.`,
      { value: drift, unit: 'ms' },
    ),
    check(
      'log_errors',
      grade(errors, 5, 30),
      message('guardian.log_errors', { count: errors }),
      `${errors} errors logged per minute lately.`,
      { value: errors, unit: '/min' },
    ),
  ];
}
