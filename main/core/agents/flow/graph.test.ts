import { describe, expect, it } from 'vitest';
import { flowSchema, type FlowNode } from '../../../contract';
import {
  buildGraph,
  reachableFrom,
  sourceHandles,
  stronglyConnectedComponents,
  unboundedCycles,
} from './graph';

const node = (value: unknown): FlowNode =>
  flowSchema.shape.nodes.element.parse({ id: 'n', position: { x: 0, y: 0 }, ...(value as object) });

describe('sourceHandles', () => {
  it('lists the outputs of each node type', () => {
    expect(sourceHandles(node({ type: 'trigger', data: { kind: 'chat' } }))).toEqual(['out']);
    expect(sourceHandles(node({ type: 'llm', data: {} }))).toEqual(['out', 'error']);
    expect(sourceHandles(node({ type: 'knowledge', data: {} }))).toEqual(['out', 'error']);
    expect(sourceHandles(node({ type: 'http', data: { url: '' } }))).toEqual(['out', 'error']);
    expect(sourceHandles(node({ type: 'set', data: { assignments: [] } }))).toEqual(['out']);
    expect(sourceHandles(node({ type: 'reply', data: { text: '' } }))).toEqual(['out']);
    expect(sourceHandles(node({ type: 'handoff', data: {} }))).toEqual(['out']);
    expect(sourceHandles(node({ type: 'condition', data: { expression: '' } }))).toEqual(['true', 'false']);
    expect(sourceHandles(node({ type: 'approval', data: { prompt: '' } }))).toEqual(['approved', 'rejected']);
    expect(
      sourceHandles(
        node({
          type: 'intent',
          data: {
            intents: [
              { name: 'a', examples: [] },
              { name: 'b', examples: [] },
            ],
          },
        }),
      ),
    ).toEqual(['a', 'b', 'fallback']);
  });
});

describe('stronglyConnectedComponents', () => {
  it('finds components without recursion, even for a 100 000-node path and ring', () => {
    const count = 100_000;
    const path = Array.from({ length: count }, (_, i) => (i + 1 < count ? [i + 1] : []));
    expect(stronglyConnectedComponents(path)).toHaveLength(count);
    const ring = Array.from({ length: count }, (_, i) => [(i + 1) % count]);
    const components = stronglyConnectedComponents(ring);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(count);
  });

  it('separates components', () => {
    const components = stronglyConnectedComponents([[1], [2], [0, 3], [4], [3], [0]]);
    // Reverse topological order: a component comes before the components that lead to it.
    expect(components.map((c) => [...c].sort())).toEqual([[3, 4], [0, 1, 2], [5]]);
  });
});

describe('flow graph', () => {
  const flow = flowSchema.parse({
    schemaVersion: 1,
    nodes: [
      { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
      { id: 'a', type: 'set', position: { x: 0, y: 0 }, data: { assignments: [] } },
      { id: 'b', type: 'set', position: { x: 0, y: 0 }, data: { assignments: [] } },
      { id: 'a', type: 'reply', position: { x: 0, y: 0 }, data: { text: 'dup' } },
      { id: 'x', type: 'reply', position: { x: 0, y: 0 }, data: { text: 'island' } },
    ],
    edges: [
      { id: '1', source: 't', target: 'a' },
      { id: '2', source: 'a', target: 'b' },
      { id: '3', source: 'b', target: 'a', loopLimit: 2 },
      { id: '4', source: 'b', target: 'b' },
      { id: '5', source: 'b', target: 'missing' },
    ],
  });

  it('keeps the first node of a repeated id and drops dangling edges', () => {
    const graph = buildGraph(flow);
    expect(graph.nodes.map((n) => n.id)).toEqual(['t', 'a', 'b', 'x']);
    expect(graph.edges.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    expect(graph.incomingCount).toEqual([0, 2, 2, 0]);
    expect(reachableFrom(graph, [0])).toEqual([0, 1, 2]);
  });

  it('finds loops without a limit only', () => {
    const cycles = unboundedCycles(buildGraph(flow));
    expect(cycles).toEqual([{ nodes: [2], edges: [3] }]);
  });
});
