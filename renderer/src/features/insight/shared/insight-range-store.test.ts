import { beforeEach, describe, expect, it } from 'vitest';
import {
  customRange,
  dayMs,
  presetRange,
  previousRange,
  useInsightRangeStore,
  utcDayStart,
} from './insight-range-store';

const now = Date.UTC(2026, 11, 7, 18, 30); // 7 December 2026, 18:30 UTC

describe('the insight range', () => {
  beforeEach(() => useInsightRangeStore.setState({ compare: false }));

  it('a preset covers the last N whole UTC days, today included, to exclusive', () => {
    const range = presetRange('7d', now);
    expect(range.to).toBe(Date.UTC(2026, 11, 8));
    expect(range.from).toBe(Date.UTC(2026, 11, 1));
    expect((range.to - range.from) / dayMs).toBe(7);
    expect((presetRange('365d', now).to - presetRange('365d', now).from) / dayMs).toBe(365);
  });

  it('the previous period has the same length and ends where the range starts', () => {
    const range = presetRange('30d', now);
    const previous = previousRange(range);
    expect(previous.to).toBe(range.from);
    expect(previous.to - previous.from).toBe(range.to - range.from);
    expect(previousRange({ from: 100, to: 250 })).toEqual({ from: -50, to: 100 });
  });

  it('dates chosen by hand become whole days, the last one included, in either order', () => {
    const a = Date.UTC(2026, 10, 3, 15);
    const b = Date.UTC(2026, 10, 5, 1);
    expect(customRange(a, b)).toEqual({ from: Date.UTC(2026, 10, 3), to: Date.UTC(2026, 10, 6) });
    expect(customRange(b, a)).toEqual(customRange(a, b));
    expect(utcDayStart(a)).toBe(Date.UTC(2026, 10, 3));
  });

  it('the store keeps one range and the comparison for the whole section', () => {
    const store = useInsightRangeStore.getState();
    store.setPreset('90d');
    let state = useInsightRangeStore.getState();
    expect(state.preset).toBe('90d');
    expect((state.to - state.from) / dayMs).toBe(90);
    store.setCustom(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 31));
    state = useInsightRangeStore.getState();
    expect(state.preset).toBe('custom');
    expect(state.from).toBe(Date.UTC(2026, 0, 1));
    expect(state.to).toBe(Date.UTC(2026, 1, 1));
    store.setCompare(true);
    expect(useInsightRangeStore.getState().compare).toBe(true);
  });
});
