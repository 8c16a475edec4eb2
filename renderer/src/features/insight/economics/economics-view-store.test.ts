import { describe, expect, it } from 'vitest';
import { useEconomicsViewStore } from './economics-view-store';

describe("the economics page's settings", () => {
  it('outlive the page: what was chosen is still chosen when it is shown again', () => {
    const before = useEconomicsViewStore.getState();
    expect(before).toMatchObject({ months: 12, forecastMonths: 6, chosenMonth: null });
    before.setMonths(24);
    before.setForecastMonths(3);
    before.setZeroChurn('infinite');
    before.setChosenMonth('2026-07');
    // the page reads the store afresh when it mounts again
    expect(useEconomicsViewStore.getState()).toMatchObject({
      months: 24,
      forecastMonths: 3,
      zeroChurn: 'infinite',
      chosenMonth: '2026-07',
    });
  });
});
