import { inverseNormalCdf } from './normal';

/**
 * A short forecast of a monthly series (MRR, revenue, customers) with 80 % and 95 % prediction
 * intervals, by exponential smoothing as in Hyndman & Athanasopoulos, Forecasting: Principles and
 * Practice, 3rd ed. (FPP3, otexts.com/fpp3):
 *
 * - `holt` (default): Holt's linear trend method (FPP3 §8.2), component form
 *     ŷ(t+h|t) = ℓt + h·bt,  ℓt = α·yt + (1 − α)(ℓt−1 + bt−1),  bt = β*(ℓt − ℓt−1) + (1 − β*)·bt−1
 *   with the ETS(A,A,N) prediction variance of FPP3 §8.7, table 8.8:
 *     σh² = σ²·[1 + (h − 1)·(α² + α·β·h + β²·h·(2h − 1)/6)],  where β = α·β* (FPP3 §8.5).
 * - `ses`: simple exponential smoothing (FPP3 §8.1), ŷ(t+h|t) = ℓt, with the ETS(A,N,N) variance
 *     σh² = σ²·[1 + α²·(h − 1)].
 *
 * Estimation (FPP3 §8.1 "Optimisation"): α, β* and the initial states minimise the sum of squared
 * one-step errors (the maximum-likelihood estimate under Gaussian additive errors). For fixed α, β*
 * the errors are linear in ℓ0 and b0, so those come from least squares exactly; α and β* from a
 * grid over (0, 1) refined twice. σ² = SSE ÷ (T − k), k the number of estimated parameters (4 for
 * Holt, 2 for SES). Intervals: ŷ ± z·σh with z = Φ⁻¹(0.90) ≈ 1.28 (80 %) and Φ⁻¹(0.975) ≈ 1.96 (95 %).
 */

export const forecastMethods = ['holt', 'ses'] as const;
export type ForecastMethod = (typeof forecastMethods)[number];

export interface ForecastInput {
  values: readonly number[];
  horizon: number;
  method?: ForecastMethod;
  /** Fix the smoothing parameters instead of estimating them. */
  alpha?: number;
  beta?: number;
}

export interface ForecastPoint {
  h: number;
  mean: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export interface ForecastResult {
  method: ForecastMethod;
  alpha: number;
  /** β* of the trend (0 for SES). */
  beta: number;
  /** The last level and trend. */
  level: number;
  trend: number;
  sigma2: number;
  points: ForecastPoint[];
}

interface Run {
  sse: number;
  level: number;
  trend: number;
  l0: number;
  b0: number;
}

/** One-step errors of the recursion from (l0, b0). */
function errors(
  values: readonly number[],
  alpha: number,
  beta: number,
  trendOn: boolean,
  l0: number,
  b0: number,
) {
  let level = l0;
  let trend = trendOn ? b0 : 0;
  const e: number[] = [];
  for (const y of values) {
    const predicted = level + trend;
    e.push(y - predicted);
    const previous = level;
    level = alpha * y + (1 - alpha) * (level + trend);
    if (trendOn) trend = beta * (level - previous) + (1 - beta) * trend;
  }
  return { e, level, trend };
}

function fit(values: readonly number[], alpha: number, beta: number, trendOn: boolean): Run {
  // errors are affine in (l0, b0): e = e00 + l0·u + b0·v; least squares for the initial states
  const base = errors(values, alpha, beta, trendOn, 0, 0).e;
  const u = errors(values, alpha, beta, trendOn, 1, 0).e.map((x, i) => x - base[i]!);
  let l0: number;
  let b0 = 0;
  if (trendOn) {
    const v = errors(values, alpha, beta, trendOn, 0, 1).e.map((x, i) => x - base[i]!);
    let uu = 0;
    let uv = 0;
    let vv = 0;
    let ue = 0;
    let ve = 0;
    for (let i = 0; i < base.length; i++) {
      uu += u[i]! * u[i]!;
      uv += u[i]! * v[i]!;
      vv += v[i]! * v[i]!;
      ue += u[i]! * base[i]!;
      ve += v[i]! * base[i]!;
    }
    const det = uu * vv - uv * uv;
    if (Math.abs(det) < 1e-300) {
      l0 = values[0]!;
      b0 = values.length > 1 ? values[1]! - values[0]! : 0;
    } else {
      l0 = (-ue * vv + ve * uv) / det;
      b0 = (-ve * uu + ue * uv) / det;
    }
  } else {
    let uu = 0;
    let ue = 0;
    for (let i = 0; i < base.length; i++) {
      uu += u[i]! * u[i]!;
      ue += u[i]! * base[i]!;
    }
    l0 = uu === 0 ? values[0]! : -ue / uu;
  }
  const run = errors(values, alpha, beta, trendOn, l0, b0);
  return { sse: run.e.reduce((s, x) => s + x * x, 0), level: run.level, trend: run.trend, l0, b0 };
}

const clamp = (x: number) => Math.min(0.9999, Math.max(0.0001, x));

export function forecast(input: ForecastInput): ForecastResult {
  const method = input.method ?? 'holt';
  const trendOn = method === 'holt';
  const { values } = input;
  const k = trendOn ? 4 : 2;
  if (values.length <= k) throw new RangeError(`a ${method} forecast needs more than ${k} values`);

  let best = { alpha: input.alpha ?? 0.5, beta: trendOn ? (input.beta ?? 0.1) : 0 };
  let bestRun = fit(values, best.alpha, best.beta, trendOn);
  const alphaFixed = input.alpha;
  const betaFixed = trendOn ? input.beta : 0;
  for (const step of [0.05, 0.005, 0.0005]) {
    const centre = best;
    const span = step === 0.05 ? 1 : step * 10;
    const grid = (from: number, fixed: number | undefined) => {
      if (fixed !== undefined) return [fixed];
      const points: number[] = [];
      for (
        let x = Math.max(step / 5, from - span);
        x <= Math.min(1 - step / 5, from + span) + 1e-12;
        x += step
      )
        points.push(clamp(x));
      return points;
    };
    for (const a of grid(step === 0.05 ? 0.5 : centre.alpha, alphaFixed))
      for (const b of grid(step === 0.05 ? 0.5 : centre.beta, betaFixed)) {
        const run = fit(values, a, b, trendOn);
        if (run.sse < bestRun.sse - 1e-12) {
          bestRun = run;
          best = { alpha: a, beta: b };
        }
      }
  }

  const sigma2 = bestRun.sse / (values.length - k);
  const z80 = inverseNormalCdf(0.9);
  const z95 = inverseNormalCdf(0.975);
  const { alpha } = best;
  const betaState = alpha * best.beta; // FPP3 §8.5: β = α·β*
  const points: ForecastPoint[] = [];
  for (let h = 1; h <= input.horizon; h++) {
    const mean = bestRun.level + h * (trendOn ? bestRun.trend : 0);
    const factor = trendOn
      ? 1 + (h - 1) * (alpha ** 2 + alpha * betaState * h + (betaState ** 2 * h * (2 * h - 1)) / 6)
      : 1 + alpha ** 2 * (h - 1);
    const sd = Math.sqrt(sigma2 * factor);
    points.push({
      h,
      mean,
      lower80: mean - z80 * sd,
      upper80: mean + z80 * sd,
      lower95: mean - z95 * sd,
      upper95: mean + z95 * sd,
    });
  }
  return {
    method,
    alpha,
    beta: trendOn ? best.beta : 0,
    level: bestRun.level,
    trend: trendOn ? bestRun.trend : 0,
    sigma2,
    points,
  };
}
