import { describe, expect, it } from 'vitest';
import { forecast, inverseNormalCdf } from '.';

// Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed. (otexts.com/fpp3):
// Holt's linear trend method §8.2, simple exponential smoothing §8.1, prediction intervals §8.7
// (table 8.8: ETS(A,N,N) σh² = σ²[1 + α²(h − 1)]; ETS(A,A,N) σh² = σ²[1 + (h − 1){α² + αβh +
// β²h(2h − 1)/6}] with β = αβ*).
describe('forecast', () => {
  it("continues a straight line exactly with Holt's method (no error, intervals of no width)", () => {
    const values = Array.from({ length: 12 }, (_, t) => 1_000 + 50 * t);
    const answer = forecast({ values, horizon: 6 });
    expect(answer.method).toBe('holt');
    expect(answer.points.map((p) => p.mean)).toEqual(
      [1, 2, 3, 4, 5, 6].map((h) => expect.closeTo(1_550 + 50 * h, 6) as unknown as number),
    );
    expect(answer.sigma2).toBeLessThan(1e-12);
    for (const p of answer.points) expect(p.upper95 - p.lower95).toBeLessThan(1e-4);
  });

  it('applies the FPP3 table 8.8 variances: Holt with α and β* fixed', () => {
    const values = [100, 104, 103, 110, 112, 111, 118, 121, 119, 126, 131, 130];
    const alpha = 0.6;
    const betaStar = 0.2;
    const answer = forecast({ values, horizon: 12, alpha, beta: betaStar });
    expect(answer).toMatchObject({ alpha, beta: betaStar });
    const beta = alpha * betaStar;
    const z80 = inverseNormalCdf(0.9);
    const z95 = inverseNormalCdf(0.975);
    expect(z80).toBeCloseTo(1.2816, 4);
    expect(z95).toBeCloseTo(1.96, 2);
    for (const p of answer.points) {
      const h = p.h;
      const sd = Math.sqrt(
        answer.sigma2 * (1 + (h - 1) * (alpha ** 2 + alpha * beta * h + (beta ** 2 * h * (2 * h - 1)) / 6)),
      );
      expect(p.mean).toBeCloseTo(answer.level + h * answer.trend, 9);
      expect(p.upper80 - p.mean).toBeCloseTo(z80 * sd, 9);
      expect(p.mean - p.lower95).toBeCloseTo(z95 * sd, 9);
    }
    // h = 1: the one-step variance is σ² itself
    expect(answer.points[0]!.upper95 - answer.points[0]!.mean).toBeCloseTo(z95 * Math.sqrt(answer.sigma2), 9);
    // intervals widen with the horizon, and the 95 % interval holds the 80 % one
    for (let i = 1; i < answer.points.length; i++) {
      const [a, b] = [answer.points[i - 1]!, answer.points[i]!];
      expect(b.upper95 - b.lower95).toBeGreaterThan(a.upper95 - a.lower95);
      expect(b.lower95).toBeLessThan(b.lower80);
      expect(b.upper95).toBeGreaterThan(b.upper80);
    }
  });

  it('applies the FPP3 variance of simple exponential smoothing: σ²[1 + α²(h − 1)]', () => {
    const values = [50, 52, 49, 51, 53, 50, 48, 52, 51, 50];
    const answer = forecast({ values, horizon: 3, method: 'ses', alpha: 0.3 });
    expect(answer).toMatchObject({ method: 'ses', alpha: 0.3, beta: 0, trend: 0 });
    const z95 = inverseNormalCdf(0.975);
    for (const p of answer.points) {
      expect(p.mean).toBeCloseTo(answer.level, 12);
      expect(p.upper95 - p.mean).toBeCloseTo(z95 * Math.sqrt(answer.sigma2 * (1 + 0.09 * (p.h - 1))), 9);
    }
  });

  it('estimates α and β* by least squares: no fixed pair fits the history better', () => {
    const values = [120, 126, 125, 133, 140, 138, 149, 151, 158, 163, 161, 172];
    const fitted = forecast({ values, horizon: 3 });
    expect(fitted.alpha).toBeGreaterThan(0);
    expect(fitted.alpha).toBeLessThan(1);
    const sse = (a: number, b: number) => forecast({ values, horizon: 1, alpha: a, beta: b }).sigma2;
    for (const a of [0.1, 0.3, 0.5, 0.7, 0.9])
      for (const b of [0.05, 0.2, 0.5, 0.8]) expect(fitted.sigma2).toBeLessThanOrEqual(sse(a, b) + 1e-9);
    // and the forecast goes on upwards, inside its intervals
    expect(fitted.points[2]!.mean).toBeGreaterThan(172);
  });

  it('refuses a history too short to estimate from', () => {
    expect(() => forecast({ values: [1, 2, 3, 4], horizon: 3 })).toThrow(RangeError);
    expect(() => forecast({ values: [1, 2], horizon: 3, method: 'ses' })).toThrow(RangeError);
  });
});
