import { describe, expect, it } from 'vitest';
import type { Flow } from '../../contract';
import { copySelection, pasteInto } from './clipboard';
import { flowToGraph } from './graph';

const flow: Flow = {
  schemaVersion: 1,
  nodes: [
    { id: 'a', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    { id: 'b', type: 'condition', position: { x: 0, y: 100 }, data: { expression: 'x' } },
    { id: 'c', type: 'reply', position: { x: 0, y: 200 }, data: { text: 'yes' } },
    { id: 'd', type: 'reply', position: { x: 200, y: 200 }, data: { text: 'no' } },
  ],
  edges: [
    { id: 'ab', source: 'a', target: 'b', sourceHandle: 'out' },
    { id: 'bc', source: 'b', target: 'c', sourceHandle: 'true' },
    { id: 'bd', source: 'b', target: 'd', sourceHandle: 'false' },
  ],
  variables: [],
};

describe('copy and paste', () => {
  const graph = flowToGraph(flow);
  const selected = {
    nodes: graph.nodes.map((node) => ({ ...node, selected: ['b', 'c'].includes(node.id) })),
    edges: graph.edges,
  };

  it('copies the selected nodes and only the edges between them', () => {
    const clip = copySelection(selected.nodes, selected.edges)!;
    expect(clip.nodes.map((node) => node.id)).toEqual(['b', 'c']);
    expect(clip.edges.map((edge) => edge.id)).toEqual(['bc']);
    expect(copySelection(graph.nodes, graph.edges)).toBeNull();
  });

  it('pastes with new ids, moved, inner edges re-pointed, and selects only the pasted nodes', () => {
    const clip = copySelection(selected.nodes, selected.edges)!;
    const result = pasteInto(selected, clip, { x: 40, y: 40 });
    expect(result.nodes).toHaveLength(6);
    expect(result.edges).toHaveLength(4);
    const [newB, newC] = result.pastedIds;
    expect(newB).toMatch(/^condition_/);
    expect(newC).toMatch(/^reply_/);
    expect(new Set(result.nodes.map((node) => node.id)).size).toBe(6);
    const pastedB = result.nodes.find((node) => node.id === newB)!;
    expect(pastedB.position).toEqual({ x: 40, y: 140 });
    expect(pastedB.data.spec.id).toBe(newB);
    expect(pastedB.data.spec).toMatchObject({ type: 'condition', data: { expression: 'x' } });
    const pastedEdge = result.edges.at(-1)!;
    expect(pastedEdge).toMatchObject({ source: newB, target: newC, sourceHandle: 'true' });
    expect(result.edges.filter((edge) => edge.id === pastedEdge.id)).toHaveLength(1);
    expect(result.nodes.filter((node) => node.selected).map((node) => node.id)).toEqual([newB, newC]);
  });

  it('does not share data with the original nodes', () => {
    const clip = copySelection(selected.nodes, selected.edges)!;
    const result = pasteInto(selected, clip);
    const pasted = result.nodes.find((node) => node.id === result.pastedIds[0])!;
    (pasted.data.spec.data as { expression: string }).expression = 'changed';
    expect((graph.nodes[1]!.data.spec.data as { expression: string }).expression).toBe('x');
  });

  it('pasting twice gives distinct ids each time', () => {
    const clip = copySelection(selected.nodes, selected.edges)!;
    const once = pasteInto(selected, clip);
    const twice = pasteInto(once, clip);
    expect(new Set(twice.nodes.map((node) => node.id)).size).toBe(8);
    expect(new Set(twice.edges.map((edge) => edge.id)).size).toBe(5);
  });
});
