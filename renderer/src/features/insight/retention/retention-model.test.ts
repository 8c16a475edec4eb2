import { describe, expect, it } from 'vitest';
import { intervalStartOf, retentionCsvRows, retentionTable } from './retention-model';

const week = 7 * 86_400_000;
const monday = Date.UTC(2026, 10, 2); // a Monday

describe('retention matrix for the heat map', () => {
  const answer = {
    period: 'week' as const,
    mode: 'first_time' as const,
    cohorts: [
      { start: monday, size: 10, retained: [9, 7, 6] },
      { start: monday + week, size: 2, retained: [2, 1, 0] },
      { start: monday + 2 * week, size: 4, retained: [1, 0, 0] },
    ],
  };

  it('gives percentages, leaves the intervals no one has reached yet empty, and averages by size', () => {
    // a day into the third week: the last cohort has only reached interval 0
    const table = retentionTable(answer, monday + 2 * week + 86_400_000);
    expect(table.intervals).toBe(3);
    expect(table.totalSize).toBe(16);
    expect(table.rows.map((row) => row.cells.map((cell) => cell && cell.percent))).toEqual([
      [90, 70, 60],
      [100, 50, null],
      [25, null, null],
    ]);
    // interval 0: (9 + 2 + 1) / 16; interval 1: (7 + 1) / 12; interval 2: 6 / 10
    expect(table.average.map((cell) => cell && cell.percent)).toEqual([75, (8 / 12) * 100, 60]);
    expect(retentionCsvRows(table)[1]).toEqual({
      cohort: '2026-11-09',
      size: 2,
      n0: 2,
      p0: 100,
      n1: 1,
      p1: 50,
      n2: null,
      p2: null,
    });
  });

  it('steps months by the calendar', () => {
    expect(intervalStartOf(Date.UTC(2026, 0, 1), 2, 'month')).toBe(Date.UTC(2026, 2, 1));
    expect(intervalStartOf(monday, 1, 'week')).toBe(monday + week);
  });

  it('has no intervals without cohorts', () => {
    const table = retentionTable({ ...answer, cohorts: [] }, monday);
    expect(table).toEqual({ rows: [], average: [], intervals: 0, totalSize: 0 });
  });
});
