/**
 * Marketing attribution of one conversion over the touches that led to it, with the models Google
 * Ads and Google Analytics define ("About attribution models", Google Ads Help, answer 6259715;
 * GA4 Help "Attribution models", answer 10596866):
 *
 * - first_touch (Google: first click): all credit to the first touch.
 * - last_touch (last click): all credit to the last touch.
 * - linear: credit spread equally over the touches.
 * - time_decay: more credit nearer the conversion, with a half-life (Google: 7 days, so a touch 8
 *   days before the conversion gets half the credit of one 1 day before): weight
 *   2^(−days before conversion ÷ half-life), normalised to sum to 1.
 * - position_based: 40 % to the first and 40 % to the last touch, the other 20 % spread evenly over
 *   the touches between; with two touches 50 % each, with one touch 100 %.
 *
 * Only touches inside the lookback window count: at or after conversion.at − lookbackDays (default
 * 30, Google Ads' default conversion window) and at or before conversion.at. Touches are taken in
 * time order (ties keep their input order). Without any touch in the window there is nothing to
 * credit and the answer has no credits.
 *
 * Rounding: the value is split in whole minor units (cents; more decimals when the value itself
 * has more, up to 6) by the largest-remainder method (Hamilton's): each touch gets the floor of its
 * exact share, and the units left over go one each to the touches with the largest remainders
 * (earlier touch first on a tie). So the credits add up to the conversion value exactly, in its
 * minor units. A touch whose weight is zero (every touch but one in first/last touch) is left out.
 */

export const attributionModels = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
] as const;
export type AttributionModel = (typeof attributionModels)[number];

export const DEFAULT_HALF_LIFE_DAYS = 7;
export const DEFAULT_LOOKBACK_DAYS = 30;
const DAY_MS = 86_400_000;

export interface Touch {
  channel: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface AttributionInput {
  touches: readonly Touch[];
  conversion: { at: number; value: number };
  model: AttributionModel;
  halfLifeDays?: number;
  lookbackDays?: number;
}

export interface Credit {
  channel: string;
  at: number;
  value: number;
}

/** Decimal places of a finite number as written (1.5 → 1, 1e-7 → 7). */
function decimalsOf(value: number): number {
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) {
    const mantissa = text.slice(0, text.indexOf('e'));
    const dot = mantissa.indexOf('.');
    return Number(exponent[1]) + (dot < 0 ? 0 : mantissa.length - dot - 1);
  }
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** The weights of the model over touches in time order (they sum to 1). */
export function attributionWeights(
  touches: readonly Touch[],
  conversionAt: number,
  model: AttributionModel,
  halfLifeDays = DEFAULT_HALF_LIFE_DAYS,
): number[] {
  const n = touches.length;
  if (n === 0) return [];
  const weights = new Array<number>(n).fill(0);
  switch (model) {
    case 'first_touch':
      weights[0] = 1;
      break;
    case 'last_touch':
      weights[n - 1] = 1;
      break;
    case 'linear':
      weights.fill(1 / n);
      break;
    case 'time_decay': {
      const raw = touches.map((t) => 2 ** (-(conversionAt - t.at) / DAY_MS / halfLifeDays));
      const total = raw.reduce((a, b) => a + b, 0);
      raw.forEach((w, i) => (weights[i] = w / total));
      break;
    }
    case 'position_based':
      if (n === 1) weights[0] = 1;
      else if (n === 2) weights.fill(0.5);
      else {
        weights.fill(0.2 / (n - 2));
        weights[0] = 0.4;
        weights[n - 1] = 0.4;
      }
      break;
  }
  return weights;
}

/** Splits `value` by `weights` (summing to 1) in whole units of 10^−decimals, largest remainder first. */
export function splitByLargestRemainder(
  value: number,
  weights: readonly number[],
  decimals: number,
): number[] {
  const scale = 10 ** decimals;
  const units = Math.round(value * scale);
  const exact = weights.map((w) => w * units);
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  let left = units - floors.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, remainder: x - floors[i]!, weight: weights[i]! }))
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let k = 0; left > 0 && byRemainder.length > 0; k = (k + 1) % byRemainder.length, left--)
    floors[byRemainder[k]!.i]! += 1;
  return floors.map((u) => u / scale);
}

export function attribute(input: AttributionInput): { credits: Credit[] } {
  const lookbackMs = (input.lookbackDays ?? DEFAULT_LOOKBACK_DAYS) * DAY_MS;
  const { at: conversionAt, value } = input.conversion;
  const inWindow = input.touches
    .map((touch, order) => ({ touch, order }))
    .filter(({ touch }) => touch.at <= conversionAt && touch.at >= conversionAt - lookbackMs)
    .sort((a, b) => a.touch.at - b.touch.at || a.order - b.order)
    .map(({ touch }) => touch);
  const weights = attributionWeights(inWindow, conversionAt, input.model, input.halfLifeDays);
  let decimals = Math.min(6, Math.max(2, decimalsOf(value)));
  // whole units must stay exact integers in a double
  while (decimals > 0 && Math.abs(value) * 10 ** decimals > Number.MAX_SAFE_INTEGER) decimals--;
  const values = splitByLargestRemainder(value, weights, decimals);
  return {
    credits: inWindow
      .map((touch, i) => ({ channel: touch.channel, at: touch.at, value: values[i]!, weight: weights[i]! }))
      .filter((credit) => credit.weight > 0)
      .map(({ channel, at, value: v }) => ({ channel, at, value: v })),
  };
}
