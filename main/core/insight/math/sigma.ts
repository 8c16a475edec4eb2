import { sigmaConventions } from '../../../contract/methods/insight-math';
import { inverseNormalCdf, normalCdf } from './normal';

/**
 * DPMO, sigma level and yield of a process (lean six sigma).
 *
 * - DPMO = defects ÷ (units × opportunities per unit) × 1,000,000.
 * - Yield = 1 − defects ÷ opportunities, in percent (first-pass yield per opportunity).
 * - Sigma level with the conventional 1.5σ long-term shift (Motorola; Harry & Schroeder, "Six
 *   Sigma", 2000), in two table conventions:
 *   - `one_tailed` (the default, and the usual table: 3.4 DPMO ↔ 6σ, 66,807 ↔ 3σ): only the tail
 *     nearer the shifted mean counts, so sigma = Φ⁻¹(1 − DPMO/10⁶) + 1.5.
 *   - `two_tailed`: both tails of a mean shifted by 1.5σ count, DPMO/10⁶ = Φ(−(Z − 1.5)) +
 *     Φ(−(Z + 1.5)); solved for Z by bisection (the far tail only matters below about 3σ: 2σ is
 *     308,770 DPMO here against 308,538 one-tailed).
 * The level is null when it is unbounded: no defects at all (+∞) or every opportunity a defect (−∞).
 */

// the conventions are the contract's (insight.sigma): one list, imported here
export { sigmaConventions };
export type SigmaConvention = (typeof sigmaConventions)[number];

/** The conventional long-term shift of the process mean, in standard deviations. */
export const SIGMA_SHIFT = 1.5;

export interface SigmaInput {
  defects: number;
  units: number;
  opportunitiesPerUnit: number;
  convention?: SigmaConvention;
}

export interface SigmaResult {
  dpmo: number;
  /** null: unbounded (no defects, or nothing but defects). */
  sigmaLevel: number | null;
  yieldPercent: number;
  convention: SigmaConvention;
  shift: number;
}

/** DPMO of a sigma level (the table read the other way). */
export function dpmoForSigma(sigmaLevel: number, convention: SigmaConvention = 'one_tailed'): number {
  const near = normalCdf(-(sigmaLevel - SIGMA_SHIFT));
  const far = convention === 'two_tailed' ? normalCdf(-(sigmaLevel + SIGMA_SHIFT)) : 0;
  return (near + far) * 1e6;
}

/** The sigma level of a defect rate (DPMO), or null when it is unbounded. */
export function sigmaForDpmo(dpmo: number, convention: SigmaConvention = 'one_tailed'): number | null {
  const rate = dpmo / 1e6;
  if (rate <= 0 || rate >= 1) return null;
  const oneTailed = inverseNormalCdf(1 - rate) + SIGMA_SHIFT;
  if (convention === 'one_tailed') return oneTailed;
  // both tails: f(Z) = Φ(−(Z−1.5)) + Φ(−(Z+1.5)) − rate falls as Z rises. At the one-tailed answer
  // the far tail is still added, so f > 0 there and the root lies above it: bracket, then bisect.
  const f = (z: number) => normalCdf(-(z - SIGMA_SHIFT)) + normalCdf(-(z + SIGMA_SHIFT)) - rate;
  let low = oneTailed;
  let high = oneTailed + 1;
  while (f(high) > 0) high += 1;
  for (let i = 0; i < 200 && high - low > 1e-12; i++) {
    const mid = (low + high) / 2;
    if (f(mid) > 0) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

export function sigmaLevel(input: SigmaInput): SigmaResult {
  const convention = input.convention ?? 'one_tailed';
  const opportunities = input.units * input.opportunitiesPerUnit;
  const rate = input.defects / opportunities;
  const dpmo = rate * 1e6;
  return {
    dpmo,
    sigmaLevel: sigmaForDpmo(dpmo, convention),
    yieldPercent: (1 - rate) * 100,
    convention,
    shift: SIGMA_SHIFT,
  };
}
