/**
 * Hostile and random input: 10 000 flow documents through flowSchema and validateFlow, and random
 * expressions, templates and scopes through the expression language. Nothing may throw except the
 * typed errors, problems must be well-formed, and no expression may reach a prototype or function.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowProblemSchema, flowSchema, messageKeys, type Flow, type ModelRef } from '../../../contract';
import { evaluateExpression, ExpressionError, parseExpression } from './expression';
import { renderTemplate, TemplateError } from './template';
import { validateFlow } from './validate';
import { expressionTokens, largeFlow, mutatedFlow, plausibleFlow } from './testing/flow-arbitraries';

const options = {
  isModelAvailable: (ref: ModelRef) => ref.providerId === 'local',
  defaultModel: { providerId: 'local', model: 'mini' },
};

const stats = { documents: 0, parsed: 0, problems: 0 };
const problemList = flowProblemSchema.array();
const knownKeys: ReadonlySet<string> = new Set(messageKeys);

function validateDocument(document: unknown): void {
  stats.documents++;
  const parsed = flowSchema.safeParse(document);
  if (!parsed.success) return;
  stats.parsed++;
  const flow: Flow = parsed.data;
  const problems = validateFlow(flow, options);
  // Plain checks: 190 000 problems through expect() would take most of the time budget.
  if (!problemList.safeParse(problems).success)
    throw new Error(`malformed problems: ${JSON.stringify(problems)}`);
  const nodeIds = new Set(flow.nodes.map((n) => n.id));
  const edgeIds = new Set(flow.edges.map((e) => e.id));
  for (const problem of problems) {
    if (problem.text.length === 0) throw new Error(`empty text: ${JSON.stringify(problem)}`);
    if (
      !knownKeys.has(problem.message.key) ||
      (problem.message.params?.inner !== undefined && !knownKeys.has(String(problem.message.params.inner)))
    )
      throw new Error(`unknown message key: ${JSON.stringify(problem)}`);
    if (problem.nodeId !== null && !nodeIds.has(problem.nodeId))
      throw new Error(`unknown node: ${JSON.stringify(problem)}`);
    if (problem.edgeId !== null && !edgeIds.has(problem.edgeId))
      throw new Error(`unknown edge: ${JSON.stringify(problem)}`);
  }
  if (!flow.nodes.some((n) => n.type === 'trigger')) expect(problems[0]?.code).toBe('missing_trigger');
  stats.problems += problems.length;
}

describe('validateFlow on random documents', () => {
  it('never throws and returns well-formed problems for 10 000 documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (doc) => validateDocument(doc)),
      { numRuns: 1_500 },
    );
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }), (doc) =>
        validateDocument(doc),
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(mutatedFlow, (doc) => validateDocument(doc)),
      { numRuns: 1_500 },
    );
    fc.assert(
      fc.property(plausibleFlow, (doc) => validateDocument(doc)),
      { numRuns: 6_470 },
    );
    fc.assert(
      fc.property(fc.integer(), (seed) => validateDocument(largeFlow(seed))),
      { numRuns: 30 },
    );
    expect(stats.documents).toBe(10_000);
    // Guards against a generator that only produces documents the schema refuses.
    expect(stats.parsed).toBeGreaterThan(3_000);
    expect(stats.problems).toBeGreaterThan(stats.parsed);
  });
});

// ---- expressions --------------------------------------------------------------------------

const protoProbes = [
  'constructor',
  'a.constructor',
  'a["constructor"]',
  'a.__proto__',
  'a["__proto__"]',
  "a['con' + 'structor']",
  'a[k]',
  'a.prototype',
  'toString',
  'a.toString',
  'a.hasOwnProperty',
  'list.map',
  'list.constructor',
  's.length',
  'a.valueOf',
  '__proto__',
  "now()['constructor']",
  '[].constructor',
  'len.constructor',
  '(a ?? b).constructor',
  'string(a).constructor',
  'a[k][k]',
  'a.b.c.d',
  'f',
  'f.call',
  'm.size',
  'd.getTime',
];

const scopeArbitrary = fc.record({
  a: fc.anything({
    maxDepth: 2,
    withNullPrototype: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withBigInt: true,
    withBoxedValues: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  b: fc.jsonValue({ maxDepth: 2 }),
  k: fc.constantFrom('__proto__', 'constructor', 'prototype', 'x', 0, '0', 'length'),
  list: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }),
  s: fc.string({ maxLength: 10 }),
  f: fc.constant(() => 'function'),
  m: fc.constant(new Map([['size', 1]])),
  d: fc.constant(new Date(0)),
  now: fc.oneof(fc.constant(new Date(0)), fc.integer(), fc.constant(undefined)),
});

/** Plain data only: no functions, no prototypes, no host objects (Map, Date, boxed values …). */
function isSafeResult(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (value === Object.prototype || value === Array.prototype) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

function evaluateSafely(source: string, scope: unknown): void {
  const parsed = parseExpression(source);
  if (!parsed.ok) {
    expect(typeof parsed.error.message).toBe('string');
    expect(parsed.error.position).toBeGreaterThanOrEqual(0);
    expect(parsed.error.position).toBeLessThanOrEqual(Math.max(source.length, 2000));
    return;
  }
  try {
    const value = evaluateExpression(parsed.ast, scope);
    expect(isSafeResult(value)).toBe(true);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
  }
}

describe('expressions on random input', () => {
  it('only ever fails with parse errors or ExpressionError, on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60, unit: 'binary' }), scopeArbitrary, evaluateSafely), {
      numRuns: 3_000,
    });
  });

  it('only ever fails with parse errors or ExpressionError, on token soup', () => {
    const soup = fc
      .array(fc.constantFrom(...expressionTokens, ...protoProbes, 'a', 'b', 'list', 's', 'k'), {
        maxLength: 16,
      })
      .map((t) => t.join(' '));
    fc.assert(fc.property(soup, scopeArbitrary, evaluateSafely), { numRuns: 5_000 });
  });

  it('never hands out functions, prototypes or host objects', () => {
    fc.assert(
      fc.property(fc.constantFrom(...protoProbes), scopeArbitrary, (probe, scope) => {
        const parsed = parseExpression(probe);
        if (!parsed.ok) return;
        try {
          const value = evaluateExpression(parsed.ast, scope);
          expect(typeof value).not.toBe('function');
          expect(isSafeResult(value)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
        }
      }),
      { numRuns: 2_000 },
    );
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('renders random templates or refuses them with TemplateError', () => {
    const template = fc
      .array(
        fc.oneof(
          fc.constantFrom('{{', '}}', ' ', 'a', '.', 'b', '[0]', '__proto__', 'k'),
          fc.string({ maxLength: 4 }),
        ),
        { maxLength: 12 },
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(template, scopeArbitrary, (source, scope) => {
        try {
          expect(typeof renderTemplate(source, scope)).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(TemplateError);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
