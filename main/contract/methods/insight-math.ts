import { z } from 'zod';
import { defineMethod } from '../define';

/**
 * The calculations of insight (issue 17) as contract methods, for the app and for outside checks:
 * pure arithmetic on what the caller sends, no tenant data read or written. The formulas, their
 * conventions and their sources are in main/core/insight/math/.
 */

export const sigmaConventions = ['one_tailed', 'two_tailed'] as const;
export const controlChartRuleSets = ['western_electric', 'nelson'] as const;
export const controlChartRuleIds = [
  'we1',
  'we2',
  'we3',
  'we4',
  'n1',
  'n2',
  'n3',
  'n4',
  'n5',
  'n6',
  'n7',
  'n8',
] as const;
export const attributionModels = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
] as const;
export const forecastMethods = ['holt', 'ses'] as const;

/** At most this many measurements in one call. */
export const maxInsightValues = 100_000;
/** At most this many touches before one conversion. */
export const maxAttributionTouches = 1_000;

// zod 4 numbers are finite: NaN and ±Infinity are refused as invalid values
const finite = z.number();
const values = z.array(finite).max(maxInsightValues);
const epochMs = z.number().int().min(0).max(8.64e15);

const sigmaInput = z
  .object({
    defects: finite.min(0),
    units: finite.positive(),
    opportunitiesPerUnit: finite.positive(),
    /** one_tailed (default): the usual table, 3.4 DPMO = 6σ; two_tailed counts the far tail too. */
    convention: z.enum(sigmaConventions).optional(),
  })
  .strict()
  .refine((i) => i.defects <= i.units * i.opportunitiesPerUnit, {
    message: 'More defects than opportunities',
    path: ['defects'],
    params: { reason: 'defects_exceed_opportunities' },
  });

const capabilityInput = z
  .object({
    usl: finite,
    lsl: finite,
    values: values.optional(),
    mean: finite.optional(),
    sigma: finite.positive().optional(),
  })
  .strict()
  .refine((i) => i.usl > i.lsl, {
    message: 'The upper specification limit must be above the lower one',
    path: ['usl'],
    params: { reason: 'spec_limits_reversed' },
  })
  .refine(
    (i) =>
      (i.mean !== undefined || (i.values?.length ?? 0) >= 1) &&
      (i.sigma !== undefined || (i.values?.length ?? 0) >= 2),
    {
      message: 'Give at least two values, or the mean and the standard deviation',
      path: ['values'],
      params: { reason: 'capability_needs_values' },
    },
  );

const controlChartInput = z
  .object({
    values: values.min(1),
    rules: z.enum(controlChartRuleSets),
    /** The known process centre; X̄ of the values otherwise. */
    center: finite.optional(),
    /** The known process sigma; MR̄/1.128 otherwise. */
    sigma: finite.positive().optional(),
  })
  .strict()
  .refine((i) => i.sigma !== undefined || i.values.length >= 2, {
    message: 'At least two values to estimate sigma from their moving ranges',
    path: ['values'],
    params: { reason: 'too_few', minimum: 2 },
  });

const attributionInput = z
  .object({
    touches: z
      .array(z.object({ channel: z.string().trim().min(1).max(200), at: epochMs }).strict())
      .max(maxAttributionTouches),
    conversion: z.object({ at: epochMs, value: finite.min(0).max(1e12) }).strict(),
    model: z.enum(attributionModels),
    /** time_decay: a touch this many days before the conversion gets half the credit (default 7). */
    halfLifeDays: finite.positive().max(365).optional(),
    /** Only touches at most this many days before the conversion count (default 30). */
    lookbackDays: finite.positive().max(3_650).optional(),
  })
  .strict();

const forecastInput = z
  .object({
    /** The history, oldest first, one value per period (month). */
    values: z.array(finite).max(1_200),
    /** Periods ahead: 1 to 24 (a 3–12 month forecast is the usual). */
    horizon: z.number().int().min(1).max(24),
    /** holt (default): Holt's linear trend; ses: simple exponential smoothing. */
    method: z.enum(forecastMethods).optional(),
  })
  .strict()
  .superRefine((i, ctx) => {
    // more values than estimated parameters (4 for Holt: α, β*, ℓ0, b0; 2 for SES)
    const minimum = (i.method ?? 'holt') === 'holt' ? 5 : 3;
    if (i.values.length < minimum)
      ctx.addIssue({
        code: 'custom',
        message: `At least ${minimum} values`,
        path: ['values'],
        params: { reason: 'too_few', minimum },
      });
  });

export const insightSigmaOutputSchema = z.object({
  dpmo: z.number(),
  /** null when unbounded: no defects at all, or every opportunity a defect. */
  sigmaLevel: z.number().nullable(),
  yieldPercent: z.number(),
  convention: z.enum(sigmaConventions),
  /** The long-term shift of the mean the level includes (1.5). */
  shift: z.number(),
});

export const insightCapabilityOutputSchema = z.object({
  /** null when sigma is 0 (every value the same): unbounded. */
  cp: z.number().nullable(),
  cpk: z.number().nullable(),
  mean: z.number(),
  /** The caller's sigma, or the sample standard deviation (n − 1) of the values. */
  sigma: z.number(),
});

export const insightControlChartOutputSchema = z.object({
  center: z.number(),
  ucl: z.number(),
  lcl: z.number(),
  /** The sigma of the zones: the caller's, or MR̄/1.128. */
  sigma: z.number(),
  movingRangeMean: z.number().nullable(),
  /** Each rule once, where it first fires: the index (0-based) of the point completing the pattern. */
  signals: z.array(z.object({ rule: z.enum(controlChartRuleIds), index: z.number().int() })),
});

export const insightAttributionOutputSchema = z.object({
  /** Touches in the lookback window that get credit, in time order; values add up to the conversion's. */
  credits: z.array(z.object({ channel: z.string(), at: z.number(), value: z.number() })),
});

export const insightForecastOutputSchema = z.object({
  method: z.enum(forecastMethods),
  alpha: z.number(),
  /** β* of the trend (0 for ses). */
  beta: z.number(),
  level: z.number(),
  trend: z.number(),
  /** The residual variance σ² = SSE ÷ (T − parameters). */
  sigma2: z.number(),
  /** Each period ahead: the point forecast and its 80 % and 95 % prediction intervals. */
  points: z.array(
    z.object({
      h: z.number().int(),
      mean: z.number(),
      lower80: z.number(),
      upper80: z.number(),
      lower95: z.number(),
      upper95: z.number(),
    }),
  ),
});

export const insightMathMethods = {
  'insight.sigma': defineMethod({
    input: sigmaInput,
    output: insightSigmaOutputSchema,
    access: 'viewer',
    mutation: false,
    summary: 'DPMO, sigma level (1.5σ shift, one- or two-tailed) and yield of defects over opportunities.',
  }),
  'insight.capability': defineMethod({
    input: capabilityInput,
    output: insightCapabilityOutputSchema,
    access: 'viewer',
    mutation: false,
    summary: 'Process capability Cp and Cpk against specification limits.',
  }),
  'insight.controlChart': defineMethod({
    input: controlChartInput,
    output: insightControlChartOutputSchema,
    access: 'viewer',
    mutation: false,
    summary: 'An XmR control chart: centre, limits and the Western Electric or Nelson rules that fire.',
  }),
  'insight.attribution': defineMethod({
    input: attributionInput,
    output: insightAttributionOutputSchema,
    access: 'viewer',
    mutation: false,
    summary:
      'Credits one conversion to the touches before it (first/last touch, linear, time decay, position based).',
  }),
  'insight.forecast': defineMethod({
    input: forecastInput,
    output: insightForecastOutputSchema,
    access: 'viewer',
    mutation: false,
    summary:
      "A forecast with 80 % and 95 % prediction intervals (Holt's linear trend or simple exponential smoothing, FPP3).",
  }),
};
