import { describe, expect, it } from 'vitest';
import type { Flow } from '../../contract';
import { canConnect, flowToGraph, graphToFlow, insertAfter, newId, toDesignerNode } from './graph';
import { outputHandles } from './flow-meta';

const flow: Flow = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    {
      id: 'route',
      type: 'intent',
      label: 'What do they want?',
      position: { x: 10.123, y: 100 },
      data: {
        intents: [
          { name: 'repair', examples: ['my chain is broken'] },
          { name: 'booking', examples: [] },
        ],
        input: '{{message}}',
        outputVariable: 'intent',
      },
    },
    { id: 'check', type: 'condition', position: { x: 0, y: 200 }, data: { expression: 'x > 1' } },
    { id: 'say', type: 'reply', position: { x: 0, y: 300 }, data: { text: 'Hi {{name}}' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'route', sourceHandle: 'out' },
    { id: 'e2', source: 'route', target: 'check', sourceHandle: 'repair' },
    { id: 'e3', source: 'check', target: 'say', sourceHandle: 'false', loopLimit: 3 },
  ],
  variables: [{ name: 'shop', value: 'Bike Bros' }],
};

describe('flow <-> React Flow conversion', () => {
  it('round-trips a flow, keeping labels, handles, loop limits and variables', () => {
    const graph = flowToGraph(flow);
    expect(graph.nodes.map((node) => node.type)).toEqual(['trigger', 'intent', 'condition', 'reply']);
    expect(graph.nodes[1]!.data.spec.label).toBe('What do they want?');
    expect(graph.edges[1]!.sourceHandle).toBe('repair');
    const back = graphToFlow(graph.nodes, graph.edges, flow);
    expect(back).toEqual({
      ...flow,
      nodes: flow.nodes.map((node) =>
        node.id === 'route' ? { ...node, position: { x: 10.12, y: 100 } } : node,
      ),
    });
  });

  it('drops what only the canvas knows (selection, measured size) and takes moved positions', () => {
    const graph = flowToGraph(flow);
    const moved = graph.nodes.map((node) => ({
      ...node,
      selected: true,
      measured: { width: 240, height: 80 },
      position: node.id === 'say' ? { x: 500, y: 600 } : node.position,
    }));
    const back = graphToFlow(moved, graph.edges, flow);
    expect(back.nodes.find((node) => node.id === 'say')!.position).toEqual({ x: 500, y: 600 });
    expect(JSON.stringify(back)).not.toMatch(/selected|measured/);
  });

  it('does not share objects with the flow it came from', () => {
    const graph = flowToGraph(flow);
    graph.nodes[0]!.position.x = 999;
    expect(flow.nodes[0]!.position.x).toBe(0);
  });
});

describe('handles', () => {
  const graph = flowToGraph(flow);
  const spec = (id: string) => graph.nodes.find((node) => node.id === id)!.data.spec;

  it('follow the contract: intents and fallback, true/false, error on failing nodes', () => {
    expect(outputHandles(spec('route')).map((h) => h.id)).toEqual(['repair', 'booking', 'fallback']);
    expect(outputHandles(spec('check')).map((h) => h.id)).toEqual(['true', 'false']);
    expect(
      outputHandles({ id: 'k', type: 'knowledge', data: { query: '', topK: 3, outputVariable: 'k' } }).map(
        (h) => h.id,
      ),
    ).toEqual(['out', 'error']);
    expect(
      outputHandles({ id: 'a', type: 'approval', data: { prompt: '', approverRole: 'admin' } }).map(
        (h) => h.id,
      ),
    ).toEqual(['approved', 'rejected']);
  });

  it('only connect real handles into nodes that take input, without duplicates', () => {
    expect(
      canConnect(graph.nodes, graph.edges, { source: 'check', target: 'say', sourceHandle: 'true' }),
    ).toBe(true);
    expect(
      canConnect(graph.nodes, graph.edges, { source: 'check', target: 'say', sourceHandle: 'false' }),
    ).toBe(false);
    expect(
      canConnect(graph.nodes, graph.edges, { source: 'check', target: 'say', sourceHandle: 'out' }),
    ).toBe(false);
    expect(
      canConnect(graph.nodes, graph.edges, { source: 'say', target: 'start', sourceHandle: 'out' }),
    ).toBe(false);
    expect(
      canConnect(graph.nodes, graph.edges, { source: 'say', target: 'nowhere', sourceHandle: 'out' }),
    ).toBe(false);
  });
});

describe('newId', () => {
  it('makes ids of the contract shape that are not taken', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const id = newId('llm', taken);
      expect(id).toMatch(/^llm_[a-z0-9]{6}$/);
      expect(taken.has(id)).toBe(false);
      taken.add(id);
    }
    expect(newId('ü ?', new Set())).toMatch(/^n_[a-z0-9]{6}$/);
  });
});

describe('insertAfter', () => {
  const condition = () =>
    toDesignerNode({ id: 'c', type: 'condition', position: { x: 0, y: 150 }, data: { expression: '' } });

  it('joins the new step to a free output of the source', () => {
    const graph = flowToGraph({ ...flow, edges: flow.edges.filter((edge) => edge.id !== 'e3') });
    const result = insertAfter(
      graph,
      'check',
      toDesignerNode({ id: 'r', type: 'reply', position: { x: 0, y: 250 }, data: { text: '' } }),
    );
    expect(result.edges.at(-1)).toMatchObject({ source: 'check', sourceHandle: 'true', target: 'r' });
    expect(result.nodes.find((node) => node.id === 'say')!.position).toEqual({ x: 0, y: 300 });
  });

  it('goes in between when the output is taken, moving the steps below down', () => {
    const graph = flowToGraph(flow);
    const result = insertAfter(graph, 'start', condition());
    const links = result.edges.map((edge) => `${edge.source}:${edge.sourceHandle}->${edge.target}`);
    expect(links).toContain('start:out->c');
    expect(links).toContain('c:true->route');
    expect(links).not.toContain('start:out->route');
    expect(new Set(result.edges.map((edge) => edge.id)).size).toBe(result.edges.length);
    expect(result.nodes.find((node) => node.id === 'route')!.position.y).toBeGreaterThan(100);
    expect(result.nodes.find((node) => node.id === 'start')!.position.y).toBe(0);
    expect(result.nodes.find((node) => node.id === 'c')!.position.y).toBe(150);
  });

  it('never leads into a start step', () => {
    const graph = flowToGraph(flow);
    const result = insertAfter(
      graph,
      'say',
      toDesignerNode({ id: 't2', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'api' } }),
    );
    expect(result.edges).toEqual(graph.edges);
  });
});
