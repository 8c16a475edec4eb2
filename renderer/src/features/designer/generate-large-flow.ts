import type { Flow, FlowEdge, FlowNode, NodeType } from '../../contract';
import { defaultConfig, outputHandles, type NodeSpec } from './flow-meta';

const cycle: NodeType[] = [
  'llm',
  'knowledge',
  'condition',
  'set',
  'intent',
  'http',
  'approval',
  'handoff',
  'reply',
];

function dataFor(type: NodeType, index: number): FlowNode['data'] {
  const data = defaultConfig(type) as Record<string, unknown>;
  if (type === 'condition') data.expression = `step${index} > 0`;
  if (type === 'http') {
    data.url = `https://api.example.com/items/${index}`;
    data.allowedHosts = ['api.example.com'];
  }
  if (type === 'approval') data.prompt = `Approve step ${index}?`;
  if (type === 'set') data.assignments = [{ variable: `step${index}`, expression: String(index) }];
  if (type === 'llm') data.outputVariable = `answer${index}`;
  return data as FlowNode['data'];
}

/**
 * A structurally valid flow of `n` nodes (a chat trigger and a chain of every other node type with
 * some branches), laid out in rows of ten: for measuring how the designer copes with large flows.
 */
export function generateLargeFlow(n: number, columns = 10): Flow {
  const count = Math.max(1, Math.floor(n));
  const nodes: FlowNode[] = [];
  for (let i = 0; i < count; i++) {
    const type: NodeType = i === 0 ? 'trigger' : cycle[(i - 1) % cycle.length]!;
    nodes.push({
      id: `n${i}`,
      type,
      label: `${type} ${i}`,
      position: { x: (i % columns) * 288, y: Math.floor(i / columns) * 160 },
      data: dataFor(type, i),
    } as FlowNode);
  }
  const edges: FlowEdge[] = [];
  for (let i = 0; i < count - 1; i++) {
    const { position: _position, ...spec } = nodes[i]!;
    const handles = outputHandles(spec as NodeSpec).filter((handle) => handle.kind !== 'error');
    handles.forEach((handle, h) => {
      const target = Math.min(i + 1 + h, count - 1);
      edges.push({
        id: `e${i}_${handle.id}`,
        source: `n${i}`,
        target: `n${target}`,
        sourceHandle: handle.id,
      });
    });
  }
  return { schemaVersion: 1, nodes, edges, variables: [] };
}
