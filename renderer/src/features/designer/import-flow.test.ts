import { describe, expect, it } from 'vitest';
import { exportFileName, jsonErrorLine, parseFlowJson } from './import-flow';
import { generateLargeFlow } from './generate-large-flow';

const minimal = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    { id: 'think', type: 'llm', position: { x: 0, y: 100 }, data: {} },
    { id: 'say', type: 'reply', position: { x: 0, y: 200 }, data: { text: '{{answer}}' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'think' },
    { id: 'e2', source: 'think', target: 'say', sourceHandle: 'out' },
  ],
};

describe('importing a flow from JSON', () => {
  it('accepts a valid flow and fills in the contract defaults', () => {
    const result = parseFlowJson(JSON.stringify(minimal));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.flow.variables).toEqual([]);
    expect(result.flow.edges[0]!.sourceHandle).toBe('out');
    expect(result.flow.nodes[1]!.data).toEqual({
      systemPrompt: '',
      prompt: '{{message}}',
      temperature: 0.3,
      maxTokens: 512,
      tools: [],
      outputVariable: 'answer',
    });
  });

  it('accepts an export or template wrapping the flow', () => {
    expect(parseFlowJson(JSON.stringify({ id: 'x', flow: minimal })).ok).toBe(true);
  });

  it('accepts what the large-flow generator makes', () => {
    expect(parseFlowJson(JSON.stringify(generateLargeFlow(300))).ok).toBe(true);
  });

  it('reports broken JSON', () => {
    const result = parseFlowJson('{"schemaVersion": 1,');
    expect(result).toMatchObject({ ok: false, errors: [{ path: '' }] });
    expect(['json', 'json_at']).toContain(result.ok ? '' : result.errors[0]!.code);
  });

  it("keeps only the line of the browser's (English) JSON error", () => {
    const text = '{\n  "a": 1,\n  x}';
    const chromium = new SyntaxError(
      'Expected double-quoted property name in JSON at position 14 (line 3 column 3)',
    );
    expect(jsonErrorLine(text, chromium)).toBe(3);
    expect(jsonErrorLine(text, new SyntaxError('Unexpected token x in JSON at position 14'))).toBe(3);
    expect(jsonErrorLine(text, new SyntaxError('Unexpected end of JSON input'))).toBeNull();
  });

  it('names every wrong field with its path', () => {
    const bad = structuredClone(minimal) as Record<string, unknown> & typeof minimal;
    (bad.nodes[0] as Record<string, unknown>).id = 'has space';
    (bad.nodes[1]!.data as Record<string, unknown>).temperature = 5;
    (bad.nodes[1]!.data as Record<string, unknown>).outputVariable = '1st';
    (bad.nodes[2]!.data as Record<string, unknown>) = {};
    bad.extra = true;
    const result = parseFlowJson(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'nodes.0.id', code: 'pattern', detail: 'id' },
        { path: 'nodes.1.data.temperature', code: 'range', detail: '0–2' },
        { path: 'nodes.1.data.outputVariable', code: 'pattern', detail: 'variable' },
        { path: 'nodes.2.data.text', code: 'required' },
        { path: 'extra', code: 'unknownField' },
      ]),
    );
  });

  it('refuses unknown node types, wrong schema versions and hostile sizes', () => {
    const unknownType = {
      ...minimal,
      nodes: [{ id: 'x', type: 'shell', position: { x: 0, y: 0 }, data: {} }],
      edges: [],
    };
    expect(parseFlowJson(JSON.stringify(unknownType))).toMatchObject({
      ok: false,
      errors: [{ path: 'nodes.0.type', code: 'oneOf' }],
    });
    expect(parseFlowJson(JSON.stringify({ ...minimal, schemaVersion: 2 }))).toMatchObject({
      ok: false,
      errors: [{ path: 'schemaVersion' }],
    });
    const huge = { ...minimal, nodes: Array.from({ length: 1001 }, () => minimal.nodes[0]) };
    expect(parseFlowJson(JSON.stringify(huge))).toMatchObject({
      ok: false,
      errors: [{ path: 'nodes', code: 'tooMany' }],
    });
    expect(parseFlowJson('[]')).toMatchObject({ ok: false, errors: [{ code: 'type' }] });
  });

  it('finds duplicate ids and edges to nodes that do not exist', () => {
    const dup = {
      ...minimal,
      nodes: [...minimal.nodes, minimal.nodes[2]],
      edges: [...minimal.edges, { id: 'e3', source: 'say', target: 'ghost' }],
    };
    const result = parseFlowJson(JSON.stringify(dup));
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: 'nodes.3.id', code: 'duplicateId', detail: 'say' },
        { path: 'edges.2.target', code: 'danglingEdge', detail: 'ghost' },
      ],
    });
  });
});

describe('exportFileName', () => {
  it('makes a safe <agent-name>.flow.json', () => {
    expect(exportFileName('Bike shop helper')).toBe('Bike shop helper.flow.json');
    expect(exportFileName('a/b\\c:d*?"<>|e')).toBe('a b c d e.flow.json');
    expect(exportFileName('   ')).toBe('agent.flow.json');
  });
});
