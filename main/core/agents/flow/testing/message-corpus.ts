/**
 * What the flow checks say, as they say it: flows, expressions, templates, patterns and addresses
 * that make every message of flow-messages.ts the validators and the expression language can
 * produce, and parameters like theirs for the rest (the message tables of the language tests).
 */
import {
  flowSchema,
  type Flow,
  type FlowMessageKey,
  type Message,
  type MessageParams,
  type ModelRef,
} from '../../../../contract';
import type { ExpressionNode } from '../expression-ast';
import { evaluateExpression, parseExpression } from '../expression';
import { compileSafeRegex } from '../safe-regex';
import { parseTemplate, renderTemplate, TemplateError } from '../template';
import { resolvePublicAddress } from '../url-guard';
import { validateFlow, type ValidateOptions } from '../validate';
import { ExpressionError } from '../values';

type NodeSpec = { id: string; type: string; data?: Record<string, unknown>; label?: string };
type EdgeSpec = { source: string; target: string; sourceHandle?: string; loopLimit?: number; id?: string };

function flow(nodes: NodeSpec[], edges: EdgeSpec[] = []): Flow {
  return flowSchema.parse({
    schemaVersion: 1,
    nodes: nodes.map((node, i) => ({ position: { x: i * 200, y: 0 }, data: {}, ...node })),
    edges: edges.map((edge, i) => ({ id: `e${i}`, ...edge })),
  });
}

const local: ModelRef = { providerId: 'local', model: 'mindframe-mini' };
const options: ValidateOptions = {
  isModelAvailable: (ref) => ref.providerId === 'local',
  defaultModel: local,
};

const chat: NodeSpec = { id: 'start', type: 'trigger', label: 'Chat', data: { kind: 'chat' } };
const reply = (id: string, text = 'Thanks!'): NodeSpec => ({
  id,
  type: 'reply',
  label: 'Antwoord',
  data: { text },
});
const set = (id: string, expression = '1'): NodeSpec => ({
  id,
  type: 'set',
  label: 'Tel op',
  data: { assignments: [{ variable: `v_${id}`, expression }] },
});
const edge = (source: string, target: string, extra: Partial<EdgeSpec> = {}): EdgeSpec => ({
  source,
  target,
  ...extra,
});
const schedule = (cron: string | undefined, timezone?: string): NodeSpec => ({
  id: 'start',
  type: 'trigger',
  data: { kind: 'schedule', ...(cron === undefined ? {} : { cron }), ...(timezone ? { timezone } : {}) },
});
/** One node after a chat trigger, ending in a reply. */
const single = (node: NodeSpec): Flow =>
  flow([chat, node, reply('end')], [edge('start', node.id), edge(node.id, 'end')]);
const http = (url: string, extra: Record<string, unknown> = {}): NodeSpec => ({
  id: 'call',
  type: 'http',
  label: 'Bestelling',
  data: { url, allowedHosts: ['api.example.com'], ...extra },
});
const intent = (intents: { name: string; examples: string[] }[]): NodeSpec => ({
  id: 'sort',
  type: 'intent',
  label: 'Sorteer',
  data: { intents },
});

/** Flows whose problems are, between them, every problem the validator has. */
function problemFlows(): [Flow, ValidateOptions][] {
  const withModels = (defaultModel: ModelRef | null): ValidateOptions => ({ ...options, defaultModel });
  const cases: [Flow, ValidateOptions?][] = [
    [flow([reply('r')]), options],
    [
      flow(
        [chat, reply('r'), reply('r')],
        [edge('start', 'r', { id: 'x' }), edge('start', 'r', { id: 'x' })],
      ),
      options,
    ],
    [
      flow(
        [chat, reply('r')],
        [edge('start', 'r'), edge('ghost', 'r'), edge('start', 'nowhere'), edge('ghost', 'nowhere')],
      ),
      options,
    ],
    [
      flow(
        [chat, reply('r'), { id: 'controle', type: 'condition', data: { expression: 'true' } }],
        [
          edge('start', 'controle'),
          edge('controle', 'r', { sourceHandle: 'maybe' }),
          edge('r', 'start', { sourceHandle: 'error' }),
          edge('controle', 'r', { sourceHandle: 'true' }),
        ],
      ),
      options,
    ],
    [
      flow(
        [chat, { id: 'controle', type: 'condition', data: { expression: 'true' } }, reply('r')],
        [edge('start', 'controle'), edge('controle', 'r', { sourceHandle: 'false' })],
      ),
      options,
    ],
    [
      flow(
        [
          chat,
          intent([
            { name: 'billing', examples: ['invoice'] },
            { name: 'sales', examples: [' '] },
          ]),
          reply('r'),
        ],
        [
          edge('start', 'sort'),
          edge('sort', 'r', { sourceHandle: 'billing' }),
          edge('sort', 'r', { sourceHandle: 'nope' }),
        ],
      ),
      options,
    ],
    [
      flow(
        [chat, { id: 'ok', type: 'approval', data: { prompt: 'Refund?' } }, reply('r')],
        [edge('start', 'ok'), edge('ok', 'r', { sourceHandle: 'approved' })],
      ),
      options,
    ],
    [
      flow(
        [chat, { id: 'ok', type: 'approval', data: { prompt: 'Refund?' } }, reply('r')],
        [edge('start', 'ok'), edge('ok', 'r', { sourceHandle: 'rejected' })],
      ),
      options,
    ],
    [
      flow(
        [chat, { id: 'ask', type: 'llm', data: { prompt: 'Hi' } }, reply('r')],
        [edge('start', 'ask'), edge('ask', 'r', { sourceHandle: 'error' })],
      ),
      options,
    ],
    // a trigger with nothing after it; a dead end; a step nothing leads to; an island; a loop
    [flow([chat])],
    [flow([chat, set('a'), reply('lonely')], [edge('start', 'a')])],
    [
      flow(
        [chat, reply('r'), set('a'), set('b')],
        [edge('start', 'r'), edge('a', 'b'), edge('b', 'a', { loopLimit: 3 })],
      ),
    ],
    [
      flow(
        [chat, set('a'), set('b'), reply('r')],
        [edge('start', 'a'), edge('a', 'b'), edge('b', 'a'), edge('b', 'r')],
      ),
    ],
    // variables, templates and expressions
    [single(reply('say', '{{ error }} {{ mesage }} {{ zzzqqqxx }}'))],
    [single(reply('say', 'Hi {{ name'))],
    [single({ id: 'controle', type: 'condition', data: { expression: '1 +' } })],
    // models
    [single({ id: 'ask', type: 'llm', data: { prompt: '' } }), withModels(null)],
    [
      single({
        id: 'ask',
        type: 'llm',
        data: { prompt: 'Hi', model: { providerId: 'gone', model: 'gpt-4o' } },
      }),
    ],
    [
      single({ id: 'ask', type: 'llm', data: { prompt: 'Hi' } }),
      withModels({ providerId: 'gone', model: 'm1' }),
    ],
    // schedules
    [flow([schedule('0 9 * * 1-5', 'Mars/Olympus'), reply('r')], [edge('start', 'r')])],
    [flow([schedule(undefined), reply('r')], [edge('start', 'r')])],
    [flow([schedule('every day'), reply('r')], [edge('start', 'r')])],
    [flow([schedule('0 0 30 2 *'), reply('r')], [edge('start', 'r')])],
    [flow([schedule('61 * * * *'), reply('r')], [edge('start', 'r')])],
    // intents
    [single(intent([]))],
    [
      flow(
        [
          chat,
          intent([
            { name: 'fallback', examples: ['x'] },
            { name: 'a', examples: ['x'] },
            { name: 'a', examples: ['y'] },
          ]),
          reply('r'),
        ],
        [
          edge('start', 'sort'),
          edge('sort', 'r', { sourceHandle: 'a' }),
          edge('sort', 'r', { sourceHandle: 'fallback' }),
        ],
      ),
    ],
    // empty fields
    [single({ id: 's', type: 'set', data: { assignments: [] } })],
    [single({ id: 's', type: 'set', data: { assignments: [{ variable: 'total', expression: ' ' }] } })],
    [single({ id: 'controle', type: 'condition', data: { expression: '' } })],
    [single({ id: 'find', type: 'knowledge', data: { query: '' } })],
    [flow([chat, { id: 'hand', type: 'handoff', data: { queue: '' } }], [edge('start', 'hand')])],
    [single({ id: 'ok', type: 'approval', data: { prompt: ' ' } })],
    [flow([chat, reply('r', ' ')], [edge('start', 'r')])],
    // addresses
    ...[
      ' ',
      'ftp://api.example.com/',
      'api.example.com/x',
      'https://{{host}}/x',
      'https://user:pw@api.example.com/',
      'https://api.exa\tmple.com/',
      'http://[::1/',
      'https://other.example.com/',
    ].map((url): [Flow] => [single(http(url))]),
    [single(http('http://127.0.0.1/', { allowedHosts: ['127.0.0.1'] }))],
    [single(http('http://127.0.0.1/', { allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true }))],
  ];
  return cases.map(([f, o]) => [f, o ?? options]);
}

/** Expressions that do not parse, one for each way. */
export const badExpressions = [
  'a ? b',
  '(1 + 2',
  'len(a',
  'a.',
  'a.b(1)',
  '1 2',
  `${'('.repeat(70)}1${')'.repeat(70)}`,
  'a.constructor',
  'constructor',
  '1 +',
  'in',
  'nope(1)',
  'len()',
  'x'.repeat(2001),
  `'open`,
  '1e999',
  '12abc',
  'a = 1',
  'a & b',
  'a | b',
  'a # b',
  "matches(a, '(x')",
];

const loop: Record<string, unknown> = {};
loop.self = loop;
let deep: Record<string, unknown> = {};
for (let i = 0; i < 70; i++) deep = { inner: deep };
let deeper: Record<string, unknown> = {};
for (let i = 0; i < 70; i++) deeper = { inner: deeper };

/** What the failing expressions below read. */
export const evaluationScope = {
  tags: ['vip'],
  order: { id: 7 },
  key: '__proto__',
  half: 'x'.repeat(600_000),
  halves: ['x'.repeat(600_000), 'x'.repeat(600_000)],
  long: 'x'.repeat(10_001),
  many: Array.from({ length: 20_000 }, (_, i) => i),
  others: Array.from({ length: 20_000 }, (_, i) => i),
  loop,
  deep,
  deeper,
};

/** Expressions that parse and fail when worked out, one for each way. */
export const failingExpressions = [
  'half + half',
  'tags + 1',
  'null + 1',
  'tags - 1',
  'tags * 1',
  'tags / 1',
  'tags % 1',
  'tags < 1',
  '"a" < 1',
  'order[true]',
  '-"a"',
  'order[key]',
  'round("a")',
  'contains("abc", tags)',
  'contains(order, 1)',
  'contains(1, 1)',
  'max(1, "a")',
  'round(1, 20)',
  'len(1)',
  'matches("a", 1)',
  'matches("a", "a", 1)',
  'matches(long, "a")',
  'string(halves)',
  'string(deep)',
  'string(loop)',
  'many == others',
  'deep == deeper',
];

/** Trees the parser never makes (it refuses them first), for the evaluator's own guards. */
function unparsedTrees(): ExpressionNode[] {
  let nested: ExpressionNode = { kind: 'literal', value: true, position: 0 };
  for (let i = 0; i < 70; i++) nested = { kind: 'unary', operator: '!', operand: nested, position: 0 };
  return [
    nested,
    { kind: 'call', name: 'len', args: [], position: 0 },
    { kind: 'call', name: 'nope', args: [], position: 0 },
    { kind: 'variable', name: 'constructor', position: 0 },
  ];
}

const badTemplates = ['Hi {{ name', '{{ a {{ b }}', '{{}}', '{{ a + b }}'];

/** Patterns of matches() that are refused, one for each way (with their flags). */
export const badPatterns: [string, string][] = [
  ['a)', ''],
  ['*', ''],
  ['a{3,1}', ''],
  ['a{2000}', ''],
  [`${'('.repeat(51)}a${')'.repeat(51)}`, ''],
  ['(?<ab', ''],
  ['(?=a)', ''],
  ['(a', ''],
  ['a\\', ''],
  ['[\\B]', ''],
  ['\\01', ''],
  ['\\u{zz}', ''],
  ['(a)\\1', ''],
  ['\\q', ''],
  ['\\xZZ', ''],
  ['\\pL', ''],
  ['\\p{!}', ''],
  ['\\p{Nope}', ''],
  ['[a', ''],
  ['[\\d-z]', ''],
  ['[z-a]', ''],
  ['(a{1000}){3}', ''],
  ['a'.repeat(201), ''],
  ['a', 'x'],
];

/**
 * Messages the flow checks can make but no input reaches any more (an earlier check refuses it
 * first); the language tests render them from the parameter table.
 */
export const unreachableFlowKeys: ReadonlySet<FlowMessageKey> = new Set<FlowMessageKey>([
  // the URL parser never leaves a host empty once the address passed the earlier checks
  'flow.url.no_host',
  // \b in a class is a backspace, and \B is refused with its own message
  'flow.regex.assertion_in_class',
]);

/** Every message the validators, the expression language, templates, patterns and the URL guard say. */
export async function flowMessageCorpus(): Promise<Message[]> {
  const said: Message[] = [];
  for (const [f, o] of problemFlows()) for (const problem of validateFlow(f, o)) said.push(problem.message);
  for (const source of badExpressions) {
    const parsed = parseExpression(source);
    if (parsed.ok) throw new Error(`expected ${source} not to parse`);
    said.push(parsed.error.detail);
  }
  const failures: unknown[] = [];
  for (const source of failingExpressions) {
    const parsed = parseExpression(source);
    if (!parsed.ok) throw new Error(`expected ${source} to parse: ${parsed.error.message}`);
    failures.push(attempt(() => evaluateExpression(parsed.ast, evaluationScope), source));
  }
  for (const tree of unparsedTrees())
    failures.push(attempt(() => evaluateExpression(tree, evaluationScope), tree.kind));
  for (const failure of failures) said.push((failure as ExpressionError).detail);
  for (const source of badTemplates) {
    const parsed = parseTemplate(source);
    if (parsed.ok) throw new Error(`expected ${source} not to parse`);
    said.push(parsed.error.detail);
  }
  const tooLong = attempt(() => renderTemplate('{{ half }}{{ half }}', evaluationScope), 'template');
  if (!(tooLong instanceof TemplateError)) throw new Error('expected a TemplateError');
  said.push(tooLong.detail);
  for (const [pattern, flags] of badPatterns) {
    const compiled = compileSafeRegex(pattern, flags);
    if (compiled.ok) throw new Error(`expected ${pattern} to be refused`);
    said.push(compiled.problem.message);
  }
  const rebound = await resolvePublicAddress(
    'https://api.example.com/',
    { allowedHosts: ['api.example.com'], allowPrivateNetwork: false },
    async () => [{ address: '127.0.0.1', family: 4 }],
  );
  if (rebound.ok) throw new Error('expected the private answer to be refused');
  said.push(rebound.detail);
  return said;
}

function attempt(work: () => unknown, what: string): unknown {
  try {
    work();
  } catch (error) {
    if (error instanceof ExpressionError || error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${what} to fail`);
}

/** The messages inside a message (its `inner` and `step`), and itself. */
export function withNested(message: Message): string[] {
  const keys = [message.key];
  for (const name of ['inner', 'step']) {
    const nested = message.params?.[name];
    if (typeof nested === 'string') keys.push(nested);
  }
  return keys;
}

const node = { node: 'Vraag het model' };
const types = { left: 'list', right: 'number' };

/** Parameters like the core's for every message of flow-messages.ts. */
export const flowMessageSamples: Record<FlowMessageKey, MessageParams> = {
  'flow.problem.missing_trigger': {},
  'flow.problem.duplicate_node_id': { id: 'antwoord' },
  'flow.problem.duplicate_edge_id': { id: 'e1' },
  'flow.problem.dangling_both': { source: 'spook', target: 'nergens' },
  'flow.problem.dangling_source': { source: 'spook' },
  'flow.problem.dangling_target': { target: 'nergens' },
  'flow.problem.no_error_output': { node: 'Antwoord' },
  'flow.problem.no_intent_output': {
    node: 'Sorteer',
    intent: 'retour',
    outputs: 'factuur, verkoop, fallback',
  },
  'flow.problem.no_output': { node: 'Controle', output: 'misschien', outputs: 'true, false' },
  'flow.problem.into_trigger': {},
  'flow.problem.open_true': {},
  'flow.problem.open_false': {},
  'flow.problem.open_fallback': {},
  'flow.problem.open_intent': { intent: 'verkoop' },
  'flow.problem.open_approved': {},
  'flow.problem.open_rejected': {},
  'flow.problem.open_output': { output: 'out' },
  'flow.problem.trigger_unconnected': {},
  'flow.problem.dead_end': {},
  'flow.problem.missing_input': {},
  'flow.problem.unreachable': {},
  'flow.problem.unbounded_cycle': { path: '"a" → "b" → "a"', source: 'b', target: 'a' },
  'flow.problem.error_variable': { field: 'header', header: 'Accept' },
  'flow.problem.unknown_variable': { name: 'klant', field: 'prompt' },
  'flow.problem.unknown_variable_hint': {
    name: 'mesage',
    suggestion: 'message',
    field: 'assignment',
    assignment: 2,
  },
  'flow.problem.mistake': { field: 'expression', column: 3, inner: 'flow.expr.incomplete' },
  'flow.problem.no_model': {},
  'flow.problem.model_unavailable': { model: 'gpt-4o', provider: 'openai' },
  'flow.problem.agent_model_unavailable': { model: 'llama3', provider: 'ollama' },
  'flow.problem.empty_prompt': {},
  'flow.problem.unknown_timezone': { zone: 'Mars/Olympus' },
  'flow.problem.cron_missing': {},
  'flow.problem.cron_parts': { parts: 2 },
  'flow.problem.cron_never': {},
  'flow.problem.cron_invalid': { cron: '61 * * * *' },
  'flow.problem.no_intents': {},
  'flow.problem.intent_named_fallback': {},
  'flow.problem.intent_twice': { intent: 'factuur' },
  'flow.problem.intent_no_examples': { intent: 'factuur' },
  'flow.problem.no_assignments': {},
  'flow.problem.assignment_empty': { variable: 'totaal' },
  'flow.problem.condition_empty': {},
  'flow.problem.query_empty': {},
  'flow.problem.queue_empty': {},
  'flow.problem.approval_prompt_empty': {},
  'flow.problem.reply_empty': {},
  'flow.url.empty': {},
  'flow.url.scheme': {},
  'flow.url.no_scheme': {},
  'flow.url.host_placeholder': {},
  'flow.url.credentials': {},
  'flow.url.host_spaces': {},
  'flow.url.invalid': {},
  'flow.url.no_host': {},
  'flow.url.private': { host: '192.168.1.10' },
  'flow.url.private_not_allowed': { address: '192.168.1.10:8080' },
  'flow.url.not_allowed': { host: 'crm.voorbeeld.nl' },
  'flow.url.resolves_private': { host: 'intern.voorbeeld.nl' },
  'flow.expr.expected_colon': { found: 'end' },
  'flow.expr.expected': { symbol: ')', found: 'number', token: 2 },
  'flow.expr.expected_close_or_comma': { found: 'name', token: 'b' },
  'flow.expr.expected_property': { found: 'symbol', token: '(' },
  'flow.expr.only_builtin_calls': {},
  'flow.expr.unexpected': { found: 'text' },
  'flow.expr.too_deep': { limit: 64 },
  'flow.expr.nested_too_deeply': {},
  'flow.expr.forbidden_property': { name: '__proto__' },
  'flow.expr.forbidden_name': { name: 'constructor' },
  'flow.expr.incomplete': {},
  'flow.expr.in_needs_values': {},
  'flow.expr.unknown_function': { name: 'som', functions: 'len, lower, upper' },
  'flow.expr.argument_count': { name: 'len', usage: 'len(value)' },
  'flow.expr.too_long': { limit: 2000 },
  'flow.expr.missing_quote': {},
  'flow.expr.number_too_large': {},
  'flow.expr.number_letters': {},
  'flow.expr.use_equals': {},
  'flow.expr.use_and': {},
  'flow.expr.use_or': {},
  'flow.expr.unexpected_character': { character: '#' },
  'flow.expr.text_too_long': {},
  'flow.expr.cannot_add': types,
  'flow.expr.cannot_add_null': { left: 'null', right: 'text' },
  'flow.expr.cannot_subtract': types,
  'flow.expr.cannot_multiply': types,
  'flow.expr.cannot_divide': types,
  'flow.expr.cannot_remainder': types,
  'flow.expr.cannot_compare': { left: 'object', right: 'boolean' },
  'flow.expr.cannot_compare_text': { left: 'text', right: 'number' },
  'flow.expr.property_key_type': { type: 'boolean' },
  'flow.expr.cannot_negate': { type: 'text' },
  'flow.expr.use': { usage: 'len(value)' },
  'flow.expr.needs_number': { function: 'round()', type: 'text' },
  'flow.expr.cannot_look_for': { type: 'list' },
  'flow.expr.object_keys_text': { type: 'number' },
  'flow.expr.cannot_look_inside': { type: 'number' },
  'flow.expr.numbers_only': { function: 'max()', type: 'text' },
  'flow.expr.round_digits': {},
  'flow.expr.len_types': { type: 'number' },
  'flow.expr.pattern_text': {},
  'flow.expr.flags_text': {},
  'flow.expr.matches_limit': { limit: 10_000 },
  'flow.expr.value_too_large': {},
  'flow.expr.value_too_deep': {},
  'flow.expr.value_contains_itself': {},
  'flow.expr.too_many_steps': {},
  'flow.expr.values_too_deep': {},
  'flow.template.not_closed': {},
  'flow.template.not_closed_before_next': {},
  'flow.template.empty_placeholder': {},
  'flow.template.only_path': {},
  'flow.template.too_long': { limit: 1_000_000 },
  'flow.regex.unexpected': { character: ')' },
  'flow.regex.nothing_to_repeat': {},
  'flow.regex.quantifier_order': {},
  'flow.regex.repeat_limit': { limit: 1000 },
  'flow.regex.too_deep': {},
  'flow.regex.group_name': {},
  'flow.regex.lookaround': {},
  'flow.regex.unterminated_group': {},
  'flow.regex.trailing_backslash': {},
  'flow.regex.boundary_in_class': {},
  'flow.regex.octal': {},
  'flow.regex.unicode_escape': {},
  'flow.regex.backreference': {},
  'flow.regex.unknown_escape': { escape: '\\q' },
  'flow.regex.hex_escape': {},
  'flow.regex.property_brace': {},
  'flow.regex.property_invalid': {},
  'flow.regex.property_unknown': { name: 'Nope' },
  'flow.regex.unterminated_class': {},
  'flow.regex.range_invalid': {},
  'flow.regex.range_order': {},
  'flow.regex.assertion_in_class': {},
  'flow.regex.too_complex': { limit: 2000 },
  'flow.regex.too_long': { limit: 200 },
  'flow.regex.unknown_flag': { flag: 'x' },
  'runs.error.cancelled': {},
  'runs.error.interrupted': {},
  'runs.error.exported': {},
  'runs.error.rejected': { by: 'Olivia' },
  'runs.error.rejected_comment': { by: 'Olivia', comment: 'Te duur' },
  'runs.error.no_trigger_chat': {},
  'runs.error.no_trigger_schedule': {},
  'runs.error.no_trigger_api': {},
  'runs.error.step_limit': { limit: 200 },
  'runs.error.unexpected': {},
  'runs.error.budget_tokens': { used: 1250, limit: 1000 },
  'runs.error.budget_cost': {},
  'runs.error.step_failed': {
    ...node,
    step: 'runs.error.models_failed',
    inner: 'providers.error.http_status',
    status: 503,
  },
  'runs.error.step_timeout': { seconds: 120 },
  'runs.error.no_model': {},
  'runs.error.models_failed': { inner: 'providers.error.unreachable_code', code: 'ECONNREFUSED' },
  'runs.error.provider_gone': { model: 'gpt-4o' },
  'runs.error.model_failed': {},
  'runs.error.http_too_large': {},
  'runs.error.http_timeout': { seconds: 30 },
  'runs.error.http_unreachable': {},
  'runs.error.http_unreachable_code': { code: 'ECONNREFUSED' },
  'runs.error.http_failed': {},
  'runs.error.expression': { inner: 'flow.expr.cannot_add', ...types },
  'runs.error.expression_at': {
    column: 7,
    inner: 'flow.expr.cannot_compare_text',
    left: 'text',
    right: 'number',
  },
  'runs.error.template': { path: 'order.total', inner: 'flow.expr.value_contains_itself' },
  'runs.error.step_unexpected': {},
};
