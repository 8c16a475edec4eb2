import { describe, expect, it } from 'vitest';
import { flowProblemSchema, flowSchema, type Flow, type FlowProblem, type ModelRef } from '../../../contract';
import { hasBlockingProblems, validateFlow, type ValidateOptions } from './validate';

const local: ModelRef = { providerId: 'local', model: 'mindframe-mini' };
const options: ValidateOptions = {
  isModelAvailable: (ref) => ref.providerId === 'local',
  defaultModel: local,
};

type NodeSpec = { id: string; type: string; data?: Record<string, unknown>; label?: string };
type EdgeSpec = [source: string, target: string, handle?: string, loopLimit?: number];

function flow(
  nodes: NodeSpec[],
  edges: EdgeSpec[] = [],
  variables: { name: string; value: string }[] = [],
): Flow {
  return flowSchema.parse({
    schemaVersion: 1,
    nodes: nodes.map((node, i) => ({ position: { x: i * 200, y: 0 }, data: {}, ...node })),
    edges: edges.map(([source, target, sourceHandle, loopLimit], i) => ({
      id: `e${i}`,
      source,
      target,
      ...(sourceHandle ? { sourceHandle } : {}),
      ...(loopLimit ? { loopLimit } : {}),
    })),
    variables,
  });
}

const chat: NodeSpec = { id: 'start', type: 'trigger', data: { kind: 'chat' } };
const reply = (id: string, text = 'Thanks!'): NodeSpec => ({ id, type: 'reply', data: { text } });

function check(f: Flow, opts = options): FlowProblem[] {
  const problems = validateFlow(f, opts);
  for (const problem of problems) expect(flowProblemSchema.parse(problem)).toEqual(problem);
  return problems;
}

const codes = (problems: FlowProblem[]) =>
  problems.map((p) => `${p.severity}:${p.code}@${p.nodeId ?? p.edgeId}`);

describe('a well-formed flow', () => {
  it('has no problems', () => {
    const f = flow(
      [
        chat,
        {
          id: 'classify',
          type: 'intent',
          data: {
            intents: [
              { name: 'billing', examples: ['my invoice is wrong'] },
              { name: 'sales', examples: ['I want to buy'] },
            ],
          },
        },
        { id: 'kb', type: 'knowledge', data: { query: '{{ message }}' } },
        {
          id: 'answer',
          type: 'llm',
          data: { systemPrompt: 'Be brief.', prompt: 'Context: {{knowledge.text}}\nQ: {{message}}' },
        },
        { id: 'big', type: 'condition', data: { expression: 'len(answer) > limit' } },
        {
          id: 'calc',
          type: 'set',
          data: { assignments: [{ variable: 'total', expression: 'number(limit) * 2' }] },
        },
        { id: 'human', type: 'handoff', data: { reason: 'Long answer: {{answer}} ({{total}})' } },
        reply('send', '{{answer}}'),
        reply('oops', 'Sorry: {{ error }}'),
        {
          id: 'lookup',
          type: 'http',
          data: { url: 'https://crm.example.com/orders/{{ message }}', allowedHosts: ['crm.example.com'] },
        },
        reply('sales-reply', 'Order: {{http.body.status}}'),
        {
          id: 'nightly',
          type: 'trigger',
          data: { kind: 'schedule', cron: '0 2 * * *', timezone: 'Europe/Amsterdam', message: 'nightly run' },
        },
        { id: 'ask', type: 'approval', data: { prompt: 'Send the report?' } },
        reply('done', 'Report sent'),
        reply('skipped', 'Report skipped'),
      ],
      [
        ['start', 'classify'],
        ['classify', 'kb', 'billing'],
        ['classify', 'lookup', 'sales'],
        ['classify', 'send', 'fallback'],
        ['kb', 'answer'],
        ['kb', 'oops', 'error'],
        ['answer', 'big'],
        ['answer', 'oops', 'error'],
        ['big', 'calc', 'true'],
        ['big', 'send', 'false'],
        ['calc', 'human'],
        ['lookup', 'sales-reply'],
        ['lookup', 'oops', 'error'],
        ['nightly', 'ask'],
        ['ask', 'done', 'approved'],
        ['ask', 'skipped', 'rejected'],
      ],
      [{ name: 'limit', value: '400' }],
    );
    expect(check(f)).toEqual([]);
  });
});

describe('structure', () => {
  it('needs a trigger', () => {
    const problems = check(flow([reply('r')]));
    expect(problems).toContainEqual({
      code: 'missing_trigger',
      severity: 'error',
      nodeId: null,
      edgeId: null,
      field: null,
      text: expect.stringMatching(/Add a trigger/),
      message: { key: 'flow.problem.missing_trigger' },
    });
    expect(problems.some((p) => p.code === 'unreachable')).toBe(false);
  });

  it('reports repeated node and connection ids', () => {
    const problems = check(
      flow(
        [chat, reply('r'), reply('r')],
        [
          ['start', 'r'],
          ['start', 'r'],
        ],
      ),
    );
    const f = flow([chat, reply('r')], [['start', 'r']]);
    f.edges.push({ ...f.edges[0]! });
    expect(codes(problems)).toContain('error:duplicate_id@r');
    expect(codes(check(f))).toContain('error:duplicate_id@e0');
  });

  it('reports connections to or from nodes that do not exist', () => {
    const problems = check(
      flow(
        [chat, reply('r')],
        [
          ['start', 'r'],
          ['start', 'ghost'],
          ['gone', 'r'],
          ['x', 'y'],
        ],
      ),
    );
    const dangling = problems.filter((p) => p.code === 'dangling_edge');
    expect(dangling.map((p) => [p.edgeId, p.nodeId])).toEqual([
      ['e1', 'start'],
      ['e2', 'r'],
      ['e3', null],
    ]);
    expect(dangling[0]!.text).toBe('This connection leads to "ghost", which does not exist.');
  });

  it('reports connections through outputs the node does not have', () => {
    const f = flow(
      [
        chat,
        { id: 'cond', type: 'condition', label: 'Is VIP?', data: { expression: 'true' } },
        { id: 'intent', type: 'intent', data: { intents: [{ name: 'billing', examples: ['x'] }] } },
        reply('r'),
        reply('r2'),
      ],
      [
        ['start', 'cond'],
        ['cond', 'intent', 'out'],
        ['cond', 'intent', 'true'],
        ['cond', 'r', 'false'],
        ['intent', 'r', 'sales'],
        ['intent', 'r', 'billing'],
        ['intent', 'r', 'fallback'],
        ['r', 'r2', 'error'],
        ['r2', 'start'],
      ],
    );
    const problems = check(f).filter((p) => p.code === 'invalid_handle' && p.severity === 'error');
    expect(problems.map((p) => [p.edgeId, p.nodeId, p.text])).toEqual([
      ['e1', 'cond', '"Is VIP?" has no "out" output; its outputs are true, false.'],
      ['e4', 'intent', '"intent" has no intent called "sales"; connect one of: billing, fallback.'],
      ['e7', 'r', '"r" has no "error" output; remove this connection.'],
      ['e8', 'start', 'A trigger starts the flow; nothing can connect into it.'],
    ]);
  });

  it('makes a node without any input an error, and an island without a trigger a warning', () => {
    const f = flow(
      [chat, reply('r'), reply('lonely'), { id: 'a', type: 'set', data: { assignments: [] } }, reply('b')],
      [
        ['start', 'r'],
        ['a', 'b'],
        ['b', 'a', undefined, 3],
      ],
    );
    const problems = check(f);
    expect(problems.filter((p) => p.code === 'missing_input').map((p) => p.nodeId)).toEqual(['lonely']);
    const unreachable = problems.filter((p) => p.code === 'unreachable');
    expect(unreachable.map((p) => [p.nodeId, p.severity])).toEqual([
      ['a', 'warning'],
      ['b', 'warning'],
    ]);
    expect(problems.some((p) => p.code === 'unbounded_cycle')).toBe(false);
  });

  it('warns about outputs with nothing connected, but not about error outputs or end nodes', () => {
    const f = flow(
      [
        chat,
        {
          id: 'i',
          type: 'intent',
          data: {
            intents: [
              { name: 'billing', examples: ['x'] },
              { name: 'sales', examples: ['y'] },
            ],
          },
        },
        { id: 'c', type: 'condition', data: { expression: 'true' } },
        { id: 'l', type: 'llm', data: {} },
        reply('r'),
      ],
      [
        ['start', 'i'],
        ['i', 'c', 'billing'],
        ['c', 'l', 'true'],
        ['l', 'r'],
      ],
    );
    const warnings = check(f).filter((p) => p.severity === 'warning');
    expect(warnings.map((p) => [p.code, p.nodeId, p.field, p.text])).toEqual([
      [
        'invalid_handle',
        'i',
        'intents.1.name',
        'Nothing is connected for intent "sales"; messages recognised as "sales" end the run here.',
      ],
      [
        'invalid_handle',
        'i',
        null,
        'Nothing is connected to "fallback"; messages that match no intent end the run here.',
      ],
      [
        'invalid_handle',
        'c',
        null,
        'Nothing is connected to the "false" output; a run ends here when the condition is false.',
      ],
    ]);
    expect(hasBlockingProblems(warnings)).toBe(false);
  });

  it('warns when nothing follows a trigger or a working node', () => {
    const problems = check(
      flow([chat, { id: 'k', type: 'knowledge', data: {} }, chat2()], [['start2', 'k']]),
    );
    expect(problems.map((p) => [p.severity, p.code, p.nodeId])).toEqual([
      ['warning', 'invalid_handle', 'start'],
      ['warning', 'invalid_handle', 'k'],
    ]);
  });
});

function chat2(): NodeSpec {
  return { id: 'start2', type: 'trigger', data: { kind: 'api' } };
}

describe('loops', () => {
  const set = (id: string): NodeSpec => ({
    id,
    type: 'set',
    data: { assignments: [{ variable: 'n', expression: '1' }] },
  });

  it('reports a loop without a limit once, on the connection that closes it', () => {
    const f = flow(
      [chat, set('a'), set('b'), { ...set('c'), label: 'Count' }, reply('r')],
      [
        ['start', 'a'],
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'r'],
      ],
    );
    const loops = check(f).filter((p) => p.code === 'unbounded_cycle');
    expect(loops).toEqual([
      {
        code: 'unbounded_cycle',
        severity: 'error',
        nodeId: 'a',
        edgeId: 'e3',
        field: null,
        text: 'This loop has no limit: "a" → "b" → "Count" → "a". Set a loop limit on the connection from "Count" to "a" so a run cannot go round forever.',
        message: {
          key: 'flow.problem.unbounded_cycle',
          params: { path: '"a" → "b" → "Count" → "a"', source: 'Count', target: 'a' },
        },
      },
    ]);
  });

  it('accepts a loop with a limit on any of its connections', () => {
    const f = flow(
      [chat, set('a'), set('b'), reply('r')],
      [
        ['start', 'a'],
        ['a', 'b', undefined, 5],
        ['b', 'a'],
        ['b', 'r'],
      ],
    );
    expect(check(f).filter((p) => p.code === 'unbounded_cycle')).toEqual([]);
  });

  it('still reports an inner loop that avoids the limited connection', () => {
    const f = flow(
      [chat, set('a'), set('b'), set('c'), reply('r')],
      [
        ['start', 'a'],
        ['a', 'b', undefined, 5],
        ['b', 'a'],
        ['b', 'c'],
        ['c', 'b'],
        ['c', 'r'],
      ],
    );
    const loops = check(f).filter((p) => p.code === 'unbounded_cycle');
    expect(loops.map((p) => [p.nodeId, p.edgeId])).toEqual([['b', 'e4']]);
  });

  it('reports each separate loop and self-loops', () => {
    const f = flow(
      [chat, set('a'), set('b'), set('c'), set('d'), reply('r')],
      [
        ['start', 'a'],
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'd'],
        ['d', 'c'],
        ['d', 'r'],
      ],
    );
    const loops = check(f).filter((p) => p.code === 'unbounded_cycle');
    expect(loops.map((p) => [p.nodeId, p.edgeId])).toEqual([
      ['a', 'e1'],
      ['c', 'e5'],
    ]);
    expect(loops[0]!.text).toMatch(/"a" → "a"/);
  });
});

describe('variables, expressions and templates', () => {
  it('reports unknown variables with the field and a suggestion', () => {
    const f = flow(
      [
        chat,
        {
          id: 'l',
          type: 'llm',
          data: { outputVariable: 'summary', prompt: 'Summarise {{ mesage }} for {{who}}' },
        },
        { id: 'c', type: 'condition', data: { expression: 'len(sumary) > 10 && customer.vip' } },
        reply('r', '{{ summary }}'),
      ],
      [
        ['start', 'l'],
        ['l', 'c'],
        ['c', 'r', 'true'],
        ['c', 'r', 'false'],
      ],
    );
    const unknown = check(f).filter((p) => p.code === 'unknown_variable');
    expect(unknown.map((p) => [p.nodeId, p.field, p.text])).toEqual([
      ['l', 'prompt', 'Unknown variable "mesage" in the prompt. Did you mean "message"?'],
      ['l', 'prompt', 'Unknown variable "who" in the prompt. No node or flow variable defines it.'],
      ['c', 'expression', 'Unknown variable "sumary" in the condition. Did you mean "summary"?'],
      [
        'c',
        'expression',
        'Unknown variable "customer" in the condition. No node or flow variable defines it.',
      ],
    ]);
  });

  it('knows built-in variables, flow variables and variables set anywhere in the flow', () => {
    const f = flow(
      [
        chat,
        reply('early', '{{late}} {{ run.id }} {{agent.name}} {{history}} {{input}} {{now}} {{greeting}}'),
        { id: 's', type: 'set', data: { assignments: [{ variable: 'late', expression: 'message' }] } },
      ],
      [
        ['start', 's'],
        ['s', 'early'],
      ],
      [{ name: 'greeting', value: 'Hello' }],
    );
    expect(check(f)).toEqual([]);
  });

  it('knows "error" only after an error connection', () => {
    const f = flow(
      [
        chat,
        { id: 'h', type: 'http', data: { url: 'https://a.example.com/', allowedHosts: ['a.example.com'] } },
        reply('failed', 'Failed: {{error}}'),
        reply('fine', 'Done {{ error }}'),
      ],
      [
        ['start', 'h'],
        ['h', 'failed', 'error'],
        ['h', 'fine'],
      ],
    );
    const unknown = check(f).filter((p) => p.code === 'unknown_variable');
    expect(unknown.map((p) => [p.nodeId, p.text])).toEqual([
      [
        'fine',
        '"error" in the text is only set after an error connection. Connect this node to an "error" output to use it.',
      ],
    ]);
  });

  it('reports expression mistakes with their place', () => {
    const f = flow(
      [
        chat,
        { id: 'c', type: 'condition', data: { expression: 'intent = "billing"' } },
        {
          id: 's',
          type: 'set',
          data: {
            assignments: [
              { variable: 'ok', expression: '1 + 1' },
              { variable: 'bad', expression: 'len(' },
              { variable: 'empty', expression: '  ' },
            ],
          },
        },
        reply('r'),
      ],
      [
        ['start', 'c'],
        ['c', 's', 'true'],
        ['c', 'r', 'false'],
        ['s', 'r'],
      ],
    );
    const problems = check(f).filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.code, p.nodeId, p.field, p.text])).toEqual([
      [
        'invalid_expression',
        'c',
        'expression',
        'The condition has a mistake at character 8: Use == to compare values',
      ],
      ['empty_field', 's', 'assignments.2.expression', 'Write the value for "empty".'],
      [
        'invalid_expression',
        's',
        'assignments.1.expression',
        'Assignment 2 has a mistake at character 5: The expression is incomplete',
      ],
    ]);
  });

  it('reports template mistakes in every templated field', () => {
    const f = flow(
      [
        chat,
        {
          id: 'h',
          type: 'http',
          data: {
            url: 'https://a.example.com/{{ id',
            allowedHosts: ['a.example.com'],
            headers: { Authorization: 'Bearer {{ token + 1 }}' },
            body: '{"q": "{{message}}"}',
          },
        },
        reply('r', 'Hi {{ name'),
      ],
      [
        ['start', 'h'],
        ['h', 'r'],
      ],
    );
    const problems = check(f).filter((p) => p.code === 'invalid_template');
    expect(problems.map((p) => [p.nodeId, p.field, p.text])).toEqual([
      ['h', 'url', 'The URL has a mistake at character 23: "{{" is not closed with "}}"'],
      [
        'h',
        'headers.Authorization',
        'The header "Authorization" has a mistake at character 11: Only a variable name or path fits between {{ and }}, like {{ answer }} or {{ knowledge.text }}',
      ],
      ['r', 'text', 'The text has a mistake at character 4: "{{" is not closed with "}}"'],
    ]);
  });
});

describe('node settings', () => {
  const single = (node: NodeSpec, opts = options) => {
    const f = flow(
      [chat, node, reply('after')],
      [
        ['start', node.id],
        [node.id, 'after'],
      ],
    );
    return check(f, opts).filter((p) => p.nodeId === node.id && p.code !== 'invalid_handle');
  };

  it('needs a model whose provider is available', () => {
    const llm = { id: 'l', type: 'llm', data: {} };
    expect(single(llm)).toEqual([]);
    expect(single(llm, { ...options, defaultModel: null })[0]).toMatchObject({
      code: 'missing_provider',
      field: 'model',
      text: "No model to use: choose a model for this node, or set up a provider for the agent's model.",
    });
    expect(single({ ...llm, data: { model: { providerId: 'openai', model: 'gpt-4o' } } })[0]).toMatchObject({
      code: 'missing_provider',
      text: 'The model "gpt-4o" of provider "openai" is not available. Set up that provider or choose another model.',
    });
    const agentModel = { providerId: 'gone', model: 'm1' };
    expect(single(llm, { ...options, defaultModel: agentModel })[0]?.text).toBe(
      'The agent\'s model "m1" of provider "gone" is not available. Set up that provider or choose a model for this node.',
    );
  });

  it.each([
    [undefined, undefined, /needs a cron expression/],
    ['   ', undefined, /needs a cron expression/],
    ['every day', undefined, /it has 2 parts/],
    ['0 0 0 1 1 * 2030', undefined, /it has 7 parts/],
    ['61 * * * *', undefined, /Invalid value for minute/],
    ['0 0 30 2 *', undefined, /never run/],
  ])('checks the schedule %j', (cron, timezone, message) => {
    const trigger = { id: 't', type: 'trigger', data: { kind: 'schedule', cron, timezone } };
    const f = flow([trigger, reply('r')], [['t', 'r']]);
    const problems = check(f).filter((p) => p.code === 'invalid_cron');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ nodeId: 't', field: 'cron', severity: 'error', text: message });
  });

  it('checks the schedule time zone and accepts nicknames', () => {
    const trigger = (cron: string, timezone?: string) => ({
      id: 't',
      type: 'trigger',
      data: { kind: 'schedule', cron, timezone },
    });
    const run = (node: NodeSpec) => check(flow([node, reply('r')], [['t', 'r']]));
    expect(run(trigger('@daily', 'Europe/Oslo'))).toEqual([]);
    expect(run(trigger('*/15 * * * * *'))).toEqual([]);
    expect(run(trigger('0 9 * * 1-5', 'Mars/Olympus'))).toMatchObject([
      {
        code: 'invalid_cron',
        field: 'timezone',
        text: 'Unknown time zone "Mars/Olympus". Use a name like Europe/Amsterdam.',
      },
    ]);
  });

  it('checks http targets statically', () => {
    const http = (url: string, extra: Record<string, unknown> = {}) => ({
      id: 'h',
      type: 'http',
      data: { url, allowedHosts: ['api.example.com'], ...extra },
    });
    expect(single(http('https://api.example.com/x/{{message}}'))).toEqual([]);
    expect(single(http('https://{{host}}/x'))[0]).toMatchObject({ code: 'invalid_url', field: 'url' });
    expect(single(http('https://other.example.com/'))[0]).toMatchObject({
      code: 'blocked_host',
      field: 'url',
    });
    expect(single(http('http://169.254.169.254/', { allowedHosts: ['169.254.169.254'] }))[0]).toMatchObject({
      code: 'blocked_host',
      text: expect.stringMatching(/private network/),
    });
    expect(single(http(' '))[0]).toMatchObject({
      code: 'empty_field',
      field: 'url',
      text: 'Enter the URL to call.',
    });
  });

  it.each([
    [{ id: 'x', type: 'reply', data: { text: ' ' } }, 'error', 'text'],
    [{ id: 'x', type: 'intent', data: { intents: [] } }, 'error', 'intents'],
    [{ id: 'x', type: 'condition', data: { expression: '' } }, 'error', 'expression'],
    [{ id: 'x', type: 'approval', data: { prompt: '' } }, 'error', 'prompt'],
    [{ id: 'x', type: 'llm', data: { prompt: '' } }, 'warning', 'prompt'],
    [{ id: 'x', type: 'knowledge', data: { query: '' } }, 'warning', 'query'],
    [{ id: 'x', type: 'handoff', data: { queue: '' } }, 'warning', 'queue'],
    [{ id: 'x', type: 'set', data: { assignments: [] } }, 'warning', 'assignments'],
    [
      { id: 'x', type: 'intent', data: { intents: [{ name: 'a', examples: [] }] } },
      'warning',
      'intents.0.examples',
    ],
  ])('reports the empty field of %j', (node, severity, field) => {
    const problems = single(node).filter((p) => p.code === 'empty_field');
    expect(problems.map((p) => [p.severity, p.field])).toEqual([[severity, field]]);
  });

  it('refuses repeated intent names and the reserved name fallback', () => {
    const problems = single({
      id: 'i',
      type: 'intent',
      data: {
        intents: [
          { name: 'a', examples: ['x'] },
          { name: 'a', examples: ['y'] },
          { name: 'fallback', examples: ['z'] },
        ],
      },
    });
    expect(problems.filter((p) => p.code === 'duplicate_id').map((p) => p.field)).toEqual([
      'intents.1.name',
      'intents.2.name',
    ]);
  });
});

// how long these take is measured by `npm run bench` (designer.validate_*), not asserted here
describe('large and hostile flows', () => {
  it('validates a 1000-node chain', () => {
    const nodes: NodeSpec[] = [chat];
    const edges: EdgeSpec[] = [];
    for (let i = 0; i < 999; i++) {
      nodes.push({
        id: `n${i}`,
        type: 'set',
        data: { assignments: [{ variable: `v${i}`, expression: `v${Math.max(i - 1, 0)} ?? 1` }] },
      });
      edges.push([i === 0 ? 'start' : `n${i - 1}`, `n${i}`]);
    }
    const f = flow(nodes, edges);
    expect(check(f).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('validates 1000 nodes in one unlimited loop with 5000 connections', () => {
    const nodes: NodeSpec[] = [chat];
    const edges: EdgeSpec[] = [['start', 'n0']];
    for (let i = 0; i < 999; i++)
      nodes.push({ id: `n${i}`, type: 'condition', data: { expression: 'true' } });
    for (let i = 0; i < 999; i++) edges.push([`n${i}`, `n${(i + 1) % 999}`, 'true']);
    for (let i = 0; edges.length < 5000; i++) edges.push([`n${i % 999}`, `n${(i * 7919) % 999}`, 'false']);
    const f = flow(nodes, edges);
    const loops = check(f).filter((p) => p.code === 'unbounded_cycle');
    expect(loops).toHaveLength(1);
    expect(loops[0]!.text).toMatch(/^This loop has no limit: .* Set a loop limit on the connection from/);
  });

  it('validates 1000 disconnected nodes with unknown variables', () => {
    const nodes: NodeSpec[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `n${i}`,
      type: 'llm',
      data: {
        outputVariable: `out_${i}`,
        prompt: `{{ x${i} }} {{ out_${i + 1}x }}`,
        systemPrompt: '{{'.repeat(5000),
      },
    }));
    const problems = check(flow(nodes));
    expect(problems.filter((p) => p.code === 'missing_input')).toHaveLength(1000);
    expect(problems.filter((p) => p.code === 'unknown_variable')).toHaveLength(2000);
  });

  it('checks many different schedules', () => {
    const nodes: NodeSpec[] = Array.from({ length: 300 }, (_, i) => ({
      id: `t${i}`,
      type: 'trigger',
      data: { kind: 'schedule', cron: `${i % 60} ${Math.floor(i / 60)} ${(i % 2) + 30} 2 *` },
    }));
    expect(check(flow(nodes)).filter((p) => p.code === 'invalid_cron')).toHaveLength(50);
  });

  it('does not throw on an empty flow', () => {
    expect(codes(check(flow([])))).toEqual(['error:missing_trigger@null']);
  });
});
