import { describe, expect, it } from 'vitest';
import { autoLayout } from './layout';
import { generateLargeFlow } from './generate-large-flow';
import { canConnect, flowToGraph } from './graph';

describe('generateLargeFlow', () => {
  it('makes n nodes with unique ids, starting at one trigger, every edge on a real handle', () => {
    const flow = generateLargeFlow(300);
    expect(flow.nodes).toHaveLength(300);
    expect(new Set(flow.nodes.map((node) => node.id)).size).toBe(300);
    expect(flow.nodes.filter((node) => node.type === 'trigger')).toHaveLength(1);
    expect(new Set(flow.nodes.map((node) => node.type)).size).toBe(10);
    const graph = flowToGraph(flow);
    for (const edge of graph.edges) {
      const others = graph.edges.filter((e) => e !== edge);
      expect(canConnect(graph.nodes, others, edge)).toBe(true);
    }
  });

  it('reaches every node from the trigger', () => {
    const flow = generateLargeFlow(120);
    const seen = new Set(['n0']);
    const queue = ['n0'];
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const edge of flow.edges.filter((e) => e.source === id)) {
        if (!seen.has(edge.target)) {
          seen.add(edge.target);
          queue.push(edge.target);
        }
      }
    }
    expect(seen.size).toBe(120);
  });
});

describe('autoLayout', () => {
  it('puts every node below the ones leading into it, on the grid, without overlaps', () => {
    const graph = flowToGraph(generateLargeFlow(40));
    const positions = autoLayout(graph.nodes, graph.edges);
    expect(positions.size).toBe(40);
    for (const edge of graph.edges) {
      if (edge.source === edge.target) continue;
      expect(positions.get(edge.target)!.y).toBeGreaterThan(positions.get(edge.source)!.y);
    }
    for (const { x, y } of positions.values()) {
      expect(x % 16).toBe(0);
      expect(y % 16).toBe(0);
    }
    const boxes = [...positions.values()];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const overlap = Math.abs(boxes[i]!.x - boxes[j]!.x) < 240 && Math.abs(boxes[i]!.y - boxes[j]!.y) < 88;
        expect(overlap).toBe(false);
      }
    }
  });
});
