import dagre from '@dagrejs/dagre';
import type { XYPosition } from '@xyflow/react';
import { baseNodeHeight, nodeWidthFor } from './flow-meta';
import type { DesignerEdge, DesignerNode } from './graph';

export const gridSize = 16;

const snap = (value: number) => Math.round(value / gridSize) * gridSize;

/** Top-to-bottom positions for every node (dagre), snapped to the grid; edge order keeps branches in handle order. */
export function autoLayout(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
): Map<string, XYPosition> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 72, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    graph.setNode(node.id, {
      width: node.measured?.width ?? nodeWidthFor(node.data.spec),
      height: node.measured?.height ?? baseNodeHeight,
    });
  }
  const ids = new Set(nodes.map((node) => node.id));
  for (const edge of edges) {
    if (ids.has(edge.source) && ids.has(edge.target) && edge.source !== edge.target) {
      graph.setEdge(edge.source, edge.target);
    }
  }
  dagre.layout(graph);
  const positions = new Map<string, XYPosition>();
  for (const node of nodes) {
    const laid = graph.node(node.id) as { x: number; y: number; width: number; height: number } | undefined;
    if (!laid) continue;
    positions.set(node.id, { x: snap(laid.x - laid.width / 2), y: snap(laid.y - laid.height / 2) });
  }
  return positions;
}
