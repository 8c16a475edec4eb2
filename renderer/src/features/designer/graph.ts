import type { Edge, Node, XYPosition } from '@xyflow/react';
import type { Flow, FlowEdge, FlowNode, NodeType } from '../../contract';
import { baseNodeHeight, hasInput, nodeWidthFor, outputHandles, type NodeSpec } from './flow-meta';

export interface DesignerNodeData extends Record<string, unknown> {
  spec: NodeSpec;
}
export type DesignerNode = Node<DesignerNodeData, NodeType>;

export interface DesignerEdgeData extends Record<string, unknown> {
  loopLimit?: number;
}
export type DesignerEdge = Edge<DesignerEdgeData>;

export interface Graph {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
}

/** The id of the element holding a node's title on the canvas. */
export const nodeTitleId = (nodeId: string) => `flow-node-${nodeId}-title`;

export const emptyFlow: Flow = { schemaVersion: 1, nodes: [], edges: [], variables: [] };

export function toDesignerNode(node: FlowNode): DesignerNode {
  const { position, ...rest } = node;
  const spec = rest as NodeSpec;
  return {
    id: node.id,
    type: node.type,
    position: { ...position },
    data: { spec },
    // the node's accessible name is its title, shown inside it (FlowNodeView gives it this id)
    domAttributes: { 'aria-labelledby': nodeTitleId(node.id) },
    // a size before the node is measured: fit-to-view and the minimap count nodes not rendered yet
    initialWidth: nodeWidthFor(spec),
    initialHeight: baseNodeHeight,
  };
}

export function toDesignerEdge(edge: FlowEdge): DesignerEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle,
    type: 'smoothstep',
    ariaLabel: `${edge.source} → ${edge.target}${edge.sourceHandle === 'out' ? '' : ` (${edge.sourceHandle})`}`,
    ...(edge.sourceHandle === 'error' ? { className: 'edge-error' } : {}),
    data: edge.loopLimit === undefined ? {} : { loopLimit: edge.loopLimit },
  };
}

/** The contract's flow as React Flow nodes and edges. */
export function flowToGraph(flow: Flow): Graph {
  return { nodes: flow.nodes.map(toDesignerNode), edges: flow.edges.map(toDesignerEdge) };
}

const round = (value: number) => Math.round(value * 100) / 100;

/** React Flow nodes and edges back into the contract's flow (positions rounded, UI state dropped). */
export function graphToFlow(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  base: Flow = emptyFlow,
): Flow {
  return {
    schemaVersion: 1,
    nodes: nodes.map(
      (node) =>
        ({
          ...node.data.spec,
          id: node.id,
          position: { x: round(node.position.x), y: round(node.position.y) },
        }) as FlowNode,
    ),
    edges: edges.map((edge) => {
      const out: FlowEdge = {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        sourceHandle: edge.sourceHandle ?? 'out',
      };
      if (edge.data?.loopLimit !== undefined) out.loopLimit = edge.data.loopLimit;
      return out;
    }),
    variables: base.variables,
  };
}

const idAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomSuffix(length = 6): string {
  let out = '';
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  for (const byte of bytes) out += idAlphabet[byte % idAlphabet.length];
  return out;
}

/** A new id of the contract's shape (letters, digits, - and _) that is not in `taken`. */
export function newId(prefix: string, taken: ReadonlySet<string>): string {
  const clean = prefix.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'n';
  for (;;) {
    const id = `${clean}_${randomSuffix()}`;
    if (!taken.has(id)) return id;
  }
}

export function edgeIdFor(
  source: string,
  handle: string,
  target: string,
  taken: ReadonlySet<string>,
): string {
  const base = `e_${source}_${handle}_${target}`.replace(/[^A-Za-z0-9_-]/g, '');
  if (base.length <= 64 && !taken.has(base)) return base;
  return newId('e', taken);
}

/** Whether an edge may join these two points: a real output handle of the source, into a node with an input. */
export function canConnect(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  connection: { source: string; target: string; sourceHandle?: string | null },
): boolean {
  const source = nodes.find((node) => node.id === connection.source);
  const target = nodes.find((node) => node.id === connection.target);
  if (!source || !target || !hasInput(target.data.spec.type)) return false;
  const handle = connection.sourceHandle ?? 'out';
  if (!outputHandles(source.data.spec).some((h) => h.id === handle)) return false;
  return !edges.some(
    (edge) =>
      edge.source === connection.source &&
      edge.target === connection.target &&
      (edge.sourceHandle ?? 'out') === handle,
  );
}

export function centerOf(nodes: readonly { position: XYPosition }[]): XYPosition {
  if (nodes.length === 0) return { x: 0, y: 0 };
  const sum = nodes.reduce((acc, node) => ({ x: acc.x + node.position.x, y: acc.y + node.position.y }), {
    x: 0,
    y: 0,
  });
  return { x: sum.x / nodes.length, y: sum.y / nodes.length };
}

const insertGap = 64;

/**
 * Adds `node` after `sourceId`: joined to the source's first free output; when every output is in
 * use, put between the source and what its first output leads to (the steps below move down).
 */
export function insertAfter(graph: Graph, sourceId: string, node: DesignerNode): Graph {
  const source = graph.nodes.find((n) => n.id === sourceId);
  const nodes = [...graph.nodes, node];
  if (!source || !hasInput(node.data.spec.type)) return { nodes, edges: graph.edges };
  const handles = outputHandles(source.data.spec).filter((handle) => handle.kind !== 'error');
  const taken = new Set(graph.edges.map((edge) => edge.id));
  const leaves = (edge: DesignerEdge, handle: string) =>
    edge.source === source.id && (edge.sourceHandle ?? 'out') === handle;
  const free = handles.find((handle) => !graph.edges.some((edge) => leaves(edge, handle.id)));
  const link = (from: string, handle: string, to: string) => {
    const id = edgeIdFor(from, handle, to, taken);
    taken.add(id);
    return toDesignerEdge({ id, source: from, target: to, sourceHandle: handle });
  };
  if (free) return { nodes, edges: [...graph.edges, link(source.id, free.id, node.id)] };
  const first = handles[0];
  const out = outputHandles(node.data.spec).find((handle) => handle.kind !== 'error');
  if (!first || !out) return { nodes, edges: graph.edges };
  const moved = graph.edges.filter((edge) => leaves(edge, first.id));
  const shift = (node.initialHeight ?? 88) + insertGap;
  return {
    nodes: nodes.map((n) =>
      n.id !== node.id && n.position.y > source.position.y
        ? { ...n, position: { x: n.position.x, y: n.position.y + shift } }
        : n,
    ),
    edges: [
      ...graph.edges.filter((edge) => !moved.includes(edge)),
      link(source.id, first.id, node.id),
      ...moved.map((edge) => link(node.id, out.id, edge.target)),
    ],
  };
}
