import type Database from 'better-sqlite3';
import { statSync, statfsSync } from 'node:fs';
import type { IntervalHistogram } from 'node:perf_hooks';
import type { GuardianCheck } from '../../../contract';
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
  backupProblem?: string | null;
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

/** The checks that are the same for every tenant: the machine, the process and the database file. */
export function installationChecks(p: InstallationProbe): GuardianCheck[] {
  const checks: GuardianCheck[] = [];
  try {
    p.sqlite.prepare('SELECT 1').get();
    checks.push(check('database', 'ok', 'The database answers.'));
  } catch (error) {
    checks.push(check('database', 'critical', `The database does not answer: ${(error as Error).message}`));
  }

  const integrityOk = p.integrity.result === 'ok';
  checks.push(
    check(
      'integrity',
      integrityOk ? 'ok' : 'critical',
      integrityOk
        ? p.integrity.checkedAt === null
          ? 'No integrity check has run yet.'
          : `The ${p.integrity.kind === 'full' ? 'full' : 'quick'} integrity check passed.`
        : `The integrity check found damage: ${p.integrity.result.slice(0, 200)}`,
      { strategy: 'restore_backup' },
    ),
  );

  const dbMiB = round1(sizeOf(p.databaseFile) / mib);
  checks.push(
    check('database_size', grade(dbMiB, 2048, 8192), `The database file is ${dbMiB} MiB.`, {
      value: dbMiB,
      unit: 'MiB',
      strategy: 'database_maintenance',
    }),
  );

  const walMiB = round1(sizeOf(`${p.databaseFile}-wal`) / mib);
  checks.push(
    check('wal', grade(walMiB, 64, 512), `The write-ahead log is ${walMiB} MiB.`, {
      value: walMiB,
      unit: 'MiB',
      strategy: 'database_maintenance',
    }),
  );

  try {
    const fs = statfsSync(p.dataDir);
    const freeMiB = Math.round((Number(fs.bavail) * Number(fs.bsize)) / mib);
    checks.push(
      p.diskFull
        ? check(
            'disk',
            'critical',
            `The disk holding the data is full (${freeMiB} MiB free): changes are refused until space is freed.`,
            { value: freeMiB, unit: 'MiB' },
          )
        : check('disk', grade(freeMiB, 2048, 512, true), `${freeMiB} MiB free where the data is kept.`, {
            value: freeMiB,
            unit: 'MiB',
          }),
    );
  } catch (error) {
    checks.push(check('disk', 'warn', `Free space is unknown: ${(error as Error).message}`));
  }

  if (p.backupProblem) {
    checks.push(
      check('backup_freshness', 'critical', `Backups are failing: ${p.backupProblem.slice(0, 300)}`),
    );
  } else if (p.lastVerifiedBackupAt === null) {
    checks.push(check('backup_freshness', 'warn', 'There is no verified backup yet.'));
  } else {
    const hours = round1((p.now - p.lastVerifiedBackupAt) / hour);
    checks.push(
      check('backup_freshness', grade(hours, 26, 72), `The last verified backup is ${hours} hours old.`, {
        value: hours,
        unit: 'h',
      }),
    );
  }

  const p99 = p.eventLoop.count > 0 ? round1(p.eventLoop.percentile(99) / 1e6) : 0;
  p.eventLoop.reset();
  checks.push(
    check('event_loop', grade(p99, 100, 500), `Event-loop delay p99 is ${p99} ms.`, {
      value: p99,
      unit: 'ms',
    }),
  );

  const rss = Math.round(process.memoryUsage().rss / mib);
  checks.push(
    check('memory', grade(rss, 1536, 3072), `The app uses ${rss} MiB of memory.`, {
      value: rss,
      unit: 'MiB',
    }),
  );

  const drift = Math.round(p.schedulerDriftMs);
  checks.push(
    check('scheduler_drift', grade(drift, 5_000, 30_000), `Scheduled work ran ${drift} ms late.`, {
      value: drift,
      unit: 'ms',
    }),
  );

  const errors = round1(p.errorLinesPerMinute);
  checks.push(
    check('log_errors', grade(errors, 5, 30), `${errors} errors logged per minute lately.`, {
      value: errors,
      unit: '/min',
    }),
  );
  return checks;
}
