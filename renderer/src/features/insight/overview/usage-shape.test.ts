import { describe, expect, it } from 'vitest';
import { countsWithPrevious, dailyWithPrevious, eventNameKey, seriesSummary } from './usage-shape';

const day = 86_400_000;

describe('the usage view’s figures', () => {
  it('puts the previous period’s i-th day beside this period’s i-th day', () => {
    const now = [
      { day: 10 * day, dau: 4 },
      { day: 11 * day, dau: 6 },
      { day: 12 * day, dau: 5 },
    ];
    const before = [
      { day: 7 * day, dau: 1 },
      { day: 8 * day, dau: 2 },
    ];
    expect(dailyWithPrevious(now, before)).toEqual([
      { day: 10 * day, dau: 4, previous: 1 },
      { day: 11 * day, dau: 6, previous: 2 },
      { day: 12 * day, dau: 5, previous: 0 },
    ]);
    expect(dailyWithPrevious(now, undefined).map((row) => row.previous)).toEqual([null, null, null]);
  });

  it('says known event names by key and keeps a custom name as written', () => {
    expect(eventNameKey('conversation.started')).toBe('conversation_started');
    expect(eventNameKey('ticket.first_response')).toBe('ticket_first_response');
    expect(eventNameKey('order.created')).toBeNull();
  });

  it('lists counts most first, with the previous period’s, keeping what only happened before', () => {
    const rows = countsWithPrevious(
      [
        { key: 'a', count: 2 },
        { key: 'b', count: 9 },
      ],
      [
        { key: 'a', count: 4 },
        { key: 'gone', count: 3 },
      ],
      (key) => key.toUpperCase(),
    );
    expect(rows).toEqual([
      { key: 'b', label: 'B', count: 9, previous: 0 },
      { key: 'a', label: 'A', count: 2, previous: 4 },
      { key: 'gone', label: 'GONE', count: 0, previous: 3 },
    ]);
    expect(countsWithPrevious([{ key: 'a', count: 1 }], undefined, String)[0]?.previous).toBeNull();
  });

  it('summarises a series for screen readers', () => {
    expect(seriesSummary([2, 4, 3])).toEqual({ total: 9, average: 3, max: 4 });
    expect(seriesSummary([])).toEqual({ total: 0, average: 0, max: 0 });
  });
});
