import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, idSchema, timestampSchema } from '../common';
import { itemErrorSchema } from './insight';
import { controlChartRuleIds, controlChartRuleSets, sigmaConventions } from './insight-math';

/**
 * Lean six sigma processes of a tenant (issue 17, section 6): measured from the platform's own
 * insight events (answered without a person, first response within SLA, API latency) or from
 * measurements the tenant imports; each with DPMO, sigma level, yield, Cp/Cpk against its spec
 * limits and an XmR chart whose rule firings become a Guardian signal (an incident).
 */

export const processKinds = ['contained', 'first_response_sla', 'api_latency', 'imported'] as const;
export type ProcessKind = (typeof processKinds)[number];
/** The kinds measured from the platform's own data: one each per tenant, switched on with one click. */
export const builtInProcessKinds = ['contained', 'first_response_sla', 'api_latency'] as const;

/** Where a process stands: no data yet, in control, or a control-chart rule fired. */
export const processStatuses = ['no_data', 'in_control', 'signal'] as const;

const limit = z.number().min(-1e12).max(1e12);
const rangeInput = { from: timestampSchema.min(0).optional(), to: timestampSchema.min(0).optional() };

export const qualityProcessSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(processKinds),
  unit: z.string(),
  usl: z.number().nullable(),
  lsl: z.number().nullable(),
  target: z.number().nullable(),
  opportunitiesPerUnit: z.number().int(),
  rules: z.enum(controlChartRuleSets),
  sigmaConvention: z.enum(sigmaConventions),
  signalGuardian: z.boolean(),
  /** The time of the last chart point that already raised a signal (null: none yet). */
  lastSignalAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
});

/** A process's figures over a range. */
export const qualityFiguresSchema = z.object({
  from: timestampSchema,
  to: timestampSchema,
  /** Points of the series (days for platform processes, measurements for imported ones). */
  points: z.number().int(),
  /** Units and defects: conversations and hand-offs, first responses and late ones, calls and slow ones;
   * for imported measurements, the measurements and those outside the spec limits. */
  units: z.number(),
  defects: z.number(),
  dpmo: z.number().nullable(),
  /** null: unbounded (no defects, or nothing but defects) or no units. */
  sigmaLevel: z.number().nullable(),
  yieldPercent: z.number().nullable(),
  convention: z.enum(sigmaConventions),
  /** The long-term shift the level includes (1.5). */
  shift: z.number(),
  /** Of the series against the spec limits: Cp needs both, Cpk one (null without, or with σ = 0). */
  cp: z.number().nullable(),
  cpk: z.number().nullable(),
  mean: z.number().nullable(),
  sigma: z.number().nullable(),
  status: z.enum(processStatuses),
  /** Rules that fired over the range, each once (its first firing). */
  signals: z.array(z.enum(controlChartRuleIds)),
});

export const qualityChartSchema = z.object({
  center: z.number(),
  ucl: z.number(),
  lcl: z.number(),
  /** σ of the zones, MR̄/1.128. */
  sigma: z.number(),
  movingRangeMean: z.number().nullable(),
  /** Upper limit of the moving-range chart, 3.267·MR̄ (its lower limit is 0). */
  movingRangeUcl: z.number().nullable(),
  points: z.array(
    z.object({
      at: timestampSchema,
      value: z.number(),
      /** |xᵢ − xᵢ₋₁| (null for the first point). */
      movingRange: z.number().nullable(),
    }),
  ),
  /** Every firing: the rule and the index of the point completing it (counting restarts after a firing). */
  signals: z.array(
    z.object({ rule: z.enum(controlChartRuleIds), index: z.number().int(), at: timestampSchema }),
  ),
});

const processInput = z
  .object({
    /** Absent: a new process. */
    id: idSchema.optional(),
    /** Absent for a built-in kind: its usual name in English (the app sends one in the user's language). */
    name: displayName({ max: 120 }).optional(),
    kind: z.enum(processKinds),
    unit: z.string().trim().max(40).optional(),
    usl: limit.nullable().optional(),
    lsl: limit.nullable().optional(),
    target: limit.nullable().optional(),
    opportunitiesPerUnit: z.number().int().min(1).max(1_000_000).optional(),
    rules: z.enum(controlChartRuleSets).optional(),
    sigmaConvention: z.enum(sigmaConventions).optional(),
    signalGuardian: z.boolean().optional(),
  })
  .strict()
  .refine((i) => i.usl == null || i.lsl == null || i.usl > i.lsl, {
    message: 'The upper specification limit must be above the lower one',
    path: ['usl'],
    params: { reason: 'spec_limits_reversed' },
  })
  .refine((i) => i.kind !== 'imported' || i.name !== undefined || i.id !== undefined, {
    message: 'A new imported process needs a name',
    path: ['name'],
    params: { reason: 'required' },
  });

/** A CSV of `at,value` (for `processId`) or `process,at,value` (by process name). */
const measurementsInput = z
  .object({ csv: z.string().min(1).max(20_000_000), processId: idSchema.optional() })
  .strict();

export const measurementsPreviewSchema = z.object({
  columns: z.array(z.string()),
  /** The first rows as they will be stored. */
  rows: z.array(
    z.object({ line: z.number().int(), process: z.string(), at: timestampSchema, value: z.number() }),
  ),
  valid: z.number().int(),
  errors: z.array(itemErrorSchema),
});

export const insightQualityMethods = {
  'insight.processes': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'The six-sigma processes with their current figures (DPMO, sigma level, yield, Cp/Cpk, status).',
    input: z.object(rangeInput).strict(),
    output: z.object({
      processes: z.array(qualityProcessSchema.extend({ figures: qualityFiguresSchema })),
    }),
  }),
  'insight.process': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'One process over a range: its series, figures and XmR control chart with the rules that fired.',
    input: z.object({ id: idSchema, ...rangeInput }).strict(),
    output: z.object({
      process: qualityProcessSchema,
      figures: qualityFiguresSchema,
      /** Per point: for platform processes the day's units and defects too. */
      series: z.array(
        z.object({
          at: timestampSchema,
          value: z.number(),
          units: z.number().nullable(),
          defects: z.number().nullable(),
        }),
      ),
      chart: qualityChartSchema.nullable(),
    }),
  }),
  'insight.saveProcess': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Adds or changes a six-sigma process (a built-in kind, or one fed by imported measurements).',
    input: processInput,
    output: qualityProcessSchema,
  }),
  'insight.deleteProcess': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Removes a process and its imported measurements.',
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ deleted: z.boolean() }),
  }),
  'insight.importMeasurementsPreview': defineMethod({
    access: 'admin',
    mutation: false,
    summary: 'Reads a CSV of measurements (at,value or process,at,value) with the problems of each line.',
    input: measurementsInput,
    output: measurementsPreviewSchema,
  }),
  'insight.importMeasurements': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Imports the valid lines of a CSV of measurements; lines with errors are skipped and listed.',
    input: measurementsInput,
    output: z.object({
      accepted: z.number().int(),
      /** Lines whose process already has a measurement at that time. */
      duplicates: z.number().int(),
      rejected: z.number().int(),
      errors: z.array(itemErrorSchema),
      /** Processes whose chart raised a new signal after the import. */
      signalled: z.array(idSchema),
    }),
  }),
};
