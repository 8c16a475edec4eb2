/**
 * Hostile and random input: 10 000 flow documents through flowSchema and validateFlow, and random
 * expressions, templates and scopes through the expression language. Nothing may throw except the
 * typed errors, problems must be well-formed, and no expression may reach a prototype or function.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowProblemSchema, flowSchema, nodeTypes, type Flow, type ModelRef } from '../../../contract';
import { evaluateExpression, ExpressionError, parseExpression } from './expression';
import { renderTemplate, TemplateError } from './template';
import { validateFlow } from './validate';

const options = {
  isModelAvailable: (ref: ModelRef) => ref.providerId === 'local',
  defaultModel: { providerId: 'local', model: 'mini' },
};

const stats = { documents: 0, parsed: 0, problems: 0 };
const problemList = flowProblemSchema.array();

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
    if (problem.message.length === 0) throw new Error(`empty message: ${JSON.stringify(problem)}`);
    if (problem.nodeId !== null && !nodeIds.has(problem.nodeId))
      throw new Error(`unknown node: ${JSON.stringify(problem)}`);
    if (problem.edgeId !== null && !edgeIds.has(problem.edgeId))
      throw new Error(`unknown edge: ${JSON.stringify(problem)}`);
  }
  if (!flow.nodes.some((n) => n.type === 'trigger')) expect(problems[0]?.code).toBe('missing_trigger');
  stats.problems += problems.length;
}

// ---- building blocks of plausible documents -------------------------------------------------

const expressionTokens = [
  'a',
  'b',
  'message',
  'answer',
  'error',
  'intent',
  'x.y',
  '.',
  'z',
  '[0]',
  '["k"]',
  '[',
  ']',
  '(',
  ')',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '==',
  '!=',
  '<',
  '>=',
  '&&',
  '||',
  '??',
  '!',
  '?',
  ':',
  'in',
  '1',
  '0',
  '2.5',
  '"s"',
  "'t'",
  'true',
  'null',
  'len(',
  'lower(',
  'matches(',
  "'(a+)+$'",
  "'[z-a]'",
  'max(',
  'now()',
  'constructor',
  '__proto__',
  'prototype',
  '.constructor',
  '["__proto__"]',
  'toString',
  '=',
  '&',
  '{{',
  '}}',
  ' ',
];
const expressionText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.constantFrom(...expressionTokens), { maxLength: 14 }).map((t) => t.join(' ')),
  },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom(...expressionTokens), { maxLength: 14 }).map((t) => t.join('')),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const templateText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'Hello',
    '{{message}}',
    '{{ answer }}',
    'Hi {{ name',
    '{{a.b[0]}}',
    '{{ error }}',
    '{{}}',
    '{{ __proto__ }}',
    '{{constructor.constructor}}',
    '{{ a + b }}',
    '{{ x["y z"] }}',
    '}} {{',
    '{{{{a}}}}',
  ),
  fc
    .array(fc.oneof(fc.constantFrom('{{', '}}', ' ', 'knowledge.text', 'http'), expressionText), {
      maxLength: 6,
    })
    .map((p) => p.join('')),
  fc.string({ maxLength: 40 }),
);

const idPool = ['start', 'a', 'b', 'c', 'd', 'e', 'f', 'x-1', 'n_2', 'ghost'];
const nodeId = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom(...idPool) },
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
);
const variableName = fc.oneof(
  fc.constantFrom('answer', 'intent', 'knowledge', 'http', 'total', 'error', 'message'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/),
);
const handle = fc.oneof(
  fc.constantFrom(
    'out',
    'error',
    'true',
    'false',
    'approved',
    'rejected',
    'fallback',
    'billing',
    'sales',
    '',
  ),
  fc.string({ maxLength: 5 }),
);
const cron = fc.oneof(
  fc.constantFrom(
    '* * * * *',
    '0 9 * * 1-5',
    '0 0 30 2 *',
    '@daily',
    '@reboot',
    'bad',
    '',
    '61 * * * *',
    '*/5 * * * * *',
    '0 0 0 1 1 * 2030',
    'L W # ?',
  ),
  fc
    .array(fc.constantFrom('*', '0', '1-5', '*/2', 'MON', 'L', '?', '#', ',', '60', '31', '2'), {
      maxLength: 8,
    })
    .map((p) => p.join(' ')),
  fc.string({ maxLength: 20 }),
);
const url = fc.oneof(
  fc.constantFrom(
    'https://api.example.com/{{x}}',
    'http://127.0.0.1/',
    'http://[::1]/',
    'ftp://x',
    'https://{{h}}/',
    'http://2130706433/',
    '',
    'https://a@b/',
    'not a url',
    'http://0x7f.1/',
    'http://[::ffff:127.0.0.1]/',
    'https://localhost/',
    'http://[fe80::1%25eth0]/',
    'https://api.example.com/{{ unclosed',
    'http://exa\tmple.com/',
  ),
  fc.webUrl(),
  fc.string({ maxLength: 30 }),
);
const hosts = fc.array(
  fc.oneof(
    fc.constantFrom(
      'api.example.com',
      '*.example.com',
      '127.0.0.1',
      '::1',
      '[::1]',
      'localhost',
      '*.',
      '*',
      'https://x.test/',
    ),
    fc.domain(),
    fc.string({ maxLength: 10 }),
  ),
  { maxLength: 4 },
);
const model = fc.record({
  providerId: fc.constantFrom('local', 'openai', 'gone'),
  model: fc.constantFrom('m', 'gpt-4o'),
});
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });

const dataOf: Record<(typeof nodeTypes)[number], fc.Arbitrary<Record<string, unknown>>> = {
  trigger: fc.record(
    {
      kind: fc.constantFrom('chat', 'schedule', 'api', 'schedule'),
      cron: maybe(cron),
      timezone: maybe(fc.constantFrom('Europe/Oslo', 'UTC', 'Mars/Base', '')),
      message: maybe(templateText),
    },
    { requiredKeys: ['kind'] },
  ),
  llm: fc.record(
    {
      systemPrompt: templateText,
      prompt: templateText,
      model: maybe(model),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      maxTokens: fc.integer({ min: 1, max: 32_000 }),
      outputVariable: variableName,
    },
    { requiredKeys: [] },
  ),
  intent: fc.record(
    {
      intents: fc.array(
        fc.record({ name: variableName, examples: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }) }),
        { maxLength: 5 },
      ),
      input: templateText,
      outputVariable: variableName,
    },
    { requiredKeys: ['intents'] },
  ),
  condition: fc.record({ expression: expressionText }),
  knowledge: fc.record(
    { query: templateText, topK: fc.integer({ min: 1, max: 20 }), outputVariable: variableName },
    { requiredKeys: [] },
  ),
  http: fc.record(
    {
      method: fc.constantFrom('GET', 'POST', 'DELETE'),
      url,
      headers: fc.dictionary(fc.string({ maxLength: 8 }), templateText, { maxKeys: 3 }),
      body: maybe(templateText),
      allowedHosts: hosts,
      allowPrivateNetwork: fc.boolean(),
      outputVariable: variableName,
    },
    { requiredKeys: ['url'] },
  ),
  set: fc.record({
    assignments: fc.array(fc.record({ variable: variableName, expression: expressionText }), {
      maxLength: 4,
    }),
  }),
  handoff: fc.record(
    { reason: templateText, queue: fc.constantFrom('', 'support', 'sales') },
    { requiredKeys: [] },
  ),
  approval: fc.record(
    { prompt: templateText, approverRole: fc.constantFrom('admin', 'owner', 'operator') },
    { requiredKeys: ['prompt'] },
  ),
  reply: fc.record({ text: templateText }),
};

const position = fc.record({ x: fc.double({ min: -1e6, max: 1e6, noNaN: true }), y: fc.integer() });
const node = fc.constantFrom(...nodeTypes).chain((type) =>
  fc.record(
    {
      id: nodeId,
      type: fc.constant(type),
      position,
      label: maybe(fc.string({ maxLength: 12 })),
      data: dataOf[type],
    },
    { requiredKeys: ['id', 'type', 'position', 'data'] },
  ),
);
const edge = fc.record(
  {
    id: nodeId,
    source: nodeId,
    target: nodeId,
    sourceHandle: maybe(handle),
    loopLimit: maybe(fc.integer({ min: 0, max: 1001 })),
  },
  { requiredKeys: ['id', 'source', 'target'] },
);
const plausibleFlow = fc.record({
  schemaVersion: fc.oneof(
    { weight: 30, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fc.constant(2) },
  ),
  nodes: fc.array(node, { maxLength: 14 }),
  edges: fc.array(edge, { maxLength: 24 }),
  variables: fc.array(fc.record({ name: variableName, value: fc.string({ maxLength: 8 }) }), {
    maxLength: 3,
  }),
});

/** Insert arbitrary JSON somewhere in a plausible document, to probe the schema's edges. */
const mutatedFlow = fc
  .tuple(plausibleFlow, fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.string({ maxLength: 8 }))
  .map(([doc, junk, at, key]) => {
    const copy = structuredClone(doc) as Record<string, unknown>;
    const targets: Record<string, unknown>[] = [
      copy,
      ...(copy.nodes as Record<string, unknown>[]),
      ...(copy.edges as Record<string, unknown>[]),
    ];
    const target = targets[at % targets.length]!;
    target[key] = junk;
    return copy;
  });

/** A large flow with pathological structure, built from a seed (fast-check is slow at 1000-node arrays). */
function largeFlow(seed: number): unknown {
  let state = seed >>> 0 || 1;
  const random = (n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const count = 200 + random(801);
  const types = ['set', 'condition', 'llm', 'reply', 'intent', 'http', 'trigger'] as const;
  const nodes = Array.from({ length: count }, (_, i) => {
    const type = i === 0 ? 'trigger' : types[random(types.length)]!;
    const id = `n${random(4) === 0 ? random(count) : i}`;
    const data: Record<string, unknown> = {
      trigger: { kind: 'chat' },
      set: { assignments: [{ variable: `v${i}`, expression: `v${random(count)} + 1` }] },
      condition: { expression: random(5) === 0 ? '(('.repeat(40) : `v${random(count)} > ${i}` },
      llm: { prompt: `{{ v${random(count)} }}`, outputVariable: `v${i}` },
      reply: { text: random(3) === 0 ? '{{'.repeat(200) : `{{ v${random(count)} }}` },
      intent: {
        intents: [
          { name: 'a', examples: ['x'] },
          { name: 'b', examples: [] },
        ],
      },
      http: { url: 'https://api.example.com/{{ v1 }}', allowedHosts: ['api.example.com'] },
    }[type]!;
    return { id, type, position: { x: i, y: random(1000) }, data };
  });
  const edgeCount = random(5001);
  const handles = ['out', 'true', 'false', 'error', 'a', 'b', 'fallback', 'nope'];
  const edges = Array.from({ length: edgeCount }, (_, i) => ({
    id: `e${random(10) === 0 ? random(edgeCount) : i}`,
    source: `n${random(count + 5)}`,
    target: `n${random(count + 5)}`,
    sourceHandle: handles[random(handles.length)],
    ...(random(4) === 0 ? { loopLimit: 1 + random(1000) } : {}),
  }));
  return { schemaVersion: 1, nodes, edges, variables: [] };
}

describe('validateFlow on random documents', () => {
  it('never throws and returns well-formed problems for 10 000 documents', () => {
    const started = performance.now();
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
    expect(performance.now() - started).toBeLessThan(20_000);
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
