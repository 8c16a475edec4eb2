/**
 * The standard normal distribution: its cumulative distribution function and its inverse.
 *
 * No statistics library is installed in this project (checked: no simple-statistics, jstat), so
 * both are written here from the published algorithms and checked against known values in
 * normal.test.ts.
 */

/**
 * Φ⁻¹(p), the inverse of the standard normal CDF (the "percentage point").
 *
 * Wichura, M. J. (1988). Algorithm AS 241: The Percentage Points of the Normal Distribution.
 * Journal of the Royal Statistical Society, Series C (Applied Statistics) 37(3), 477–484,
 * doi:10.2307/2347330. This is PPND16, accurate to about 1 part in 10^16; the coefficients are the
 * published ones (the same Python's `statistics.NormalDist.inv_cdf` uses).
 *
 * Answers -Infinity for p = 0 and +Infinity for p = 1; NaN outside [0, 1].
 */
// The coefficients are written with all the digits Wichura published; the double nearest each is
// what runs, so the extra digits lose nothing (they keep the source checkable line by line).
/* eslint-disable no-loss-of-precision */
export function inverseNormalCdf(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    const num =
      (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
        4.5921953931549871457e4) *
        r +
        1.3731693765509461125e4) *
        r +
        1.9715909503065514427e3) *
        r +
        1.3314166789178437745e2) *
        r +
        3.387132872796366608) *
      q;
    const den =
      ((((((5.226495278852854561e3 * r + 2.8729085735721942674e4) * r + 3.930789580009271061e4) * r +
        2.1213794301586595867e4) *
        r +
        5.3941960214247511077e3) *
        r +
        6.871870074920579083e2) *
        r +
        4.2313330701600911252e1) *
        r +
      1;
    return num / den;
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    const num =
      ((((((7.7454501427834140764e-4 * r + 2.27238449892691845833e-2) * r + 2.4178072517745061177e-1) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
      1.42343711074968357734;
    const den =
      ((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 1.51986665636164571966e-2) * r +
        1.4810397642748007459e-1) *
        r +
        6.8976733498510000455e-1) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
      1;
    x = num / den;
  } else {
    r -= 5;
    const num =
      ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r +
        2.6532189526576123093e-2) *
        r +
        2.9656057182850489123e-1) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
      6.6579046435011037772;
    const den =
      ((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        1.48753612908506148525e-2) *
        r +
        1.3692988092273580531e-1) *
        r +
        5.9983220655588793769e-1) *
        r +
      1;
    x = num / den;
  }
  return q < 0 ? -x : x;
}
/* eslint-enable no-loss-of-precision */

/**
 * Φ(x), the standard normal CDF, to about 1e-15 absolute and 1e-13 relative in the tails.
 *
 * For |x| ≤ 3: Marsaglia's Taylor series, Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …) (Marsaglia,
 * G. (2004). Evaluating the Normal Distribution. Journal of Statistical Software 11(4)). Beyond:
 * Laplace's continued fraction for the tail, Φ(−z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))),
 * evaluated backwards (Abramowitz & Stegun 26.2.14), which keeps relative accuracy far out.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x);
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  if (z <= 3) {
    let term = x;
    let sum = x;
    for (let i = 3; Math.abs(term) > 1e-17 * Math.abs(sum) && i < 400; i += 2) {
      term *= (x * x) / i;
      sum += term;
    }
    return 0.5 + density * sum;
  }
  if (z > 40) return x > 0 ? 1 : 0;
  let fraction = z;
  for (let k = 300; k >= 1; k--) fraction = z + k / fraction;
  const tail = density / fraction;
  return x > 0 ? 1 - tail : tail;
}
