/** fast-check generators of flow documents, plausible and hostile, shared by the fuzz tests. */
import fc from 'fast-check';
import { nodeTypes } from '../../../../contract';

// ---- building blocks of plausible documents -------------------------------------------------

export const expressionTokens = [
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
export const expressionText = fc.oneof(
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

export const templateText = fc.oneof(
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
export const plausibleFlow = fc.record({
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
export const mutatedFlow = fc
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
export function largeFlow(seed: number): unknown {
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
