import { describe, expect, it } from 'vitest';
import { attribute, type AttributionModel, type Touch } from '.';

// The models as Google defines them: Google Ads Help, "About attribution models" (answer 6259715)
// and Google Analytics 4 Help, "Attribution models" (answer 10596866): last click gives all credit
// to the last interaction, first click to the first; linear spreads it equally; time decay gives
// more to interactions nearer the conversion "using a 7-day half-life … an interaction 8 days
// before a conversion gets half as much credit as an interaction 1 day before"; position-based
// gives 40 % each to the first and last interaction and spreads the other 20 % evenly over those
// between.
const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 30, 12);
const journey: Touch[] = [
  { channel: 'search', at: T - 20 * DAY },
  { channel: 'social', at: T - 10 * DAY },
  { channel: 'email', at: T - 2 * DAY },
];
const credit = (model: AttributionModel, touches = journey, value = 100, extra = {}) =>
  attribute({ touches, conversion: { at: T, value }, model, ...extra }).credits;
const sum = (credits: Array<{ value: number }>) => credits.reduce((s, c) => s + c.value, 0);

describe('attribution models (Google definitions)', () => {
  it('first touch: all credit to the first interaction', () => {
    expect(credit('first_touch')).toEqual([{ channel: 'search', at: T - 20 * DAY, value: 100 }]);
  });

  it('last touch: all credit to the last interaction', () => {
    expect(credit('last_touch')).toEqual([{ channel: 'email', at: T - 2 * DAY, value: 100 }]);
  });

  it('linear: equal credit; the cent left over goes to the earliest touch so the sum is exact', () => {
    expect(credit('linear').map((c) => c.value)).toEqual([33.34, 33.33, 33.33]);
    expect(sum(credit('linear'))).toBe(100);
  });

  it('time decay: a touch 8 days before gets half the credit of one 1 day before (7-day half-life)', () => {
    const touches = [
      { channel: 'display', at: T - 8 * DAY },
      { channel: 'search', at: T - 1 * DAY },
    ];
    expect(credit('time_decay', touches, 90).map((c) => c.value)).toEqual([30, 60]);
    // weight 2^(−days/half-life): with a 1-day half-life a touch 1 day before gets half of one at the conversion
    const sameDay = [
      { channel: 'display', at: T - DAY },
      { channel: 'search', at: T },
    ];
    expect(credit('time_decay', sameDay, 100, { halfLifeDays: 1 }).map((c) => c.value)).toEqual([
      33.33, 66.67,
    ]);
    // three touches: weights 2^(−20/7), 2^(−10/7), 2^(−2/7), normalised
    const weights = [20, 10, 2].map((d) => 2 ** (-d / 7));
    const total = weights.reduce((a, b) => a + b, 0);
    const values = credit('time_decay').map((c) => c.value);
    // each within a cent of its exact share
    weights.forEach((w, i) => expect(Math.abs(values[i]! - (100 * w) / total)).toBeLessThan(0.01));
    expect(sum(credit('time_decay'))).toBeCloseTo(100, 10);
  });

  it('position based: 40/20/40; the middle 20 % spread evenly; two touches 50/50; one touch 100 %', () => {
    expect(credit('position_based').map((c) => c.value)).toEqual([40, 20, 40]);
    const four = [...journey.slice(0, 2), { channel: 'video', at: T - 5 * DAY }, journey[2]!];
    expect(credit('position_based', four).map((c) => c.value)).toEqual([40, 10, 10, 40]);
    expect(credit('position_based', journey.slice(1)).map((c) => c.value)).toEqual([50, 50]);
    expect(credit('position_based', journey.slice(2))).toEqual([
      { channel: 'email', at: T - 2 * DAY, value: 100 },
    ]);
  });
});

describe('the lookback window and the order of touches', () => {
  it('ignores touches before conversion.at − lookback (default 30 days) and after the conversion', () => {
    const touches = [
      { channel: 'too_early', at: T - 30 * DAY - 1 },
      { channel: 'edge', at: T - 30 * DAY },
      { channel: 'late', at: T + 1 },
      { channel: 'email', at: T },
    ];
    expect(credit('first_touch', touches)).toEqual([{ channel: 'edge', at: T - 30 * DAY, value: 100 }]);
    expect(credit('last_touch', touches)).toEqual([{ channel: 'email', at: T, value: 100 }]);
    expect(credit('first_touch', journey, 100, { lookbackDays: 7 })).toEqual([
      { channel: 'email', at: T - 2 * DAY, value: 100 },
    ]);
  });

  it('sorts touches by time whatever order they come in, and answers no credits without a touch', () => {
    expect(credit('first_touch', [...journey].reverse())[0]!.channel).toBe('search');
    expect(credit('linear', [{ channel: 'old', at: T - 90 * DAY }])).toEqual([]);
  });
});

describe('rounding', () => {
  it('splits in cents by the largest remainder, so credits add up to the value exactly', () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({ channel: `c${i}`, at: T - i * 3 * DAY }));
    for (const model of ['linear', 'time_decay', 'position_based'] as const)
      for (const value of [10, 99.99, 0.05, 1234.56]) {
        const credits = credit(model, seven, value);
        const cents = credits.map((c) => Math.round(c.value * 100));
        credits.forEach((c, i) => expect(c.value * 100).toBeCloseTo(cents[i]!, 6));
        expect(cents.reduce((a, b) => a + b, 0)).toBe(Math.round(value * 100));
      }
    // one cent over three touches: one gets it, the others nothing (but they are still credited)
    expect(credit('linear', journey, 0.01).map((c) => c.value)).toEqual([0.01, 0, 0]);
    // a value with more decimals keeps them (up to 6)
    expect(sum(credit('linear', journey, 1.001))).toBeCloseTo(1.001, 12);
    expect(credit('linear', journey, 1.001).map((c) => c.value)).toEqual([0.334, 0.334, 0.333]);
  });
});
