/**
 * Process capability against two specification limits (Montgomery, Introduction to Statistical
 * Quality Control, 6th ed., 2009, §8.3):
 *
 *   Cp  = (USL − LSL) / 6σ                      (what the spread would allow if centred)
 *   Cpk = min(USL − μ, μ − LSL) / 3σ           (what it allows where the mean actually is)
 *
 * μ and σ are the caller's when given (a known process). Otherwise they are estimated from the
 * values: μ is their mean and σ the SAMPLE standard deviation (divisor n − 1, Montgomery's s), the
 * overall ("long-term") spread; for a within-subgroup estimate use an XmR chart's MR̄/1.128 and
 * pass it as `sigma`. With σ = 0 (every value the same) both indices are unbounded: null.
 */

export interface CapabilityInput {
  usl: number;
  lsl: number;
  values?: readonly number[];
  mean?: number;
  sigma?: number;
}

export interface CapabilityResult {
  /** null when σ is 0 (unbounded). */
  cp: number | null;
  cpk: number | null;
  mean: number;
  sigma: number;
}

export function mean(values: readonly number[]): number {
  // Neumaier's compensated sum: 100,000 values lose no digits to rounding
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + compensation) / values.length;
}

/** The sample standard deviation (divisor n − 1), two-pass for accuracy. */
export function sampleStandardDeviation(values: readonly number[], centre = mean(values)): number {
  if (values.length < 2) return Number.NaN;
  let squares = 0;
  for (const v of values) squares += (v - centre) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

export function capability(input: CapabilityInput): CapabilityResult {
  const values = input.values ?? [];
  const mu = input.mean ?? mean(values);
  const sigma = input.sigma ?? sampleStandardDeviation(values, mean(values));
  if (!Number.isFinite(mu) || !Number.isFinite(sigma))
    throw new RangeError('capability needs a mean and a standard deviation (or at least two values)');
  if (sigma === 0) return { cp: null, cpk: null, mean: mu, sigma };
  return {
    cp: (input.usl - input.lsl) / (6 * sigma),
    cpk: Math.min(input.usl - mu, mu - input.lsl) / (3 * sigma),
    mean: mu,
    sigma,
  };
}
