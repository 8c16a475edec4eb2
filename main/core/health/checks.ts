import type Database from 'better-sqlite3';
import { statSync, statfsSync } from 'node:fs';
import type { IntervalHistogram } from 'node:perf_hooks';
import type { HealthCheck } from '../../contract';

type Status = HealthCheck['status'];

export interface Thresholds {
  warn: number;
  critical: number;
}

/** Higher is worse (lag, size), or with `lowerIsWorse` lower is worse (free disk). */
export function grade(value: number, limits: Thresholds, lowerIsWorse = false): Status {
  if (lowerIsWorse) return value <= limits.critical ? 'critical' : value <= limits.warn ? 'warn' : 'ok';
  return value >= limits.critical ? 'critical' : value >= limits.warn ? 'warn' : 'ok';
}

const mib = 1024 * 1024;

export function databaseCheck(sqlite: Database.Database, lastIntegrity: string): HealthCheck {
  try {
    sqlite.prepare('SELECT 1').get();
  } catch (error) {
    return {
      id: 'database',
      status: 'critical',
      value: null,
      unit: null,
      message: `Database unreachable: ${(error as Error).message}`,
    };
  }
  const ok = lastIntegrity === 'ok';
  return {
    id: 'database',
    status: ok ? 'ok' : 'critical',
    value: null,
    unit: null,
    message: ok ? 'Connected; integrity check passed.' : `Integrity check failed: ${lastIntegrity}`,
  };
}

export function walCheck(databaseFile: string): HealthCheck {
  let bytes = 0;
  try {
    bytes = statSync(`${databaseFile}-wal`).size;
  } catch {
    bytes = 0;
  }
  const value = Math.round((bytes / mib) * 10) / 10;
  return {
    id: 'wal',
    status: grade(value, { warn: 64, critical: 512 }),
    value,
    unit: 'MiB',
    message: `Write-ahead log is ${value} MiB.`,
  };
}

/** Free space where the data is kept; critical while the disk is full (changes are refused then). */
export function diskCheck(dataDir: string, full = false): HealthCheck {
  try {
    const stats = statfsSync(dataDir);
    const freeMiB = Math.round((Number(stats.bavail) * Number(stats.bsize)) / mib);
    return {
      id: 'disk',
      status: full ? 'critical' : grade(freeMiB, { warn: 2048, critical: 512 }, true),
      value: freeMiB,
      unit: 'MiB',
      message: full
        ? `The disk holding the data is full (${freeMiB} MiB free): changes are refused until space is freed.`
        : `${freeMiB} MiB free where the data is kept.`,
    };
  } catch (error) {
    return {
      id: 'disk',
      status: 'warn',
      value: null,
      unit: null,
      message: `Free space unknown: ${(error as Error).message}`,
    };
  }
}

export function eventLoopCheck(histogram: IntervalHistogram): HealthCheck {
  const p99 = Number.isFinite(histogram.percentile(99)) ? histogram.percentile(99) / 1e6 : 0;
  const value = Math.round(p99 * 10) / 10;
  histogram.reset();
  return {
    id: 'eventLoop',
    status: grade(value, { warn: 100, critical: 500 }),
    value,
    unit: 'ms',
    message: `Event-loop delay p99 is ${value} ms.`,
  };
}

export function memoryCheck(): HealthCheck {
  const value = Math.round(process.memoryUsage().rss / mib);
  return {
    id: 'memory',
    status: grade(value, { warn: 1536, critical: 3072 }),
    value,
    unit: 'MiB',
    message: `The app uses ${value} MiB of memory.`,
  };
}

const weights: Record<string, number> = { database: 4, disk: 2, wal: 1, eventLoop: 1, memory: 1 };
const credit: Record<Status, number> = { ok: 1, warn: 0.6, critical: 0.1 };

/** 0-100 from the weighted check results; an unreachable or corrupt database means 0. */
export function scoreOf(checks: HealthCheck[]): number {
  const database = checks.find((c) => c.id === 'database');
  if (database?.status === 'critical') return 0;
  let total = 0;
  let earned = 0;
  for (const check of checks) {
    const weight = weights[check.id] ?? 1;
    total += weight;
    earned += weight * credit[check.status];
  }
  return total === 0 ? 100 : Math.round((100 * earned) / total);
}
