import { describe, expect, it } from 'vitest';
import {
  capability,
  dpmoForSigma,
  inverseNormalCdf,
  normalCdf,
  sampleStandardDeviation,
  sigmaLevel,
} from '.';

describe('the standard normal distribution', () => {
  it('gives the published percentage points (Wichura 1988, AS 241)', () => {
    // Values from any table of the normal distribution (e.g. Abramowitz & Stegun, table 26.5)
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.95996398454005, 14);
    expect(inverseNormalCdf(0.9)).toBeCloseTo(1.2815515655446004, 14);
    expect(inverseNormalCdf(0.025)).toBeCloseTo(-1.95996398454005, 14);
    expect(inverseNormalCdf(1e-20)).toBeCloseTo(-9.26234008979841, 12);
    expect(inverseNormalCdf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(inverseNormalCdf(1)).toBe(Number.POSITIVE_INFINITY);
    expect(inverseNormalCdf(1.5)).toBeNaN();
  });

  it('gives the published tail areas (Marsaglia 2004; continued fraction in the tails)', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    // Φ(−6) = 9.8659e−10 and Φ(−8) = 6.2210e−16: relative accuracy in the far tail
    expect(normalCdf(-6) / 9.865876450377012e-10).toBeCloseTo(1, 12);
    expect(normalCdf(-8) / 6.220960574271784e-16).toBeCloseTo(1, 12);
    expect(normalCdf(-40)).toBe(0);
    // the two are inverse to each other across the range
    for (const p of [1e-12, 1e-6, 0.001, 0.2, 0.5, 0.7, 0.999])
      expect(normalCdf(inverseNormalCdf(p)) / p).toBeCloseTo(1, 9);
  });
});

describe('DPMO and sigma level', () => {
  // The standard sigma conversion table with the 1.5σ shift (Motorola / Harry & Schroeder, "Six
  // Sigma: The Breakthrough Management Strategy", 2000; reproduced in e.g. ASQ's Six Sigma
  // Handbook, Pyzdek & Keller, appendix): 6σ = 3.4 DPMO, 5σ = 233, 4σ = 6,210, 3σ = 66,807,
  // 2σ = 308,538, 1σ = 691,462 (one-tailed).
  const table: Array<[number, number]> = [
    [3.4, 6],
    [233, 5],
    [6_210, 4],
    [66_807, 3],
    [308_538, 2],
    [691_462, 1],
  ];

  it.each(table)('reads %d DPMO as %d sigma (one-tailed, the default)', (dpmo, sigma) => {
    // 3.4 defects in 1,000,000 opportunities: 1 unit per opportunity
    const answer = sigmaLevel({ defects: dpmo, units: 1_000_000, opportunitiesPerUnit: 1 });
    expect(answer.dpmo).toBeCloseTo(dpmo, 6);
    expect(answer.sigmaLevel!).toBeCloseTo(sigma, 2);
    expect(answer.convention).toBe('one_tailed');
    expect(answer.shift).toBe(1.5);
    // and the table the other way round, to the table's own precision
    expect(dpmoForSigma(sigma)).toBeCloseTo(dpmo, dpmo < 10 ? 1 : 0);
  });

  it('counts defects per million opportunities over units × opportunities, and the yield', () => {
    // 34 defects in 2,000 invoices with 5 fields each: 34 / 10,000 = 3,400 DPMO, yield 99.66 %
    const answer = sigmaLevel({ defects: 34, units: 2_000, opportunitiesPerUnit: 5 });
    expect(answer.dpmo).toBeCloseTo(3_400, 9);
    expect(answer.yieldPercent).toBeCloseTo(99.66, 9);
    // Φ⁻¹(0.9966) + 1.5 = 4.2067: between 4σ (6,210) and 5σ (233)
    expect(answer.sigmaLevel!).toBeCloseTo(4.2067, 3);
  });

  it('offers the two-tailed table convention, labelled, which counts the far tail too', () => {
    // Two-tailed tables (both tails of a mean shifted by 1.5σ): 1σ = 697,672 DPMO and 2σ = 308,770
    // (691,462 + 6,210 and 308,538 + 233); from 3σ on the far tail no longer shows (66,811 vs 66,807).
    expect(dpmoForSigma(1, 'two_tailed')).toBeCloseTo(697_672, -1);
    expect(dpmoForSigma(2, 'two_tailed')).toBeCloseTo(308_770, -1);
    const one = sigmaLevel({
      defects: 697_672,
      units: 1_000_000,
      opportunitiesPerUnit: 1,
      convention: 'two_tailed',
    });
    expect(one.convention).toBe('two_tailed');
    expect(one.sigmaLevel!).toBeCloseTo(1, 4);
    const two = sigmaLevel({
      defects: 308_770,
      units: 1_000_000,
      opportunitiesPerUnit: 1,
      convention: 'two_tailed',
    });
    expect(two.sigmaLevel!).toBeCloseTo(2, 4);
    // the same defect rate reads higher two-tailed (its far tail takes some of the defects)
    const oneTailed = sigmaLevel({ defects: 308_770, units: 1_000_000, opportunitiesPerUnit: 1 });
    expect(oneTailed.sigmaLevel!).toBeLessThan(two.sigmaLevel!);
    expect(
      sigmaLevel({ defects: 3.4, units: 1e6, opportunitiesPerUnit: 1, convention: 'two_tailed' }).sigmaLevel!,
    ).toBeCloseTo(6, 2);
  });

  it('answers an unbounded level as null: no defects, or nothing but defects', () => {
    const perfect = sigmaLevel({ defects: 0, units: 10, opportunitiesPerUnit: 3 });
    expect(perfect).toMatchObject({ dpmo: 0, sigmaLevel: null, yieldPercent: 100 });
    const hopeless = sigmaLevel({
      defects: 30,
      units: 10,
      opportunitiesPerUnit: 3,
      convention: 'two_tailed',
    });
    expect(hopeless).toMatchObject({ dpmo: 1_000_000, sigmaLevel: null, yieldPercent: 0 });
  });
});

describe('process capability', () => {
  // Montgomery, Introduction to Statistical Quality Control, 6th ed. (2009), §8.3.3 and figure
  // 8.8: USL = 62, LSL = 38, σ = 2 (so Cp = 24 / 12 = 2.0 throughout) with the mean moving from the
  // centre 50 towards and past the USL: Cpk = 2.0, 1.5, 1.0, 0.5, 0, −0.5.
  it.each([
    [50, 2.0],
    [53, 1.5],
    [56, 1.0],
    [59, 0.5],
    [62, 0],
    [65, -0.5],
  ])('gives Montgomery figure 8.8: mean %d → Cp 2.0, Cpk %d', (mean, cpk) => {
    const answer = capability({ usl: 62, lsl: 38, mean, sigma: 2 });
    expect(answer.cp!).toBeCloseTo(2.0, 12);
    expect(answer.cpk!).toBeCloseTo(cpk, 12);
    expect(answer).toMatchObject({ mean, sigma: 2 });
  });

  it('estimates the mean and the SAMPLE standard deviation (n − 1) from values', () => {
    // 10, 12, 14, 16, 18: mean 14, squares 16+4+0+4+16 = 40, s² = 40/4 = 10 (population: 8)
    const values = [10, 12, 14, 16, 18];
    expect(sampleStandardDeviation(values)).toBeCloseTo(Math.sqrt(10), 14);
    const answer = capability({ usl: 26, lsl: 5, values });
    expect(answer.mean).toBe(14);
    expect(answer.sigma).toBeCloseTo(Math.sqrt(10), 14);
    expect(answer.cp!).toBeCloseTo(21 / (6 * Math.sqrt(10)), 12);
    // nearer the LSL: (14 − 5) / 3s
    expect(answer.cpk!).toBeCloseTo(9 / (3 * Math.sqrt(10)), 12);
    // a known sigma with measured values: the values give the mean only
    expect(capability({ usl: 26, lsl: 5, values, sigma: 1 })).toMatchObject({
      mean: 14,
      sigma: 1,
      cp: 3.5,
      cpk: 3,
    });
  });

  it('answers unbounded indices as null when every value is the same', () => {
    expect(capability({ usl: 2, lsl: 0, values: [1, 1, 1] })).toEqual({
      cp: null,
      cpk: null,
      mean: 1,
      sigma: 0,
    });
  });
});
