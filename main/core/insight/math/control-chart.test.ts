import { describe, expect, it } from 'vitest';
import { controlChart, type ControlChartInput } from '.';

// The rules as the Western Electric Statistical Quality Control Handbook (1956, pp. 25–28) states
// them, and as Nelson (1984, Journal of Quality Technology 16(4), 237–239) numbers his eight. A
// known process (centre 0, σ 1: limits ±3, zone lines at ±1 and ±2) keeps every line exact.
const known = (values: number[], rules: ControlChartInput['rules'] = 'western_electric') =>
  controlChart({ values, rules, center: 0, sigma: 1 });

describe('XmR limits', () => {
  it('puts the limits at X̄ ± 2.66·MR̄ and estimates σ as MR̄/1.128 when the process is not known', () => {
    // X̄ = 58/5 = 11.6; moving ranges 2, 1, 2, 1: MR̄ = 1.5; limits 11.6 ± 3.99
    const chart = controlChart({ values: [10, 12, 11, 13, 12], rules: 'western_electric' });
    expect(chart.center).toBeCloseTo(11.6, 12);
    expect(chart.movingRangeMean).toBeCloseTo(1.5, 12);
    expect(chart.ucl).toBeCloseTo(15.59, 12);
    expect(chart.lcl).toBeCloseTo(7.61, 12);
    expect(chart.sigma).toBeCloseTo(1.5 / 1.128, 12);
    expect(chart.signals).toEqual([]);
  });

  it('uses the known centre and sigma when given: limits centre ± 3σ', () => {
    const chart = controlChart({ values: [1, 2, 3], rules: 'nelson', center: 10, sigma: 2 });
    expect(chart).toMatchObject({ center: 10, ucl: 16, lcl: 4, sigma: 2 });
  });
});

describe('Western Electric rules', () => {
  it('we1: one point beyond 3σ — and not a point exactly on the limit', () => {
    expect(known([0.5, 3, -3, 0.2]).signals).toEqual([]);
    expect(known([0.5, 3, -0.2, 0.1, 3.01]).signals).toEqual([{ rule: 'we1', index: 4 }]);
    expect(known([0.5, -3.5]).signals).toEqual([{ rule: 'we1', index: 1 }]);
  });

  it('we2: two of three successive points beyond 2σ on the same side, at the point completing it', () => {
    expect(known([0, 2.5, 0, 2.1]).signals).toEqual([{ rule: 'we2', index: 3 }]);
    expect(known([0, -2.5, -2.1]).signals).toEqual([{ rule: 'we2', index: 2 }]);
  });

  it('we2 must not fire on 2σ excursions on opposite sides, on points exactly on 2σ, or 3 apart', () => {
    expect(known([0, 2.5, -2.5, 0, 2.6, -2.2, 0.3]).signals).toEqual([]);
    expect(known([0, 2, 2, 2, -2, -2]).signals).toEqual([]);
    expect(known([2.5, 0, 0, 2.5]).signals).toEqual([]);
  });

  it('we3: four of five successive points beyond 1σ on the same side', () => {
    expect(known([1.5, 1.2, 0.3, 1.1, 1.9]).signals).toEqual([{ rule: 'we3', index: 4 }]);
    // on opposite sides, or exactly on the 1σ line, they do not count
    expect(known([1.5, -1.2, 1.3, -1.1, 1.9, -1.4]).signals).toEqual([]);
    expect(known([1.5, 1, 1.3, 1, 1.9, 0.2]).signals).toEqual([]);
  });

  it('we4: eight successive points on one side of the centre; a point on the centre ends the run', () => {
    const seven = [0.1, 0.2, 0.1, 0.3, 0.2, 0.1, 0.4];
    expect(known([...seven, 0, ...seven]).signals).toEqual([]);
    expect(known([...seven, 0.2]).signals).toEqual([{ rule: 'we4', index: 7 }]);
    expect(known([-0.3, ...seven.map((x) => -x)]).signals).toEqual([{ rule: 'we4', index: 7 }]);
  });

  it('reports each rule once, at its first firing, ordered by index', () => {
    // 2.5, 2.4 fire we2 at 1; 3.5 fires we1 at 2; 1.5 … completes we3 at 3; we4 at 7
    const chart = known([2.5, 2.4, 3.5, 1.5, 0.2, 0.3, 0.1, 0.2, 3.6, 2.2, 2.3]);
    expect(chart.signals).toEqual([
      { rule: 'we2', index: 1 },
      { rule: 'we1', index: 2 },
      { rule: 'we3', index: 3 },
      { rule: 'we4', index: 7 },
    ]);
  });
});

describe('Nelson rules', () => {
  it('n1 and n5, n6 as their Western Electric twins', () => {
    // 3 is on the limit (not beyond 3σ) but beyond 2σ: with 3.2, two of three beyond 2σ
    expect(known([0, 3, 3.2], 'nelson').signals).toEqual([
      { rule: 'n1', index: 2 },
      { rule: 'n5', index: 2 },
    ]);
    expect(known([1.5, 1.2, 0.3, 1.1, 1.9], 'nelson').signals).toEqual([{ rule: 'n6', index: 4 }]);
  });

  it('n2: nine points in a row on one side (eight are not enough)', () => {
    const eight = [0.1, 0.5, 0.2, 0.6, 0.3, 0.1, 0.4, 0.2];
    expect(known(eight, 'nelson').signals).toEqual([]);
    expect(known([...eight, 0.3], 'nelson').signals).toEqual([{ rule: 'n2', index: 8 }]);
  });

  it('n3: six points in a row steadily rising or falling; an equal neighbour breaks it', () => {
    expect(known([0, 0.1, 0.2, 0.3, 0.4, 0.5], 'nelson').signals).toEqual([{ rule: 'n3', index: 5 }]);
    expect(known([0.5, 0.4, 0.3, 0.2, 0.1], 'nelson').signals).toEqual([]);
    expect(known([0, 0.1, 0.1, 0.2, 0.3, 0.4, 0.5], 'nelson').signals).toEqual([]);
    expect(known([0.5, 0.4, 0.3, 0.2, 0.1, -0.1], 'nelson').signals).toEqual([{ rule: 'n3', index: 5 }]);
  });

  it('n4: fourteen points in a row alternating up and down', () => {
    const alternating = Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? 0.5 : -0.5));
    expect(known(alternating.slice(0, 13), 'nelson').signals).toEqual([]);
    expect(known(alternating, 'nelson').signals).toEqual([{ rule: 'n4', index: 13 }]);
  });

  it('n7: fifteen points in a row within 1σ of the centre, on either side', () => {
    // pairs on each side: no run of nine on a side, no alternation (equal neighbours)
    const within = Array.from({ length: 15 }, (_, i) => (Math.floor(i / 2) % 2 === 0 ? 0.5 : -1));
    expect(known(within.slice(0, 14), 'nelson').signals).toEqual([]);
    expect(known(within, 'nelson').signals).toEqual([{ rule: 'n7', index: 14 }]);
  });

  it('n8: eight points in a row beyond 1σ on either side; a point exactly on 1σ breaks it', () => {
    const outside = [1.5, -1.5, 1.6, -1.6, 1.5, -1.5, 1.7, -1.7];
    expect(known(outside, 'nelson').signals).toEqual([{ rule: 'n8', index: 7 }]);
    expect(known([1.5, -1.5, 1.6, -1, 1.5, -1.5, 1.7, -1.7, 1.2], 'nelson').signals).toEqual([]);
  });
});
