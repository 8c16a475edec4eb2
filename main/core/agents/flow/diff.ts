/**
 * What changed between two versions of a flow, for the version history. Nodes are matched by id;
 * connections by what they connect (source, output, target, loop limit), so a connection that was
 * redrawn between the same nodes is not a change. A move of a pixel or less is not a change either:
 * the designer produces such drift when it snaps or re-lays out a node.
 */
import type { Flow, FlowDiff, FlowEdge, FlowNode } from '../../../contract';

const positionTolerance = 1;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameValue(left[key], right[key])) return false;
  return true;
}

function byId(nodes: readonly FlowNode[]): Map<string, FlowNode> {
  const map = new Map<string, FlowNode>();
  for (const node of nodes) if (!map.has(node.id)) map.set(node.id, node);
  return map;
}

/** Names of what differs between two versions of a node: "type", "label", "position", data fields. */
function changedFields(before: FlowNode, after: FlowNode): string[] {
  const fields: string[] = [];
  if (before.type !== after.type) fields.push('type');
  if ((before.label ?? null) !== (after.label ?? null)) fields.push('label');
  if (
    Math.abs(before.position.x - after.position.x) > positionTolerance ||
    Math.abs(before.position.y - after.position.y) > positionTolerance
  )
    fields.push('position');
  const beforeData = before.data as Record<string, unknown>;
  const afterData = after.data as Record<string, unknown>;
  const keys = new Set([...Object.keys(beforeData), ...Object.keys(afterData)]);
  for (const key of keys) if (!sameValue(beforeData[key], afterData[key])) fields.push(key);
  return fields;
}

const summary = (node: FlowNode) => ({ id: node.id, type: node.type, label: node.label ?? null });
const edgeSummary = (edge: FlowEdge) => ({ id: edge.id, source: edge.source, target: edge.target });
const edgeKey = (edge: FlowEdge) =>
  JSON.stringify([edge.source, edge.sourceHandle, edge.target, edge.loopLimit ?? null]);

export function diffFlows(from: Pick<Flow, 'nodes' | 'edges'>, to: Pick<Flow, 'nodes' | 'edges'>): FlowDiff {
  const before = byId(from.nodes);
  const after = byId(to.nodes);
  const diff: FlowDiff = {
    addedNodes: [],
    removedNodes: [],
    changedNodes: [],
    addedEdges: [],
    removedEdges: [],
  };
  for (const [id, node] of after) {
    const old = before.get(id);
    if (!old) {
      diff.addedNodes.push(summary(node));
      continue;
    }
    const fields = changedFields(old, node);
    if (fields.length > 0) diff.changedNodes.push({ ...summary(node), fields });
  }
  for (const [id, node] of before) if (!after.has(id)) diff.removedNodes.push(summary(node));

  // Multisets of connections: two identical connections and one left over is one removal.
  const unmatched = new Map<string, FlowEdge[]>();
  for (const edge of from.edges) {
    const key = edgeKey(edge);
    const list = unmatched.get(key);
    if (list) list.push(edge);
    else unmatched.set(key, [edge]);
  }
  const matched = new Set<FlowEdge>();
  const taken = new Map<string, number>();
  for (const edge of to.edges) {
    const key = edgeKey(edge);
    const list = unmatched.get(key);
    const used = taken.get(key) ?? 0;
    if (list && used < list.length) {
      matched.add(list[used]!);
      taken.set(key, used + 1);
    } else {
      diff.addedEdges.push(edgeSummary(edge));
    }
  }
  for (const edge of from.edges) if (!matched.has(edge)) diff.removedEdges.push(edgeSummary(edge));
  return diff;
}
