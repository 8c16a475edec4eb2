import { describe, expect, it } from 'vitest';
import {
  cellText,
  exampleBatch,
  exampleCsv,
  propertyColumns,
  refusedLines,
  retentionProblem,
  shortens,
} from './data-model';

const now = Date.UTC(2026, 11, 7, 12);

// the core's own CSV reader (outside the renderer's project, so loaded by path)
interface CsvRead {
  errors: unknown[];
  rows: { line: number; event: Record<string, unknown> }[];
}
const ingestPath = '/main/core/insight/ingest.ts';
async function readCsv(csv: string, at: number): Promise<CsvRead> {
  const ingest = (await import(/* @vite-ignore */ ingestPath)) as {
    readCsv(csv: string, now: number): CsvRead;
  };
  return ingest.readCsv(csv, at);
}

describe('the example CSV', () => {
  it('is read by the core without a single refused line', async () => {
    const read = await readCsv(exampleCsv(now), now);
    expect(read.errors).toEqual([]);
    expect(read.rows).toHaveLength(3);
    expect(read.rows[0]?.event).toMatchObject({
      name: 'signup.completed',
      actor: 'customer-101',
      at: now - 3 * 86_400_000,
      props: { plan: 'starter', seats: 3 },
    });
  });

  it('the batch example names the fields the API takes', () => {
    const batch = JSON.parse(exampleBatch(now)) as { events: { name: string; actor: string }[] };
    expect(batch.events.map((event) => event.name)).toEqual(['order.placed', 'signup.completed']);
  });
});

describe('retention days', () => {
  it('takes whole days within 7 to 3650', () => {
    expect(retentionProblem(' 90 ')).toEqual({ days: 90, reason: null });
    expect(retentionProblem('7').days).toBe(7);
    expect(retentionProblem('3650').days).toBe(3650);
  });
  it('says why anything else cannot be saved', () => {
    expect(retentionProblem('').reason).toBe('required');
    expect(retentionProblem('30.5').reason).toBe('whole_number');
    expect(retentionProblem('-3').reason).toBe('whole_number');
    expect(retentionProblem('6').reason).toBe('too_small');
    expect(retentionProblem('3651').reason).toBe('too_big');
  });
  it('asks first only when fewer days are kept', () => {
    expect(shortens(365, 90)).toBe(true);
    expect(shortens(90, 365)).toBe(false);
    expect(shortens(90, 90)).toBe(false);
    expect(shortens(undefined, 90)).toBe(false);
  });
});

describe('the preview', () => {
  it('shows every property column once, first seen first', () => {
    expect(propertyColumns([{ properties: { plan: 'a' } }, { properties: { seats: 1, plan: 'b' } }])).toEqual(
      ['plan', 'seats'],
    );
  });
  it('counts a line with two errors once', () => {
    expect(refusedLines([{ at: 3 }, { at: 3 }, { at: 5 }])).toBe(2);
  });
  it('writes values plainly', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(false)).toBe('false');
    expect(cellText(12.5)).toBe('12.5');
  });
});
