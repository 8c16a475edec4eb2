import { describe, expect, it } from 'vitest';
import { groupCosts, totalCosts, type CostRow } from './costs';
import { dayEnd, dayStart, runDuration } from './run-status';

const row = (day: string, agentId: string, model: string, costMicros: number, steps = 1): CostRow => ({
  day,
  agentId,
  agentName: agentId.toUpperCase(),
  model,
  steps,
  tokensIn: steps * 10,
  tokensOut: steps * 5,
  costMicros,
});

const rows = [
  row('2024-05-01', 'a', 'local/mindframe-local', 0, 3),
  row('2024-05-01', 'b', 'p1/gpt-4o-mini', 1200),
  row('2024-05-02', 'a', 'p1/gpt-4o-mini', 800, 2),
  row('2024-05-02', 'a', 'local/mindframe-local', 0),
];

describe('groupCosts', () => {
  it('sums per day, newest first', () => {
    expect(groupCosts(rows, 'day').map((l) => [l.day, l.costMicros, l.steps])).toEqual([
      ['2024-05-02', 800, 3],
      ['2024-05-01', 1200, 4],
    ]);
  });

  it('sums per agent and per model, biggest cost first', () => {
    expect(groupCosts(rows, 'agent').map((l) => [l.agentName, l.costMicros, l.tokensIn])).toEqual([
      ['B', 1200, 10],
      ['A', 800, 60],
    ]);
    expect(groupCosts(rows, 'model').map((l) => [l.model, l.costMicros])).toEqual([
      ['p1/gpt-4o-mini', 2000],
      ['local/mindframe-local', 0],
    ]);
  });

  it('keeps every day × agent × model line and adds up the totals', () => {
    expect(groupCosts(rows, 'all')).toHaveLength(4);
    expect(totalCosts(rows)).toEqual({ steps: 7, tokensIn: 70, tokensOut: 35, costMicros: 2000 });
  });
});

describe('date range', () => {
  it('covers whole local days', () => {
    const start = dayStart('2024-05-01')!;
    const end = dayEnd('2024-05-01')!;
    expect(new Date(start).getHours()).toBe(0);
    expect(end - start).toBe(24 * 3600 * 1000 - 1);
    expect(dayStart('nope')).toBeUndefined();
  });

  it('measures a running run up to now', () => {
    expect(runDuration({ createdAt: 0, startedAt: 100, finishedAt: 350 }, 1000)).toBe(250);
    expect(runDuration({ createdAt: 0, startedAt: 100, finishedAt: null }, 1000)).toBe(900);
    expect(runDuration({ createdAt: 0, startedAt: null, finishedAt: null }, 1000)).toBeNull();
  });
});
