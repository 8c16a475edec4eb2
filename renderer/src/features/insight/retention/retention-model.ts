import type { MethodOutput } from '../../../contract';
import { retainedPercent } from './heat-map';

type Retention = MethodOutput<'insight.retention'>;
export type RetentionPeriod = Retention['period'];
export type RetentionMode = Retention['mode'];

const dayMs = 86_400_000;

/** The start of interval `n` of a cohort that began at `start` (weeks of 7 days, calendar months). */
export function intervalStartOf(start: number, n: number, period: RetentionPeriod): number {
  if (period === 'week') return start + n * 7 * dayMs;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + n, date.getUTCDate());
}

/** A cell of the matrix: null when no one of the cohort can have reached that interval yet. */
export interface RetentionCell {
  retained: number;
  percent: number;
}

export interface RetentionRow {
  start: number;
  size: number;
  cells: (RetentionCell | null)[];
}

/**
 * The matrix as the heat map shows it, and the average of each interval over the cohorts that
 * reached it (weighted by cohort size, as Mixpanel's "average" row).
 */
export function retentionTable(
  answer: Retention,
  now: number,
): {
  rows: RetentionRow[];
  /** Per interval, with the people of the cohorts that reached it (`size`). */
  average: ((RetentionCell & { size: number }) | null)[];
  intervals: number;
  totalSize: number;
} {
  const intervals = Math.max(0, ...answer.cohorts.map((cohort) => cohort.retained.length));
  const rows = answer.cohorts.map((cohort) => ({
    start: cohort.start,
    size: cohort.size,
    cells: Array.from({ length: intervals }, (_, n) => {
      // the cohort's earliest members reach interval n at the cohort's start + n periods
      if (intervalStartOf(cohort.start, n, answer.period) > now) return null;
      const retained = cohort.retained[n] ?? 0;
      return { retained, percent: retainedPercent(retained, cohort.size) };
    }),
  }));
  const average = Array.from({ length: intervals }, (_, n) => {
    let retained = 0;
    let size = 0;
    for (const row of rows) {
      const cell = row.cells[n];
      if (!cell) continue;
      retained += cell.retained;
      size += row.size;
    }
    return size === 0 ? null : { retained, size, percent: retainedPercent(retained, size) };
  });
  return { rows, average, intervals, totalSize: rows.reduce((sum, row) => sum + row.size, 0) };
}

/** The CSV's rows: cohort start (ISO day), size, and per interval the count and the percentage. */
export function retentionCsvRows(
  table: ReturnType<typeof retentionTable>,
): Record<string, string | number | null>[] {
  return table.rows.map((row) => {
    const out: Record<string, string | number | null> = {
      cohort: new Date(row.start).toISOString().slice(0, 10),
      size: row.size,
    };
    row.cells.forEach((cell, n) => {
      out[`n${n}`] = cell ? cell.retained : null;
      out[`p${n}`] = cell ? Math.round(cell.percent * 10) / 10 : null;
    });
    return out;
  });
}
