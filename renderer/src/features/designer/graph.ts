import type { Edge, Node, XYPosition } from '@xyflow/react';
import type { Flow, FlowEdge, FlowNode, NodeType } from '../../contract';
import { hasInput, outputHandles, type NodeSpec } from './flow-meta';

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

export const emptyFlow: Flow = { schemaVersion: 1, nodes: [], edges: [], variables: [] };

export function toDesignerNode(node: FlowNode): DesignerNode {
  const { position, ...spec } = node;
  return { id: node.id, type: node.type, position: { ...position }, data: { spec: spec as NodeSpec } };
}

export function toDesignerEdge(edge: FlowEdge): DesignerEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle,
    type: 'smoothstep',
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
export function graphToFlow(nodes: readonly DesignerNode[], edges: readonly DesignerEdge[], base: Flow = emptyFlow): Flow {
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

export function edgeIdFor(source: string, handle: string, target: string, taken: ReadonlySet<string>): string {
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
