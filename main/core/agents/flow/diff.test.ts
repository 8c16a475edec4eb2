import { describe, expect, it } from 'vitest';
import { flowDiffSchema, flowSchema, type Flow, type FlowInput } from '../../../contract';
import { diffFlows } from './diff';

const base: FlowInput = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    { id: 'ask', type: 'llm', label: 'Answer', position: { x: 200, y: 0 }, data: { prompt: '{{message}}' } },
    { id: 'bye', type: 'reply', position: { x: 400, y: 0 }, data: { text: 'Bye' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'ask' },
    { id: 'e2', source: 'ask', target: 'bye' },
  ],
};

const parse = (input: FlowInput): Flow => flowSchema.parse(input);
function edit(change: (flow: Flow) => void): Flow {
  const flow = parse(structuredClone(base));
  change(flow);
  return flow;
}

describe('diffFlows', () => {
  it('finds nothing between equal flows, or after sub-pixel moves and renamed connection ids', () => {
    const to = edit((flow) => {
      flow.nodes[1]!.position = { x: 200.6, y: -0.9 };
      flow.edges[0]!.id = 'renamed';
    });
    const diff = diffFlows(parse(base), to);
    expect(flowDiffSchema.parse(diff)).toEqual(diff);
    expect(diff).toEqual({
      addedNodes: [],
      removedNodes: [],
      changedNodes: [],
      addedEdges: [],
      removedEdges: [],
    });
  });

  it('lists added and removed nodes with their type and label', () => {
    const to = edit((flow) => {
      flow.nodes = flow.nodes.filter((node) => node.id !== 'bye');
      flow.nodes.push({
        id: 'hand',
        type: 'handoff',
        label: 'Human',
        position: { x: 0, y: 0 },
        data: { reason: '', queue: 'q' },
      });
    });
    const diff = diffFlows(parse(base), to);
    expect(diff.addedNodes).toEqual([{ id: 'hand', type: 'handoff', label: 'Human' }]);
    expect(diff.removedNodes).toEqual([{ id: 'bye', type: 'reply', label: null }]);
  });

  it('names the changed fields of a node, including label, position and type', () => {
    const to = edit((flow) => {
      const ask = flow.nodes[1]!;
      if (ask.type !== 'llm') throw new Error('fixture');
      ask.data.prompt = 'Answer: {{message}}';
      ask.data.temperature = 0.9;
      ask.data.model = { providerId: 'local', model: 'mini' };
      ask.position = { x: 260, y: 0 };
      ask.label = 'Reply draft';
      flow.nodes[2] = {
        id: 'bye',
        type: 'handoff',
        position: { x: 400, y: 0 },
        data: { reason: 'r', queue: 'q' },
      };
    });
    expect(diffFlows(parse(base), to).changedNodes).toEqual([
      {
        id: 'ask',
        type: 'llm',
        label: 'Reply draft',
        fields: ['label', 'position', 'prompt', 'temperature', 'model'],
      },
      { id: 'bye', type: 'handoff', label: null, fields: ['type', 'text', 'reason', 'queue'] },
    ]);
  });

  it('sees changes deep inside lists and objects', () => {
    const from = parse({
      ...base,
      nodes: [
        {
          id: 'h',
          type: 'http',
          position: { x: 0, y: 0 },
          data: { url: 'https://a.test/', headers: { A: '1' }, allowedHosts: ['a.test'] },
        },
      ],
      edges: [],
    });
    const to = structuredClone(from);
    const node = to.nodes[0]!;
    if (node.type !== 'http') throw new Error('fixture');
    node.data.headers = { A: '2' };
    node.data.allowedHosts = ['a.test'];
    expect(diffFlows(from, to).changedNodes).toEqual([
      { id: 'h', type: 'http', label: null, fields: ['headers'] },
    ]);
  });

  it('lists added and removed connections, a changed loop limit or output as both', () => {
    const to = edit((flow) => {
      flow.edges[1] = { id: 'e2', source: 'ask', target: 'bye', sourceHandle: 'out', loopLimit: 3 };
      flow.edges.push({ id: 'e3', source: 'ask', target: 'bye', sourceHandle: 'error' });
    });
    const diff = diffFlows(parse(base), to);
    expect(diff.addedEdges).toEqual([
      { id: 'e2', source: 'ask', target: 'bye' },
      { id: 'e3', source: 'ask', target: 'bye' },
    ]);
    expect(diff.removedEdges).toEqual([{ id: 'e2', source: 'ask', target: 'bye' }]);
  });

  it('counts repeated identical connections', () => {
    const from = edit((flow) => {
      flow.edges.push({ ...flow.edges[0]!, id: 'dup1' }, { ...flow.edges[0]!, id: 'dup2' });
    });
    const to = edit((flow) => {
      flow.edges.push({ ...flow.edges[0]!, id: 'dup1' });
    });
    expect(diffFlows(from, to)).toMatchObject({ addedEdges: [], removedEdges: [{ id: 'dup2' }] });
    expect(diffFlows(to, from)).toMatchObject({ addedEdges: [{ id: 'dup2' }], removedEdges: [] });
  });
});
