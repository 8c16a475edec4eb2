import type { FlowNode } from '../../contract';
import { edgeIdFor, newId, toDesignerNode, type DesignerEdge, type DesignerNode, type Graph } from './graph';

export interface ClipboardContent {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
}

/** The selected nodes and the edges between them (edges to unselected nodes stay behind). */
export function copySelection(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
): ClipboardContent | null {
  const picked = nodes.filter((node) => node.selected);
  if (picked.length === 0) return null;
  const ids = new Set(picked.map((node) => node.id));
  return {
    nodes: picked.map((node) => structuredClone(stripUi(node))),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => structuredClone(stripUiEdge(edge))),
  };
}

function stripUi(node: DesignerNode): DesignerNode {
  return { id: node.id, type: node.type, position: node.position, data: node.data };
}

function stripUiEdge(edge: DesignerEdge): DesignerEdge {
  const { selected: _selected, ...rest } = edge;
  return rest;
}

/**
 * Adds the clipboard's nodes with new ids, moved by `offset`, and their inner edges re-pointed at
 * the new ids. The pasted nodes come selected and everything else is deselected.
 */
export function pasteInto(
  graph: Graph,
  clip: ClipboardContent,
  offset = { x: 40, y: 40 },
): Graph & { pastedIds: string[] } {
  const taken = new Set(graph.nodes.map((node) => node.id));
  const remap = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = newId(node.data.spec.type, taken);
    taken.add(id);
    remap.set(node.id, id);
  }
  const pasted: DesignerNode[] = clip.nodes.map((node) => {
    const id = remap.get(node.id)!;
    const spec = structuredClone(node.data.spec);
    spec.id = id;
    return {
      ...toDesignerNode({
        ...spec,
        position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      } as FlowNode),
      selected: true,
    };
  });
  const edgeIds = new Set(graph.edges.map((edge) => edge.id));
  const pastedEdges: DesignerEdge[] = clip.edges.map((edge) => {
    const source = remap.get(edge.source)!;
    const target = remap.get(edge.target)!;
    const id = edgeIdFor(source, edge.sourceHandle ?? 'out', target, edgeIds);
    edgeIds.add(id);
    return { ...structuredClone(edge), id, source, target, selected: false };
  });
  return {
    nodes: [...graph.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)), ...pasted],
    edges: [
      ...graph.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
      ...pastedEdges,
    ],
    pastedIds: pasted.map((node) => node.id),
  };
}
